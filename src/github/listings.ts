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
  const child = await listedAt(api, path, ref, where, listings);
  if (child !== undefined) throw listedButMissing(child, where);
}

/** A path a listing names while reading it answers 404. */
export function listedButMissing(path: string, where: string): GitHubApiError {
  return new GitHubApiError(`GitHub lists ${path} at ${where} but answers 404 for it: plangate cannot read it; run again, and check that the token has contents: read`);
}

/**
 * Whether the listings from the root down list `path` at `ref`: its
 * normalised form when they do, undefined when a directory on the way or the
 * path itself is missing from a complete listing. A listing that may be cut,
 * a directory that answers 404, or a symlink or submodule on the way is an
 * error. One listing per directory, shared through `listings`: a file read
 * only when listed costs one call per directory instead of one per name.
 */
export async function listedAt(api: RepositoryApi, path: string, ref: string, where: string, listings = new Map<string, Promise<DirEntry[] | undefined>>()): Promise<string | undefined> {
  const parts = path.replace(/^\.\//, '').split('/').filter((p) => p !== '' && p !== '.');
  let dir = '';
  for (const [i, part] of parts.entries()) {
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
      return undefined;
    }
    if (i === parts.length - 1) return child;
    // Nothing lies below a file; plangate follows no symlink or submodule.
    if (entry.type === 'file') return undefined;
    if (entry.type !== 'dir') throw new GitHubApiError(`${child} at ${where} is a ${entry.type}: plangate does not follow it to read ${path}; make it a directory`);
    dir = child;
  }
  return undefined;
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
