import { posix } from 'node:path';
import { isTerraformSource } from '../plan/terraform-files.js';
import type { RemovedPreventDestroy, SourceFile } from '../plan/terraform-source.js';
import { GitHubApiError, type ChangedFile, type RepositoryApi } from './api.js';
import { listDirectory } from './listings.js';

/**
 * `lifecycle { prevent_destroy }` removed in the changed Terraform
 * directories, read at the base and head commits through the API (never from
 * the workspace, which holds the pull request's code).
 */
export async function preventDestroyRemoved(api: RepositoryApi, files: readonly ChangedFile[], baseSha: string, headSha: string): Promise<RemovedPreventDestroy[]> {
  const dirs = new Set<string>();
  for (const file of files) for (const name of [file.filename, file.previous]) if (name && isTerraformSource(name)) dirs.add(posix.dirname(name));
  if (dirs.size === 0) return [];
  const { preventDestroyFromLoader, removedUnderEitherTool } = await import('../plan/terraform-source.js');
  // Several changed directories can call the same local module: read each directory once per commit.
  const read = new Map<string, Promise<SourceFile[]>>();
  const loader = (ref: string) => (dir: string) => {
    const key = `${ref}\0${dir}`;
    let sources = read.get(key);
    if (!sources) read.set(key, (sources = readTerraformDir(api, dir, ref)));
    return sources;
  };
  const removed: Array<RemovedPreventDestroy & { anyModule: true }> = [];
  for (const dir of [...dirs].sort()) {
    const found = await removedUnderEitherTool(async (tool) => [await preventDestroyFromLoader(dir, loader(baseSha), tool), await preventDestroyFromLoader(dir, loader(headSha), tool)]);
    // A changed directory may be a module called from elsewhere: its addresses are its own.
    removed.push(...found.map((r) => ({ ...r, anyModule: true as const })));
  }
  return removed;
}

async function readTerraformDir(api: RepositoryApi, dir: string, ref: string): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  for (const entry of await listDirectory(api, dir, ref, ref.slice(0, 7))) {
    if (!isTerraformSource(entry.path) || entry.type === 'dir') continue;
    // A symlink or submodule named *.tf would be read by Terraform; plangate cannot follow it.
    if (entry.type !== 'file') throw new GitHubApiError(`${entry.path} at ${ref.slice(0, 7)} is a ${entry.type}: plangate cannot read its lifecycle; make it a regular file`);
    const contents = await api.fileAt(entry.path, ref);
    // Listed but unreadable is not "no guard": reading it as empty would drop its prevent_destroy.
    if (contents === undefined) throw new GitHubApiError(`GitHub lists ${entry.path} at ${ref.slice(0, 7)} but answers 404 for it: plangate cannot read its lifecycle; run again, and check the token has contents: read`);
    sources.push({ path: entry.path, contents });
  }
  return sources;
}
