/**
 * The guard's edges: the config file, the scripts a command runs, the
 * workspace Terraform would use, `terraform show -json PLANFILE`, and the
 * audit log. Everything here reads or writes the machine; the decision itself
 * is src/guard/.
 */

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { getErrorMessage, InputError } from '../errors.js';
import { defaultGuardConfig, validateGuardConfig, type GuardConfig } from '../guard/config.js';
import type { AuditFinding, Decision, PlanfileOutcome } from '../guard/decide.js';
import type { Hit, PlanfileApply } from '../guard/types.js';
import { loadYaml, yamlProblem } from '../load-yaml.js';
import { parsePlan } from '../plan/read-plan.js';
import { defaultRuleSet, parseConfig } from '../rules/config.js';
import type { RuleSet } from '../rules/types.js';

const SHOW_TIMEOUT_MS = 60_000;
const MAX_PLAN_JSON = 512 * 1024 * 1024;

export interface GuardSetup {
  ruleSet: RuleSet;
  guard: GuardConfig;
  /** Where relative paths of the config (the audit log) start: the repository root, or the working directory. */
  root: string;
}

/** The rule set and the `guard:` section; a config that does not parse is an InputError (the guard then blocks). */
export async function loadSetup(path: string | undefined, text: string | undefined, cwd: string): Promise<GuardSetup> {
  if (path === undefined || text === undefined) return { ruleSet: defaultRuleSet(), guard: defaultGuardConfig(), root: cwd };
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = yamlProblem(doc);
  if (problem) throw new InputError(path, problem);
  const raw = doc.toJS() as unknown;
  const guard = validateGuardConfig(raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).guard : undefined, path);
  const ruleSet = await parseConfig(text, path);
  const root = dirname(path).endsWith('.github') ? dirname(dirname(path)) : dirname(path);
  return { ruleSet, guard, root };
}

/** The workspace from `.terraform/environment` ("default" without one), for hits that leave it to Terraform. */
export function resolveWorkspaces(hits: Hit[], cwd: string, env: NodeJS.ProcessEnv): void {
  // Set in the environment, these change what Terraform reads in ways the hook may not share with the agent's shell.
  if (env.TF_WORKSPACE !== undefined || env.TF_DATA_DIR !== undefined) return;
  for (const hit of hits) {
    if (hit.workspace !== undefined || hit.workspaceFrom === undefined) continue;
    const file = join(resolve(cwd, ...hit.workspaceFrom), '.terraform', 'environment');
    try {
      hit.workspace = readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') hit.workspace = 'default';
    }
  }
}

/** Runs `TOOL show -json PLANFILE` where the apply would run, and checks the plan with the rules. */
export function checkPlanfile(apply: PlanfileApply, cwd: string, env: NodeJS.ProcessEnv, ruleSet: RuleSet): PlanfileOutcome {
  for (const name of ['TF_CLI_ARGS', 'TF_CLI_ARGS_apply']) {
    if (env[name]) return { apply, error: `${name} is set, so the apply may not be the plan file alone` };
  }
  const dir = resolve(cwd, ...apply.directories);
  const showEnv = { ...env };
  delete showEnv.TF_CLI_ARGS;
  delete showEnv.TF_CLI_ARGS_show;
  const run = spawnSync(apply.tool, ['show', '-json', apply.planfile], { cwd: dir, env: showEnv, encoding: 'buffer', timeout: SHOW_TIMEOUT_MS, maxBuffer: MAX_PLAN_JSON, stdio: ['ignore', 'pipe', 'pipe'] });
  const shown = `${apply.tool} show -json ${apply.planfile}`;
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    return { apply, error: code === 'ENOENT' ? `${apply.tool} is not on PATH (or ${dir} does not exist)` : `${shown} failed: ${code ?? getErrorMessage(run.error)}` };
  }
  if (run.status !== 0) {
    const first = run.stderr.toString('utf8').split('\n').find((l) => l.trim() !== '') ?? '';
    return { apply, error: `${shown} exited with ${run.status ?? run.signal ?? 'an error'}${first ? `: ${first.trim().slice(0, 300)}` : ''}` };
  }
  try {
    const plan = parsePlan(run.stdout, `${shown} (in ${dir})`);
    return { apply, analysis: analyse({ plans: [plan], readErrors: [], ruleSet }) };
  } catch (error) {
    return { apply, error: getErrorMessage(error) };
  }
}

export interface AuditEntry {
  time: string;
  agent: string;
  tool: string;
  cwd: string;
  command: string;
  decision: Decision | 'error';
  findings: AuditFinding[];
}

/** Appends one JSON line; a log that cannot be written is reported, and the command stays blocked. */
export function appendAudit(path: string, entry: AuditEntry): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${JSON.stringify(entry)}\n`);
    return undefined;
  } catch (error) {
    return `cannot append to the audit log ${path}: ${getErrorMessage(error)}`;
  }
}
