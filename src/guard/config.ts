import { throwProblems, Validator } from '../rules/validate.js';
import { readShellSafely } from './shell.js';
import { GUARD_KINDS, type GuardKind } from './types.js';

export const GUARD_ANSWERS = ['ask', 'deny'] as const;
export type GuardAnswer = (typeof GUARD_ANSWERS)[number];

/** The `guard:` section of .github/plangate.yml. */
export interface GuardConfig {
  /** Per kind of finding: ask the person, or deny outright. */
  decisions: Record<GuardKind, GuardAnswer>;
  /** More commands that count as destructive, as words a command must start with (`make destroy`). */
  extraCommands: string[][];
  /** Terraform/OpenTofu workspace globs where destroy and apply need no confirmation (sandboxes). */
  allowWorkspaces: string[];
  /** A file every ask and deny is appended to, one JSON line each; relative to the repository root. */
  auditLog?: string;
}

export function defaultGuardConfig(): GuardConfig {
  return { decisions: Object.fromEntries(GUARD_KINDS.map((k) => [k, 'ask'])) as Record<GuardKind, GuardAnswer>, extraCommands: [], allowWorkspaces: [] };
}

/**
 * Validates the `guard:` section:
 *
 * ```yaml
 * guard:
 *   decisions: { default: ask, destroy: deny }   # per kind: ask | deny
 *   extra-commands: ["make destroy", "./scripts/nuke.sh"]
 *   allow-workspaces: [sandbox, "dev-*"]
 *   audit-log: .plangate/guard.jsonl
 * ```
 */
export function validateGuardConfig(raw: unknown, source: string): GuardConfig {
  const config = defaultGuardConfig();
  if (raw === undefined || raw === null) return config;
  const v = new Validator();
  v.check(() => {
    const doc = v.object(raw, ['guard']);
    v.onlyKeys(doc, ['guard'], ['decisions', 'extra-commands', 'allow-workspaces', 'audit-log']);
    if (doc.decisions !== undefined) {
      const decisions = v.object(doc.decisions, ['guard', 'decisions']);
      v.onlyKeys(decisions, ['guard', 'decisions'], ['default', ...GUARD_KINDS]);
      if (decisions.default !== undefined) {
        const answer = v.oneOf(decisions.default, ['guard', 'decisions', 'default'], GUARD_ANSWERS);
        for (const kind of GUARD_KINDS) config.decisions[kind] = answer;
      }
      for (const kind of GUARD_KINDS) {
        if (decisions[kind] !== undefined) config.decisions[kind] = v.oneOf(decisions[kind], ['guard', 'decisions', kind], GUARD_ANSWERS);
      }
    }
    if (doc['extra-commands'] !== undefined) {
      config.extraCommands = v.strings(doc['extra-commands'], ['guard', 'extra-commands']).map((text, i) => {
        const reading = readShellSafely(text);
        const words = reading.commands[0]?.words ?? [];
        if (reading.commands.length !== 1 || reading.problems.length > 0 || words.length === 0 || words.some((w) => w.dynamic)) {
          v.fail(['guard', 'extra-commands', i], 'one plain command: a program name and the words it starts with, without variables, quotes that do not close or operators', text);
        }
        return words.map((w) => w.text);
      });
    }
    if (doc['allow-workspaces'] !== undefined) config.allowWorkspaces = v.strings(doc['allow-workspaces'], ['guard', 'allow-workspaces']);
    if (doc['audit-log'] !== undefined) config.auditLog = v.string(doc['audit-log'], ['guard', 'audit-log']);
  });
  throwProblems(source, v.problems);
  return config;
}
