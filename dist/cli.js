#!/usr/bin/env node
import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  safeLine
} from "./chunks/chunk-QCJK5ES2.js";
import "./chunks/chunk-SSKGB3OA.js";

// src/cli.ts
import { readFileSync } from "node:fs";
import * as nodeModule from "node:module";
var fail = (error) => {
  process.stderr.write(`plangate: internal error: ${safeLine(error instanceof Error ? error.message : String(error))}
`);
  process.exit(2);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
nodeModule.enableCompileCache?.();
var stdoutClosed = false;
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") fail(error);
  stdoutClosed = true;
});
var io = {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  readStdin,
  cwd: process.cwd()
};
var [command, ...rest] = process.argv.slice(2);
if (command === "guard") {
  const { runGuard } = await import("./chunks/guard-command-QF4B6HTG.js");
  process.exitCode = await runGuard(rest, io);
} else {
  const { runCli } = await import("./chunks/run-cli-R5UE4EFU.js");
  process.exitCode = await runCli(process.argv.slice(2), io);
}
async function readStdin() {
  try {
    const whole = readFileSync(0);
    if (whole.length > 16 * 1024 * 1024) throw new Error("standard input is over 16 MB: not a hook input");
    return whole.toString("utf8");
  } catch (error) {
    if (error.code !== "EAGAIN") throw error;
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > 16 * 1024 * 1024) throw new Error("standard input is over 16 MB: not a hook input");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
