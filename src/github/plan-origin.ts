import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { GitHubApiError, type ChangedFile, type DirEntry, type RepositoryApi } from './api.js';
import { listedAt } from './listings.js';

/**
 * A plan file that is part of the pull request's own tree may be the
 * author's rather than the plan job's: make `terraform plan` fail, and a
 * committed harmless plan.json is read in its place. Plans outside the
 * workspace (in $RUNNER_TEMP) are never in the tree. Inside it, every
 * repository path the file could be (the checkout may sit in a subdirectory)
 * is looked for among the changed files and at the head commit.
 */
export async function planInTree(api: RepositoryApi, workspace: string, planFiles: readonly string[], changed: readonly ChangedFile[], headSha: string): Promise<string | undefined> {
  const listings = new Map<string, Promise<DirEntry[] | undefined>>();
  for (const file of planFiles) {
    for (const path of workspacePaths(workspace, file)) {
      const parts = path.split(sep);
      const candidates = parts.map((_, i) => parts.slice(i).join('/'));
      // A changed file at the path, or at a directory on the way (a symlink or submodule the PR adds).
      const hit = candidates.find((c) => changed.some((f) => f.filename === c || c.startsWith(`${f.filename}/`))) ?? (await firstInTree(api, candidates, headSha, listings));
      if (hit !== undefined) {
        return `the plan file ${file} is ${hit} of the pull request's own tree at ${headSha.slice(0, 7)}, so it may be the author's rather than the plan job's (a failed plan step leaves it in place): write plans outside the checkout, for example to $RUNNER_TEMP/plan.json`;
      }
    }
  }
  return undefined;
}

/** The file's paths inside the workspace: as named, and with symlinks resolved (a linked directory hides the real path). */
function workspacePaths(workspace: string, file: string): string[] {
  const paths = [relative(resolve(workspace), resolve(file))];
  try {
    paths.push(relative(realpathSync(workspace), realpathSync(file)));
  } catch {
    // Read as named: expandPlanPatterns found it, and reading it fails on its own.
  }
  return [...new Set(paths.filter((p) => p !== '' && p !== '..' && !p.startsWith(`..${sep}`) && !isAbsolute(p)))];
}

/**
 * The first candidate the head's tree holds. The directory listings answer
 * for all candidates in a few calls; where they cannot tell (a cut listing,
 * a symlink on the way, a 404), the candidate itself is read.
 */
async function firstInTree(api: RepositoryApi, candidates: readonly string[], sha: string, listings: Map<string, Promise<DirEntry[] | undefined>>): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      if ((await listedAt(api, candidate, sha, sha.slice(0, 7), listings)) !== undefined) return candidate;
      continue;
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
    }
    try {
      if ((await api.fileAt(candidate, sha)) !== undefined) return candidate;
    } catch (error) {
      // There as something that is not a readable file (a directory, a large file): still there.
      if (error instanceof GitHubApiError && error.status === undefined) return candidate;
      throw error;
    }
  }
  return undefined;
}
