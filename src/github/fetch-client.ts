import type { ClientOptions, GitHubClient } from './client.js';

/**
 * A GitHub client on Node's own fetch, for the CLI: `dist/cli.js` runs on
 * plain Node 20 with no install, and Octokit would add its weight to every
 * `plangate check`. It speaks Octokit's route syntax so the same checked
 * readers (octokit-api.ts) work over it, retries server errors and waits out
 * short rate limits a few times, then fails like Octokit: an error with
 * `status` and `response.data`.
 */
export function createFetchClient({ token, baseUrl, retryBaseMs = 1000 }: ClientOptions): GitHubClient {
  const root = baseUrl.replace(/\/$/, '');
  const origin = new URL(root).origin;
  const headers = { authorization: `token ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'plangate' };

  async function send(method: string, url: string, body?: unknown): Promise<{ data: unknown; status: number; next?: string }> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        // The token goes only to the API it was given for, whatever a Link header names.
        if (new URL(url).origin !== origin) throw new Error(`${url} is not on ${origin}`);
        const init = { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) };
        response = await fetch(url, body === undefined ? init : { ...init, body: JSON.stringify(body) });
      } catch (error) {
        if (attempt < RETRIES) {
          await wait(retryBaseMs * (attempt + 1) ** 2);
          continue;
        }
        throw Object.assign(new Error(`no answer from ${url} (${error instanceof Error ? error.message : String(error)})`), { status: undefined });
      }
      const text = await response.text();
      let data: unknown = text;
      try {
        data = text === '' ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: kept as text, and a 2xx answer then fails where its shape is read.
      }
      if (response.ok) return { data, status: response.status, ...nextLink(response.headers.get('link')) };
      const waitMs = retryWait(response, attempt, retryBaseMs);
      if (waitMs !== undefined) {
        await wait(waitMs);
        continue;
      }
      const message = typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : response.statusText;
      throw Object.assign(new Error(message), { status: response.status, response: { data } });
    }
  }

  function url(route: string, parameters: Record<string, unknown>): { method: string; url: string; body?: unknown } {
    const [method = 'GET', template = ''] = route.split(' ');
    const rest: Record<string, unknown> = { ...parameters };
    const path = template.replace(/\{(\+?)(\w+)\}/g, (_, raw: string, key: string) => {
      const value = rest[key];
      delete rest[key];
      return raw ? String(value) : encodeURIComponent(String(value));
    });
    if (method !== 'GET') return { method, url: `${root}${path}`, body: rest };
    const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)])).toString();
    return { method, url: `${root}${path}${query ? `?${query}` : ''}` };
  }

  return {
    async request(route, parameters = {}) {
      const call = url(route, parameters);
      const { data, status } = await send(call.method, call.url, call.body);
      return { data, status };
    },
    paginate: {
      async *iterator<T>(route: string, parameters: Record<string, unknown> = {}) {
        let next: string | undefined = url(route, parameters).url;
        while (next !== undefined) {
          const page: { data: unknown; status: number; next?: string } = await send('GET', next);
          yield { data: page.data as T[], status: page.status };
          next = page.next;
        }
      },
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const { data } = await send('POST', `${root.replace(/\/api\/v3$/, '/api')}/graphql`, { query, variables });
      const answer = (typeof data === 'object' && data !== null ? data : {}) as { data?: unknown; errors?: Array<{ message?: unknown }> };
      const said = Array.isArray(answer.errors) ? answer.errors[0]?.message : undefined;
      if (Array.isArray(answer.errors) && answer.errors.length > 0) throw new Error(typeof said === 'string' ? said : 'GraphQL error');
      return answer.data as T;
    },
  };
}

const RETRIES = 3;
/** A request GitHub has not answered in this long is retried, then fails. */
const TIMEOUT_MS = 60_000;

/** How long to wait before trying again, or undefined to fail now: server errors and short rate limits are retried. */
function retryWait(response: Response, attempt: number, baseMs: number): number | undefined {
  if (attempt >= RETRIES) return undefined;
  if (response.status >= 500) return baseMs * (attempt + 1) ** 2;
  const limited = response.status === 429 || (response.status === 403 && (response.headers.get('retry-after') !== null || response.headers.get('x-ratelimit-remaining') === '0'));
  if (!limited) return undefined;
  const after = Number(response.headers.get('retry-after'));
  const reset = Number(response.headers.get('x-ratelimit-reset')) * 1000 - Date.now();
  const seconds = Number.isFinite(after) && after > 0 ? after : Number.isFinite(reset) && reset > 0 ? Math.ceil(reset / 1000) : 1;
  return seconds <= 60 ? seconds * baseMs : undefined;
}

function nextLink(link: string | null): { next?: string } {
  const match = /<([^>]+)>;\s*rel="next"/.exec(link ?? '');
  return match?.[1] ? { next: match[1] } : {};
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
