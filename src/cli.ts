#!/usr/bin/env node
import { readFileSync } from 'node:fs';
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
// A reader that stops early (`plangate check plan.json | head`) closes the pipe: not an
// error of plangate's. The rest of the report is dropped and the exit code is still the decision's.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') fail(error);
  stdoutClosed = true;
});

const io = {
  stdout: (text: string) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text: string) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  readStdin: readStdin,
  cwd: process.cwd(),
};
// The guard runs before every shell command an agent makes: it loads only its own code, not the check's.
const [command, ...rest] = process.argv.slice(2);
if (command === 'guard') {
  const { runGuard } = await import('./cli/guard-command.js');
  process.exitCode = await runGuard(rest, io);
} else {
  const { runCli } = await import('./cli/run-cli.js');
  process.exitCode = await runCli(process.argv.slice(2), io);
}

/** Standard input, whole; more than a hook ever sends is refused. */
async function readStdin(): Promise<string> {
  // A pipe (how agents run hooks) is read in one synchronous call: no stream to set up on the guard's quiet path.
  try {
    const whole = readFileSync(0);
    if (whole.length > 16 * 1024 * 1024) throw new Error('standard input is over 16 MB: not a hook input');
    return whole.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024 * 1024) throw new Error('standard input is over 16 MB: not a hook input');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
