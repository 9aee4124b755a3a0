#!/usr/bin/env node
import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  safeLine
} from "./chunks/chunk-QCJK5ES2.js";
import "./chunks/chunk-SSKGB3OA.js";

// src/cli.ts
import * as nodeModule from "node:module";
var fail = (error) => {
  process.stderr.write(`plangate: internal error: ${safeLine(error instanceof Error ? error.message : String(error))}
`);
  process.exit(2);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
nodeModule.enableCompileCache?.();
var { runCli } = await import("./chunks/run-cli-Z7ZHLZHV.js");
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env
});
