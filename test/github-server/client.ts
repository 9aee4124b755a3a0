// What the fake's own tests share: a fresh fake for each test that fails the
// test on any exchange departing from GitHub's OpenAPI description or GraphQL
// schema (unless the test declares it deliberate), and small HTTP helpers.
import { afterEach, beforeEach, expect } from 'vitest';
import { newState, startGitHubServer, type FakeUser, type GitHubServer } from './server.js';

export type Json = Record<string, unknown>;

/** The current test's fake (a live binding: reassigned before each test). */
export let gh: GitHubServer;
let allowed: RegExp[] = [];

export function useFakeGitHub(): void {
  beforeEach(async () => {
    gh = await startGitHubServer(newState());
  });
  afterEach(async () => {
    await gh.close();
    const unexpected = gh.violations.filter((v) => !allowed.some((p) => p.test(v)));
    const undetected = allowed.filter((p) => !gh.violations.some((v) => p.test(v)));
    allowed = [];
    expect(unexpected, "exchanges that depart from GitHub's OpenAPI description or GraphQL schema").toEqual([]);
    expect(undetected, 'deliberate departures the conformance check missed').toEqual([]);
  });
}

/** The test sends, on purpose, what GitHub's description rejects: each pattern must match a recorded violation. */
export function expectViolations(...patterns: RegExp[]): void {
  allowed = patterns;
}

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  const url = path.startsWith('http') ? path : `${gh.url}${path}`;
  return fetch(url, { ...init, headers: { authorization: `token ${gh.state.token}`, accept: 'application/vnd.github+json', ...(init.headers as Record<string, string>) } });
}

export async function getJson<T = Json>(path: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await call(path);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export async function send<T = Json>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await call(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T, headers: res.headers };
}

export async function graphql(query: string, variables: Json = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(gh.graphqlUrl, { method: 'POST', headers: { authorization: `bearer ${gh.state.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Link header → rel → URL. */
export function links(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (headers.get('link') ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)) out[m[2] as string] = m[1] as string;
  return out;
}

export function expectUserShape(user: unknown, login: string, type: FakeUser['type']): void {
  expect(user).toMatchObject({ login, type, site_admin: false });
  const u = user as Json;
  expect(typeof u.id).toBe('number');
  expect(typeof u.node_id).toBe('string');
  expect(typeof u.avatar_url).toBe('string');
  expect(typeof u.html_url).toBe('string');
  expect(typeof u.url).toBe('string');
}

export const PR = '/repos/acme/infra/pulls/7';
export const ISSUE = '/repos/acme/infra/issues/7';
