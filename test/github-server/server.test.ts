// The fake GitHub's own tests. The cases are in ./cases/ and run from this one
// file so that GitHub's OpenAPI description and GraphQL schema are loaded once:
//
//   rest.ts       REST answers: shapes, statuses, pagination, permissions
//   endpoints.ts  branches, activity, users, commits, more issue events, file counts
//   graphql.ts    GraphQL on GitHub's schema, including the action's documents
//   faults.ts     injected faults
//   actions.ts    workflow runs, artifacts and their zips
//
// Every test fails on an exchange that departs from GitHub's description,
// unless it declares the departure deliberate (client.ts).
import { useFakeGitHub } from './client.js';
import './cases/rest.js';
import './cases/endpoints.js';
import './cases/graphql.js';
import './cases/faults.js';
import './cases/actions.js';

useFakeGitHub();
