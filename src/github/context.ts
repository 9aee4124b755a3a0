import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

export const EVENTS = ['pull_request', 'pull_request_review', 'pull_request_target', 'workflow_run'] as const;
export type PullRequestEvent = (typeof EVENTS)[number];

/** The completed run whose `workflow_run` event started this one (the plan or the trigger workflow's). */
export interface TriggerRun {
  id: number;
  name: string;
  /** The event that started the triggering run: pull_request, pull_request_review, … */
  event: string;
  conclusion: string | null;
}

/** The run, from the runner's environment and event payload. */
export interface RunContext {
  eventName: PullRequestEvent;
  action: string;
  owner: string;
  repo: string;
  /** 0 on workflow_run until pullForWorkflowRun finds the one open pull request with the run's head. */
  number: number;
  /** On workflow_run: the run that triggered this one; the pull request is found by its head SHA. */
  workflowRun?: TriggerRun;
  /** The head SHA this run (and its plans) is for. */
  headSha: string;
  apiUrl: string;
  runUrl?: string;
  /** GITHUB_WORKSPACE: where the checkout is, to tell a plan in the pull request's tree from the plan job's output. */
  workspace: string;
  /**
   * Which gate this run is (its workflow, job and plans input), so that two
   * gates posting one status context on one commit are found: the later
   * would overwrite the other's decision.
   */
  gateKey: string;
}

/**
 * Reads GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and friends. Anything missing or
 * malformed is an error: plangate never guesses which pull request it gates.
 */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  if (!(EVENTS as readonly string[]).includes(eventName)) {
    throw new InputError(
      'GITHUB_EVENT_NAME',
      `plangate gates pull requests: run it on pull_request, pull_request_review, pull_request_target or workflow_run, not ${JSON.stringify(eventName || '(unset)')}`,
    );
  }
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new InputError('GITHUB_EVENT_PATH', 'unset: plangate must run as a step of a GitHub Actions job');
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError('GITHUB_EVENT_PATH', `the event payload ${path} cannot be read as JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const trigger = eventName === 'workflow_run' ? triggerRun(payload) : undefined;
  const pr = (payload as { pull_request?: { number?: unknown; head?: { sha?: unknown } } }).pull_request;
  const number = trigger ? 0 : pr?.number;
  const headSha = trigger ? trigger.headSha : pr?.head?.sha;
  if (typeof number !== 'number' || !Number.isInteger(number) || typeof headSha !== 'string' || !/^[0-9a-f]{40}$/.test(headSha)) {
    throw new InputError('GITHUB_EVENT_PATH', 'the event payload has no pull_request with a number and a head SHA: it is malformed');
  }
  const action = (payload as { action?: unknown }).action;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY', `expected owner/name, got ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')}`);
  const context: RunContext = {
    eventName: eventName as PullRequestEvent,
    action: typeof action === 'string' ? action : '',
    owner,
    repo,
    number,
    headSha,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    ...(trigger ? { workflowRun: trigger.run } : {}),
    gateKey: createHash('sha256').update([env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', env.INPUT_PLANS ?? ''].join('\n')).digest('hex').slice(0, 12),
  };
  if (env.GITHUB_SERVER_URL && env.GITHUB_RUN_ID) context.runUrl = `${env.GITHUB_SERVER_URL}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
  return context;
}

/**
 * A workflow_run payload's run. Only `completed` is decided: a requested or
 * in-progress run has produced nothing to decide from. Its pull_requests list
 * is empty for forks and not what triggered it, so the pull request is looked
 * up by head SHA instead (pullForWorkflowRun).
 */
function triggerRun(payload: unknown): { run: TriggerRun; headSha: unknown } {
  const { action, workflow_run: run } = payload as { action?: unknown; workflow_run?: Record<string, unknown> | null };
  if (typeof run !== 'object' || run === null || typeof run.id !== 'number' || typeof run.event !== 'string') {
    throw new InputError('GITHUB_EVENT_PATH', 'the workflow_run payload has no workflow_run with an id, an event and a head SHA: it is malformed');
  }
  if (action !== 'completed') {
    throw new InputError('GITHUB_EVENT_PATH', `the workflow_run event is ${JSON.stringify(action)}: run the gate on \`workflow_run: types: [completed]\`, once the plan or trigger workflow has finished`);
  }
  const name = typeof run.name === 'string' ? run.name : String(run.id);
  if (!['pull_request', 'pull_request_review', 'pull_request_target'].includes(run.event)) {
    // Refused before any status is posted: a push or dispatch run is about a commit no pull request may have.
    throw new InputError('GITHUB_EVENT_PATH', `the run that triggered this gate ("${name}") ran on ${run.event}, not on a pull request event: list only the plan and trigger workflows under workflow_run.workflows`);
  }
  const conclusion = typeof run.conclusion === 'string' ? run.conclusion : null;
  return { run: { id: run.id, name, event: run.event, conclusion }, headSha: run.head_sha };
}
