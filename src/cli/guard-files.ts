/** The files the guard reads on every call, the quiet path included: the config's text and scripts a command runs. */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getErrorMessage, InputError } from '../errors.js';
import { DEFAULT_CONFIG_PATHS } from '../rules/config-path.js';

const MAX_SCRIPT = 1_000_000;

/**
 * The config path given, else .github/plangate.yml or .yaml in the working
 * directory or the nearest parent that has one; both there is an error, as
 * in `plangate check`, since which one applies would be a guess.
 */
export function findConfig(given: string | undefined, cwd: string): string | undefined {
  if (given !== undefined) return resolve(cwd, given);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = DEFAULT_CONFIG_PATHS.map((name) => join(dir, name)).filter((path) => existsSync(path));
    if (found.length > 1) throw new InputError(found[0] as string, `${found[1] as string} exists too: plangate reads only one config; delete one of them`);
    if (found[0] !== undefined) return found[0];
    if (dirname(dir) === dir) return undefined;
  }
}

export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such config file: check the --config path' : `cannot read the config file (${code ?? getErrorMessage(error)})`);
  }
}

/** A shell script a command runs, when it is a small readable file. */
export function scriptReader(cwd: string): (path: string) => string | undefined {
  return (path) => {
    try {
      const full = resolve(cwd, path);
      // Only a regular file: /dev/stdin, a pipe or /proc would read something else than the command will.
      const stat = statSync(full);
      if (!stat.isFile() || stat.size > MAX_SCRIPT || /^\/(dev|proc)\//.test(full)) return undefined;
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}
