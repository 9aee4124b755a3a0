// Injected faults: answers GitHub gives when it is unwell or rate limiting.
// Their answers are exempt from response validation (they are wrong on purpose).
import { STATUS_CODES } from 'node:http';
import type { Fault } from './types.js';

type FaultOptions = { method?: string; times?: number };

/** A 5xx. 502 answers GitHub's HTML error page (not JSON), the others `{"message": …}`. */
export function serverErrorFault(path: RegExp | string, options: FaultOptions & { status?: 500 | 502 | 503 | 504 } = {}): Fault {
  const status = options.status ?? 500;
  if (status === 502) {
    return { ...options, path, status, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n' };
  }
  return { ...options, path, status, body: { message: status === 500 ? 'Server Error' : (STATUS_CODES[status] ?? 'Server Error') } };
}

/** GitHub's secondary rate limit: 403 (or 429) with retry-after and the "secondary rate limit" message. */
export function secondaryRateLimitFault(path: RegExp | string, options: FaultOptions & { retryAfter?: number; status?: 403 | 429 } = {}): Fault {
  return {
    method: options.method,
    times: options.times,
    path,
    status: options.status ?? 403,
    headers: { 'retry-after': String(options.retryAfter ?? 1) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    },
  };
}

/** GitHub's primary rate limit: 403 with x-ratelimit-remaining 0 and x-ratelimit-reset `resetIn` seconds from the answer. */
export function primaryRateLimitFault(path: RegExp | string, options: FaultOptions & { resetIn?: number; status?: 403 | 429 } = {}): Fault {
  return {
    method: options.method,
    times: options.times,
    path,
    status: options.status ?? 403,
    headers: () => rateLimitExhaustedHeaders(options.resetIn ?? 1, 'core'),
    body: {
      message: 'API rate limit exceeded for installation ID 1000001.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
    },
  };
}

/** 429 Too Many Requests with retry-after (GitHub's other way of signalling a secondary rate limit). */
export function tooManyRequestsFault(path: RegExp | string, options: FaultOptions & { retryAfter?: number } = {}): Fault {
  return secondaryRateLimitFault(path, { ...options, status: 429 });
}

/** GraphQL's primary rate limit: 200 with errors[0].type RATE_LIMITED and x-ratelimit-remaining 0. */
export function graphqlRateLimitFault(options: { times?: number; resetIn?: number } = {}): Fault {
  return {
    method: 'POST',
    path: '/graphql',
    times: options.times,
    status: 200,
    headers: () => rateLimitExhaustedHeaders(options.resetIn ?? 1, 'graphql'),
    body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for installation ID 1000001.' }] },
  };
}

/**
 * The fake's own answer to GraphQL documents that contain `asks` (a field, as
 * `reviews(`), with `edit` applied to the pull request in it: counts, pages
 * and shapes GitHub could answer but the state cannot make.
 */
export function pullAnswerFault(asks: string, edit: (pullRequest: Record<string, unknown>) => void, options: { times?: number } = {}): Fault {
  return {
    method: 'POST',
    path: '/graphql',
    status: 200,
    times: options.times ?? 1,
    bodyMatches: (body) => typeof (body as { query?: unknown } | null)?.query === 'string' && (body as { query: string }).query.includes(asks),
    edit: (answer) => {
      const pullRequest = (answer as { data?: { repository?: { pullRequest?: Record<string, unknown> } } }).data?.repository?.pullRequest;
      if (pullRequest) edit(pullRequest);
      return answer;
    },
  };
}

function rateLimitExhaustedHeaders(resetIn: number, resource: string): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetIn),
    'x-ratelimit-resource': resource,
  };
}

type Matcher = Pick<Fault, 'method' | 'path' | 'bodyMatches' | 'after' | 'times'>;

/** The first fault (or happening) matching the request, used up once. */
export function takeFault<T extends Matcher>(faults: T[], method: string, path: string, route: string, body?: unknown): T | undefined {
  const index = faults.findIndex(
    (f) =>
      (!f.method || f.method.toUpperCase() === method) &&
      (typeof f.path === 'string' ? f.path === path || f.path === route : f.path.test(path) || f.path.test(route)) &&
      (!f.bodyMatches || f.bodyMatches(body)),
  );
  if (index < 0) return undefined;
  const fault = faults[index] as T;
  // The first `after` matching requests pass untouched (the fault is armed later in the run).
  if (fault.after !== undefined && fault.after > 0) {
    fault.after -= 1;
    return undefined;
  }
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  return fault;
}
