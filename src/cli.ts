#!/usr/bin/env node
import * as nodeModule from 'node:module';

// Node 22+ keeps the compiled bundle in a disk cache between runs; Node 20 compiles each time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./cli/run-cli.js');

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
