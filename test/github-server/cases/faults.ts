// Injected faults: GitHub's answers when it is unwell or rate limiting.
import { describe, expect, it } from 'vitest';
import { call, gh, graphql, PR, type Json } from '../client.js';
import { graphqlRateLimitFault, primaryRateLimitFault, secondaryRateLimitFault, serverErrorFault, tooManyRequestsFault } from '../server.js';

describe('faults', () => {
  it('are consumed in order, each for its number of times, by method and path', async () => {
    gh.faults.push(serverErrorFault(PR, { status: 502 }), secondaryRateLimitFault(/\/pulls\/7$/), serverErrorFault(PR, { times: 2, method: 'POST' }));
    const first = await call(PR);
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    const second = await call(PR);
    expect(second.status).toBe(403);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(((await second.json()) as Json).message).toMatch(/secondary rate limit/);
    expect((await call(PR)).status).toBe(200); // the POST-only fault does not match a GET
    expect(gh.faults).toHaveLength(1);
    expect(gh.requests.map((r) => r.status)).toEqual([502, 403, 200]);
  });

  it('primary rate limit: 403 with x-ratelimit-remaining 0 and a reset one second ahead; 429 with retry-after', async () => {
    gh.faults.push(primaryRateLimitFault(PR), tooManyRequestsFault(PR, { retryAfter: 2 }));
    const primary = await call(PR);
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(primary.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(-0.01);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(1);
    expect(((await primary.json()) as Json).message).toMatch(/^API rate limit exceeded/);
    const throttled = await call(PR);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
  });

  it('a 500 answers GitHub\'s JSON body; reset drops the connection; GraphQL rate limiting answers 200 with RATE_LIMITED', async () => {
    gh.faults.push(serverErrorFault(PR), { path: PR, status: 0, reset: true }, graphqlRateLimitFault());
    const error = await call(PR);
    expect(error.status).toBe(500);
    expect(await error.json()).toEqual({ message: 'Server Error' });
    await expect(call(PR)).rejects.toThrow();
    const limited = await graphql('{ viewer { login } }');
    expect(limited.status).toBe(200);
    expect(limited.body).toEqual({ errors: [{ type: 'RATE_LIMITED', message: expect.stringMatching(/rate limit exceeded/) as string }] });
  });
});
