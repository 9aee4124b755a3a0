import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const GitHub = Octokit.plugin(retry, throttling, paginateRest);

/**
 * What plangate asks of a GitHub client: Octokit in the action; in the CLI a
 * small fetch client (fetch-client.ts), so the CLI runs without Octokit.
 */
export interface GitHubClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown; status: number }>;
  paginate: { iterator<T>(route: string, parameters?: Record<string, unknown>): AsyncIterable<{ data: T[]; status: number }> };
  graphql<T = unknown>(query: string, parameters?: Record<string, unknown>): Promise<T>;
}

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, a GHES server, or a test server. */
  baseUrl: string;
  /** Scale of retry and rate-limit waits in ms (GitHub's Retry-After is in seconds); tests lower it. */
  retryBaseMs?: number;
}

/**
 * The one GitHub client: retries server errors, waits out rate limits a few
 * times, then fails. A failure after that is an error of the run, never a
 * "no" or a default that passes.
 */
export function createOctokit({ token, baseUrl, retryBaseMs = 1000 }: ClientOptions): GitHubClient {
  // The throttling plugin counts its retries in options.request.retryCount.
  const patience = (retryAfter: number, options: { request: object }) => retryAfter <= 60 && ((options.request as { retryCount?: number }).retryCount ?? 0) < 3;
  return new GitHub({
    auth: token,
    baseUrl: baseUrl.replace(/\/$/, ''),
    userAgent: 'plangate',
    retry: { retries: 3, retryAfterBaseValue: retryBaseMs },
    throttle: {
      retryAfterBaseValue: retryBaseMs,
      onRateLimit: patience,
      onSecondaryRateLimit: patience,
    },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}
