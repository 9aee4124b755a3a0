import { relative, resolve, sep } from 'node:path';

/**
 * A plan file's name in reports and in recorded decisions: its path relative
 * to the working directory, with `/`. The gate and `plangate verify` name the
 * same file the same way when both run in the repository's checkout.
 */
export function planLabel(path: string, cwd: string = process.cwd()): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join('/');
}
