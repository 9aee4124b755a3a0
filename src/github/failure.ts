import { GitHubApiError } from './api.js';

interface RequestFailure {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } };
}

/** What each permission is for, to name it when GitHub refuses. */
const NEEDS: ReadonlyArray<[RegExp, string]> = [
  [/^POST \/repos\/[^/]+\/[^/]+\/statuses\//, 'statuses: write'],
  [/\/issues\/\d+\/comments$|\/issues\/comments\/\d+$/, 'pull-requests: write (to comment)'],
  [/\/contents\/|\/branches\/|\/activity$|\/commits$/, 'contents: read'],
  [/\/actions\//, 'actions: read (to find the plan workflow\'s run and download its artifact)'],
  [/\/orgs\/[^/]+\/teams\//, 'organization Members: read (a GitHub App token or a PAT with read:org; GITHUB_TOKEN cannot read teams)'],
  [/\/pulls(\/|$)|\/issues\//, 'pull-requests: read'],
];

/**
 * A failed call as one line: the call, what GitHub said, and the fix (the
 * permission to add, the token to check, or to run again). `status` stays on
 * the error, so policy elsewhere reads it rather than the message.
 */
export function apiError(call: string, error: unknown): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const failure = error as RequestFailure;
  const status = failure.status;
  const said = failure.response?.data?.message ?? failure.message ?? String(error);
  const need = NEEDS.find(([pattern]) => pattern.test(call))?.[1];
  let fix = '';
  if (status === 401) fix = ': the token is invalid or expired; check the github-token input';
  else if (status === 403 && /rate limit/i.test(said)) fix = ': GitHub rate limit, still exceeded after waiting; run again later';
  else if (status === 403 || (status === 404 && need?.startsWith('organization'))) fix = need ? `: the token needs ${need} (the workflow's permissions: block)` : ': the token may not make this call';
  else if (status !== undefined && status >= 500) fix = ': GitHub failed after retries; run again';
  return new GitHubApiError(`GitHub API ${call} answered ${status ?? 'no response'} (${said.split('\n')[0]})${fix}`, status);
}
