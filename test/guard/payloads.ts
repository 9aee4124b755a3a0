// Hook inputs as the agents document them, for the guard's tests.

/** Claude Code's PreToolUse input for the Bash tool (https://code.claude.com/docs/en/hooks). */
export function claudePayload(command: string, cwd = '/home/dev/project'): Record<string, unknown> {
  return {
    session_id: 'abc123',
    transcript_path: '/home/dev/.claude/projects/project/00893aaf-19fa-41d2-8238-13269b9b3ca0.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'Run the command', timeout: 120000, run_in_background: false },
    tool_use_id: 'toolu_01ABC123DEF456',
  };
}

/** Codex's PreToolUse input (codex-rs/hooks/schema/generated/pre-tool-use.command.input.schema.json). */
export function codexPayload(command: string, cwd = '/home/dev/project'): Record<string, unknown> {
  return {
    session_id: '0199a213-81c0-7800-8aa1-bbab2a035a53',
    turn_id: 't-1',
    transcript_path: null,
    cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5-codex',
    permission_mode: 'default',
    tool_name: 'Bash',
    tool_use_id: 'call_7a9',
    tool_input: { command },
  };
}
