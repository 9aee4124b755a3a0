// Builds dist/ (npm run build) when it is older than its sources, so the CLI
// tests run what ships. Usable as a vitest globalSetup, which builds once
// before any test file runs dist/cli.js.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../plan/fixtures.js';

const INPUTS = ['src', 'rules', 'scripts/build.mjs', 'scripts/yaml-data.mjs', 'scripts/hcl-wasm.mjs', 'package.json'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function builtAt(): number {
  try {
    return statSync(join(ROOT, 'dist/cli.js')).mtimeMs;
  } catch {
    return -1;
  }
}

/** Runs scripts/build.mjs unless dist/cli.js is newer than every input. */
export function ensureBuilt(): void {
  if (builtAt() > Math.max(...INPUTS.map((input) => newest(join(ROOT, input))))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

export default ensureBuilt;
