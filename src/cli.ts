#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { safeLine } from './quote.js';

// Whatever escapes (a rejection inside a dependency's own loader, say) must end as an error,
// exit 2, never as the 0 of a pass or the 1 of a block.
const fail = (error: unknown) => {
  process.stderr.write(`plangate: internal error: ${safeLine(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// Node 22+ keeps the compiled bundle in a disk cache between runs; Node 20 compiles each time.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./cli/run-cli.js');

// A reader that stops early (`plangate check plan.json | head`) closes the pipe: not an
// error of plangate's. The rest of the report is dropped and the exit code is still the decision's.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') fail(error);
  stdoutClosed = true;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
});
