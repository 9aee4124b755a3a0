// A local fake of GitHub's REST and GraphQL APIs, for tests that must not touch
// the network. It answers GitHub's real shapes (field names, status codes,
// error bodies, Link pagination, x-ratelimit-* headers) from an in-memory
// state that tests mutate between runs, and checks every exchange against
// GitHub's OpenAPI description and GraphQL schema (`violations`).
//
// The server runs in the calling process. A child process (dist/index.js) can
// use it through GITHUB_API_URL / GITHUB_GRAPHQL_URL, but only while this
// process's event loop is free: start the child with `spawnAsync` (or any
// asynchronous spawn), never `spawnSync`/`execFileSync`, which would block the
// server and hang the child.
//
// This module is the public API; the parts:
//   types.ts, state.ts          the state and its builders
//   faults.ts                   injected faults
//   http.ts                     the server, auth, conformance checks
//   context.ts                  what REST handlers share (errors, look-ups, pagination)
//   shapes.ts, shapes-issues.ts GitHub's REST JSON
//   routes-*.ts                 REST routes by area (routes-actions.ts: workflow runs, artifacts, zips)
//   actions-state.ts, zip-writer.ts  plan runs and their artifacts' zips
//   graphql.ts, graphql-root.ts GraphQL on GitHub's schema (graphql-js) and its resolvers
//   openapi.ts                  the OpenAPI conformance check
//   process.ts                  spawnAsync
export type * from './types.js';
export {
  BASE_SHA,
  BASE_TIME,
  DEFAULT_TOKEN_PERMISSIONS,
  fakeSha,
  GITHUB_ACTIONS_BOT,
  HEAD_SHA,
  labelByName,
  makeCommit,
  makeCommits,
  newState,
  parseCoAuthors,
  READ_ONLY_TOKEN_PERMISSIONS,
  recordPush,
  renameLabel,
  timeAt,
} from './state.js';
export { addPlanRun, PLAN_WORKFLOW, type PlanRunOptions } from './actions-state.js';
export { makeZip, type ZipEntry } from './zip-writer.js';
export { graphqlRateLimitFault, primaryRateLimitFault, pullAnswerFault, secondaryRateLimitFault, serverErrorFault, tooManyRequestsFault } from './faults.js';
export { startGitHubServer, violationsSince } from './http.js';
export { spawnAsync, type ProcessResult } from './process.js';
