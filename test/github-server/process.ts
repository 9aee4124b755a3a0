// Child processes that talk to a fake running in this process.
import { spawn, type SpawnOptions } from 'node:child_process';
import { setPriority } from 'node:os';

export interface ProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking this process's event loop (unlike spawnSync),
 * so a child can talk to a fake server running here. Resolves when it exits.
 */
export function spawnAsync(command: string, args: string[], options: SpawnOptions & { input?: string; timeoutMs?: number; niceness?: number } = {}): Promise<ProcessResult> {
  const { input, timeoutMs, niceness, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    if (niceness !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, niceness);
      } catch {
        // Only a scheduling hint: a child that already exited keeps its result.
      }
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}
