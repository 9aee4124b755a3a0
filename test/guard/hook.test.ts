// The hook payloads as the agents document them, and the answers each agent acts on.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/guard/decide.js';
import { parseHookInput, renderAnswer, renderFailure } from '../../src/guard/hook.js';
import { claudePayload, codexPayload } from './payloads.js';

const ask: Verdict = { decision: 'ask', reason: 'plangate guard: summary', findings: [] };
const deny: Verdict = { decision: 'deny', reason: 'plangate guard: denied', findings: [] };

describe('hook input', () => {
  it('reads the command of a Claude Code and a Codex Bash call', () => {
    expect(parseHookInput(JSON.stringify(claudePayload('terraform plan')))).toEqual({ toolName: 'Bash', command: 'terraform plan', cwd: '/home/dev/project' });
    expect(parseHookInput(JSON.stringify(codexPayload('ls')))).toEqual({ toolName: 'Bash', command: 'ls', cwd: '/home/dev/project' });
  });

  it('a tool that runs no shell command has none (Edit, apply_patch, MCP tools)', () => {
    for (const [tool, input] of [['Edit', { file_path: '/x', old_string: 'a', new_string: 'b' }], ['apply_patch', { command: '*** Begin Patch\n*** End Patch' }], ['mcp__github__create_issue', { title: 'x' }]] as const) {
      expect(parseHookInput(JSON.stringify({ ...claudePayload(''), tool_name: tool, tool_input: input })).command).toBeUndefined();
    }
  });

  it('a command under another tool name is read as a shell command (a name the guard does not know must not let it through)', () => {
    for (const tool of ['bash', 'BASH', 'Shell', 'shell', 'local_shell', 'exec_command', 'mcp__shell__run']) {
      expect(parseHookInput(JSON.stringify({ ...codexPayload(''), tool_name: tool, tool_input: { command: 'terraform destroy' } })).command, tool).toBe('terraform destroy');
    }
    expect(parseHookInput(JSON.stringify({ ...codexPayload(''), tool_name: 'shell', tool_input: { command: ['terraform', 'destroy'] } })).command).toBe("'terraform' 'destroy'");
  });

  it('an argv list is quoted word by word', () => {
    expect(parseHookInput(JSON.stringify({ ...codexPayload(''), tool_input: { command: ['bash', '-lc', "terraform destroy; echo 'x'"] } })).command).toBe(
      "'bash' '-lc' 'terraform destroy; echo '\\''x'\\'''",
    );
  });

  it('anything not in the documented shape is refused (the guard then blocks)', () => {
    for (const text of ['', 'not json', '[]', 'null', '{"tool_name":"Bash"}', JSON.stringify({ ...claudePayload('x'), hook_event_name: 'PostToolUse' }), JSON.stringify({ ...claudePayload('x'), tool_input: { command: 42 } }), JSON.stringify({ ...claudePayload('x'), tool_name: '' })]) {
      expect(() => parseHookInput(text), text).toThrow(/^hook input: /);
    }
  });
});

describe('hook answers', () => {
  it('allow is silent, exit 0, for every agent', () => {
    for (const agent of ['claude', 'codex', undefined] as const) expect(renderAnswer({ decision: 'allow', reason: '', findings: [] }, agent)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('Claude Code: ask and deny as hookSpecificOutput on stdout, exit 0', () => {
    for (const verdict of [ask, deny]) {
      const answer = renderAnswer(verdict, 'claude');
      expect(answer.exitCode).toBe(0);
      expect(JSON.parse(answer.stdout)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: verdict.decision, permissionDecisionReason: verdict.reason } });
    }
  });

  it('Codex cannot ask: an ask is blocked (exit 2) with the same summary on stderr', () => {
    const answer = renderAnswer(ask, 'codex');
    expect(answer).toMatchObject({ stdout: '', exitCode: 2 });
    expect(answer.stderr).toContain('plangate guard: summary');
    expect(renderAnswer(deny, 'codex').exitCode).toBe(2);
    expect(renderAnswer(ask, undefined).exitCode).toBe(2);
  });

  it('a failure blocks with exit 2, never 1 (which Claude Code treats as "run it")', () => {
    expect(renderFailure('x')).toEqual({ stdout: '', stderr: 'plangate guard: blocked, because it cannot decide: x\n', exitCode: 2 });
  });
});
