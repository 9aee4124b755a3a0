/**
 * Why `path` is not a path (or glob) as GitHub names a repository's files:
 * relative to the root, `/`-separated, without `.`, `..` or empty parts. A
 * path written `./x`, `/x` or `x/` would read a file under one name and never
 * match the changed file under the other, so it is refused, not guessed at.
 */
export function repositoryPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'a path relative to the repository root, without a leading /';
  if (path.endsWith('/')) return 'a path without a trailing / (a directory is dir/**)';
  if (path.includes('\\')) return 'a path with / between its parts';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'a path without empty, . or .. parts';
  return undefined;
}
