// vitest globalSetup: one V8 compile cache (NODE_COMPILE_CACHE) for the whole
// run, shared by every run of dist/index.js (./harness.ts), so each of the
// ~230 runs reads the bundle's compiled code instead of compiling the 1 MB
// bundle again. A cache only: the runs behave the same with or without it.
// Removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    actionCompileCache: string;
  }
}

export default function compileCache(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'plangate-compile-cache-'));
  project.provide('actionCompileCache', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
