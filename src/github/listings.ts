import { GitHubApiError, type DirEntry, type RepositoryApi } from './api.js';

/** The contents API lists at most 1,000 entries of a directory; a full listing may be cut. */
export const LISTING_CAP = 1000;

/**
 * GitHub answers 404 both for a missing path and for one it will not serve.
 * A path counts as absent only when the listings from the root down agree:
 * a parent that lists it while it answers 404, a directory that answers 404
 * while its parent lists it, or a listing that may be cut, is an error.
 */
export async function confirmAbsent(api: RepositoryApi, path: string, ref: string, where: string, listings = new Map<string, Promise<DirEntry[] | undefined>>()): Promise<void> {
  const parts = path.replace(/^\.\//, '').split('/').filter((p) => p !== '' && p !== '.');
  let dir = '';
  for (const [i, part] of parts.entries()) {
    // Shared by the caller across paths in one directory (both default config names): each listed once.
    let listing = listings.get(dir);
    if (!listing) listings.set(dir, (listing = api.entriesAt(dir, ref)));
    const entries = await listing;
    if (entries === undefined) {
      throw new GitHubApiError(
        dir === ''
          ? `GitHub answered 404 for the files of ${where}, so plangate cannot tell whether ${path} exists: the token needs contents: read`
          : `GitHub answered 404 for ${dir} at ${where} although its parent lists it, so plangate cannot tell whether ${path} exists: run again`,
      );
    }
    const child = dir === '' ? part : `${dir}/${part}`;
    const entry = entries.find((e) => e.path === child);
    if (!entry) {
      if (entries.length >= LISTING_CAP) throw capped(dir, entries, where, path);
      return;
    }
    if (i === parts.length - 1) throw new GitHubApiError(`GitHub lists ${child} at ${where} but answers 404 for it: plangate cannot read it; run again, and check that the token has contents: read`);
    // Nothing lies below a file; plangate follows no symlink or submodule.
    if (entry.type === 'file') return;
    if (entry.type !== 'dir') throw new GitHubApiError(`${child} at ${where} is a ${entry.type}: plangate does not follow it to read ${path}; make it a directory`);
    dir = child;
  }
}

/** A directory's entries, [] when it is confirmed absent; a listing that may be cut is an error. */
export async function listDirectory(api: RepositoryApi, dir: string, ref: string, where: string): Promise<DirEntry[]> {
  const path = dir === '.' ? '' : dir;
  const entries = await api.entriesAt(path, ref);
  if (entries === undefined) {
    await confirmAbsent(api, path, ref, where);
    return [];
  }
  if (entries.length >= LISTING_CAP) throw capped(path, entries, where, `the Terraform files of ${path || 'the root'}`);
  return entries;
}

function capped(dir: string, entries: readonly DirEntry[], where: string, what: string): GitHubApiError {
  return new GitHubApiError(
    `GitHub lists ${entries.length} entries of ${dir || 'the root directory'} at ${where} and stops at ${LISTING_CAP.toLocaleString('en-US')}, so plangate cannot be sure it saw ${what}: move files into subdirectories`,
  );
}
