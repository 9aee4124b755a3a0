/**
 * `plangate guard`: the PreToolUse hook. Reads the hook JSON on stdin and
 * answers allow (silently), ask or deny. The quiet path — a command that
 * touches no infrastructure — reads no YAML and loads no plan reader.
 * `plangate guard install --agent claude|codex [--write]` prints (or merges
 * into the project's settings) the hook configuration.
 */

import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getErrorMessage, InputError, isInputError } from '../errors.js';
import { classify } from '../guard/classify.js';
import { AGENTS, parseHookInput, renderAnswer, renderFailure, type Agent, type HookAnswer } from '../guard/hook.js';
import type { Classification, ClassifyOptions } from '../guard/types.js';
import { quote, safeLine } from '../quote.js';
import { findConfig, readConfigText, scriptReader } from './guard-files.js';

export interface GuardIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The whole of standard input. */
  readStdin: () => Promise<string>;
  cwd: string;
}

const USAGE = `Usage: plangate guard [--agent claude|codex] [--config FILE]
       plangate guard install --agent claude|codex [--write]

The PreToolUse hook of a coding agent: reads the hook's JSON on stdin and
answers allow (silently), ask or deny for a shell command that changes or
destroys infrastructure. Without --agent it blocks with exit 2 instead of asking.
`;

export async function runGuard(argv: string[], io: GuardIo): Promise<number> {
  let agent: Agent;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { agent: { type: 'string' }, config: { type: 'string' }, write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.agent !== undefined && !(AGENTS as readonly string[]).includes(values.agent)) throw new InputError('--agent', `expected one of ${AGENTS.join(', ')}, got ${quote(values.agent)}`);
    agent = values.agent as Agent;
    if (positionals[0] === 'install') return install(agent, values.write === true, io);
    if (positionals.length > 0) throw new InputError('plangate guard', `unexpected argument ${quote(positionals[0])}; see plangate guard --help`);
    return write(io, await guard(agent, values.config, io));
  } catch (error) {
    const message = isInputError(error) ? error.message : `internal error: ${getErrorMessage(error)}`;
    return write(io, renderFailure(safeLine(message)));
  }
}

function write(io: GuardIo, answer: HookAnswer): number {
  if (answer.stdout) io.stdout(answer.stdout);
  if (answer.stderr) io.stderr(answer.stderr);
  return answer.exitCode;
}

async function guard(agent: Agent, configOption: string | undefined, io: GuardIo): Promise<HookAnswer> {
  const call = parseHookInput(await io.readStdin());
  if (call.command === undefined) return { stdout: '', stderr: '', exitCode: 0 };
  const cwd = call.cwd ?? io.cwd;
  const configPath = findConfig(configOption, cwd);
  const configText = configPath === undefined ? undefined : readConfigText(configPath);
  const options: ClassifyOptions = { extraCommands: [], readScript: scriptReader(cwd) };
  // The quiet path: no infrastructure command, and no extra commands the config could add.
  let classification: Classification | undefined;
  if (!configText?.includes('extra-commands')) {
    classification = classify(call.command, options);
    if (classification.hits.length === 0 && classification.planfiles.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  }
  const { loadSetup, resolveWorkspaces, checkPlanfile, appendAudit } = await import('./guard-io.js');
  const setup = await loadSetup(configPath, configText, cwd);
  const { decide } = await import('../guard/decide.js');
  classification = classify(call.command, { ...options, extraCommands: setup.guard.extraCommands });
  resolveWorkspaces(classification.hits, cwd, io.env);
  const planfiles = classification.planfiles.map((p) => checkPlanfile(p, cwd, io.env, setup.ruleSet));
  const verdict = decide(classification.hits, planfiles, setup.guard);
  if (verdict.decision === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
  const answer = renderAnswer(verdict, agent);
  if (setup.guard.auditLog !== undefined) {
    const entry = { time: new Date().toISOString(), agent: agent ?? 'unnamed', tool: call.toolName, cwd, command: call.command, decision: verdict.decision, findings: verdict.findings };
    const problem = appendAudit(resolve(setup.root, setup.guard.auditLog), entry);
    if (problem) answer.stderr += `plangate guard: ${safeLine(problem)}\n`;
  }
  return answer;
}

/** Where each agent reads project hooks, and the entry that runs the guard. */
const HOOK_FILES: Record<'claude' | 'codex', { path: string; matcher: string; note: string }> = {
  // https://code.claude.com/docs/en/hooks: project hooks in .claude/settings.json.
  claude: { path: '.claude/settings.json', matcher: 'Bash', note: 'Claude Code reads it at start-up; /hooks lists it.' },
  // https://developers.openai.com/codex/hooks: <repo>/.codex/hooks.json, loaded when the project's .codex/ layer is trusted; review and trust the hook with /hooks.
  codex: { path: '.codex/hooks.json', matcher: '^Bash$', note: 'Codex loads it once the project .codex/ layer is trusted; review and trust the hook with /hooks.' },
};

function install(agent: Agent, writeFile: boolean, io: GuardIo): number {
  if (agent === undefined) throw new InputError('plangate guard install', 'name the agent: --agent claude or --agent codex');
  const target = HOOK_FILES[agent];
  const cli = cliPath();
  const command = `node ${shellQuote(cli)} guard --agent ${agent}`;
  // Longer than the guard's own 60 s limit on terraform show: the guard answers before the agent gives up on it.
  const entry = { matcher: target.matcher, hooks: [{ type: 'command', command, timeout: 120 }] };
  const path = join(io.cwd, target.path);
  if (!writeFile) {
    io.stdout(`${JSON.stringify({ hooks: { PreToolUse: [entry] } }, null, 2)}\n`);
    io.stderr(`plangate: add this to ${target.path} (or run with --write). ${target.note}\n`);
    return 0;
  }
  let settings: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      settings = parsed as Record<string, unknown>;
    } catch (error) {
      throw new InputError(path, `cannot merge the hook into it (${getErrorMessage(error)}); fix the file or add the hook by hand`);
    }
  }
  const hooks = (settings.hooks ??= {}) as Record<string, unknown>;
  if (typeof hooks !== 'object' || Array.isArray(hooks)) throw new InputError(path, '"hooks" is not an object; fix the file or add the hook by hand');
  const list = (hooks.PreToolUse ??= []) as unknown[];
  if (!Array.isArray(list)) throw new InputError(path, '"hooks.PreToolUse" is not a list; fix the file or add the hook by hand');
  if (!JSON.stringify(list).includes(JSON.stringify(command))) list.push(entry);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`);
  io.stderr(`plangate: wrote the PreToolUse hook to ${target.path}. ${target.note}\n`);
  return 0;
}

/** This CLI's own path, so the hook runs the same plangate. */
function cliPath(): string {
  const script = process.argv[1];
  try {
    if (script && /cli\.js$/.test(script)) return realpathSync(script);
  } catch {
    // fall through to the bundle's own location
  }
  return resolve(dirname(new URL(import.meta.url).pathname), '..', 'cli.js');
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
