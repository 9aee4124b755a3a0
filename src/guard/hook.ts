/**
 * The hook formats of the coding agents: the JSON each sends on stdin before a
 * tool call, and how each must be answered.
 *
 * Claude Code (https://code.claude.com/docs/en/hooks, "PreToolUse"): input
 * `{session_id, transcript_path, cwd, permission_mode, hook_event_name:
 * "PreToolUse", tool_name: "Bash", tool_input: {command, description?,
 * timeout?, run_in_background?}, tool_use_id}`. Exit 0 with
 * `{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision":
 * "allow"|"deny"|"ask", "permissionDecisionReason": …}}` on stdout decides
 * (ask: the reason is shown to the person; deny: to Claude). Exit 2 blocks and
 * stderr goes to Claude. Any other exit status is a non-blocking error: the
 * command RUNS — so every failure here must end in exit 2.
 *
 * OpenAI Codex (https://developers.openai.com/codex/hooks, "PreToolUse";
 * schema codex-rs/hooks/schema/generated/pre-tool-use.command.input.schema.json):
 * input `{session_id, turn_id, transcript_path, cwd, hook_event_name:
 * "PreToolUse", model, permission_mode, tool_name: "Bash", tool_use_id,
 * tool_input: {command}}`. Only `permissionDecision: "deny"` with a reason,
 * the legacy `{"decision": "block"}`, or exit 2 with the reason on stderr
 * block; `"ask"` and `"allow"` are parsed but unsupported and fail open (the
 * command runs), as does output with an unknown field. So for Codex an ask
 * becomes a deny, sent as exit 2, which does not depend on the JSON parser.
 */

import { isObject } from '../json.js';
import { InputError } from '../errors.js';
import type { Verdict } from './decide.js';

export const AGENTS = ['claude', 'codex'] as const;
/** `undefined`: an agent not named, answered the way every agent blocks (exit 2). */
export type Agent = (typeof AGENTS)[number] | undefined;

/**
 * Tools whose `tool_input.command` is a shell command line, whatever the casing. Any other tool with a
 * `command` string or list is read the same way, so a name the guard does not know fails closed;
 * only Codex's apply_patch sends a patch there, not a command.
 */
const SHELL_TOOLS = /^(bash|shell|local_shell|exec_command|container\.exec)$/i;
const NOT_COMMANDS = new Set(['apply_patch']);

export interface HookCall {
  toolName: string;
  /** The shell command line, or undefined for a tool that runs none (Edit, Read, apply_patch, MCP tools). */
  command: string | undefined;
  /** The agent's working directory when it made the call. */
  cwd: string | undefined;
}

/** Parses the hook's stdin; anything not in the documented shape is an InputError (the caller blocks). */
export function parseHookInput(text: string): HookCall {
  const source = 'hook input';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(source, 'not JSON: plangate guard reads the PreToolUse hook JSON on stdin');
  }
  if (!isObject(raw)) throw new InputError(source, 'expected a JSON object (the PreToolUse hook input)');
  if (raw.hook_event_name !== undefined && raw.hook_event_name !== 'PreToolUse') {
    throw new InputError(source, `hook_event_name is ${JSON.stringify(raw.hook_event_name)}: install plangate guard as a PreToolUse hook`);
  }
  const toolName = raw.tool_name;
  if (typeof toolName !== 'string' || toolName === '') throw new InputError(source, 'tool_name: expected the name of the tool being called');
  const input = raw.tool_input;
  if (!isObject(input)) throw new InputError(source, 'tool_input: expected an object');
  const cwd = typeof raw.cwd === 'string' && raw.cwd !== '' ? raw.cwd : undefined;
  const command = input.command;
  const named = SHELL_TOOLS.test(toolName);
  if (NOT_COMMANDS.has(toolName) || !named && typeof command !== 'string' && !Array.isArray(command)) return { toolName, command: undefined, cwd };
  if (typeof command === 'string') return { toolName, command, cwd };
  // An argv list: each word quoted, so the reader sees exactly these words.
  if (Array.isArray(command) && command.length > 0 && command.every((c) => typeof c === 'string')) {
    return { toolName, command: command.map((c) => `'${c.replace(/'/g, "'\\''")}'`).join(' '), cwd };
  }
  throw new InputError(source, 'tool_input.command: expected the command line as a string');
}

export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: 0 | 2;
}

export function renderAnswer(verdict: Verdict, agent: Agent): HookAnswer {
  if (verdict.decision === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
  if (agent === 'claude') {
    const output = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: verdict.decision, permissionDecisionReason: verdict.reason } };
    return { stdout: `${JSON.stringify(output)}\n`, stderr: '', exitCode: 0 };
  }
  // Codex and unnamed agents cannot ask: the same summary, and the command is blocked.
  const reason = verdict.decision === 'ask' ? `${verdict.reason}\n(The agent cannot ask for confirmation here, so the command is blocked: a person must run it.)` : verdict.reason;
  return { stdout: '', stderr: `${reason}\n`, exitCode: 2 };
}

/** A failure before any decision (bad input, broken config): blocked in every agent. */
export function renderFailure(message: string): HookAnswer {
  return { stdout: '', stderr: `plangate guard: blocked, because it cannot decide: ${message}\n`, exitCode: 2 };
}
