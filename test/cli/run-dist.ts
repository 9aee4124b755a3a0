// The built CLI (dist/cli.js) run as a subprocess, as a CI job runs it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../plan/fixtures.js';

export const CLI = join(ROOT, 'dist/cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: Buffer | string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** `node dist/cli.js ARGS` in `cwd`, with none of the caller's NODE_OPTIONS, colour or debug settings. */
export function runDist(cwd: string, args: string[], options: RunOptions = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'NO_COLOR', 'FORCE_COLOR', 'PLANGATE_DEBUG']) delete env[key];
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd,
    env: { ...env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stderr must be exactly one line, a plangate message, with no stack trace. */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n');
  expect(lines, stderr).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(stderr).toMatch(/^plangate: /);
  expect(stderr).not.toContain('    at ');
  return lines[0] as string;
}
