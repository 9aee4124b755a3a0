import type { Assignment, Word } from './shell-word.js';

/**
 * What the guard can find in a command, each answered `ask` or `deny` by the
 * `guard.decisions` config: applying changes without a reviewed plan file,
 * destroying, rewriting state, deleting a stateful cloud resource directly,
 * a command it cannot read, a command the config names, and a plan file that
 * loses protected resources.
 */
export const GUARD_KINDS = ['apply', 'destroy', 'state', 'delete', 'unreadable', 'command', 'planfile'] as const;
export type GuardKind = (typeof GUARD_KINDS)[number];

export interface Hit {
  kind: GuardKind;
  /** The command as read (quoting removed), for the person deciding. */
  command: string;
  /** Why it counts: one short clause. */
  why: string;
  /** Terraform/OpenTofu: the workspace the command names (`TF_WORKSPACE=…`), for `guard.allow-workspaces`. */
  workspace?: string;
  /** Or the directories whose `.terraform/environment` says it (a command line that is this command alone). */
  workspaceFrom?: string[];
}

/** `terraform apply PLANFILE` read with confidence: the guard checks the plan file before answering. */
export interface PlanfileApply {
  /** `terraform` or `tofu`, run from PATH for `show -json`. */
  tool: 'terraform' | 'tofu';
  planfile: string;
  /** Directories to change into, in order, from the hook's working directory: `cd a && …` and `-chdir=b`. */
  directories: string[];
  command: string;
}

export interface Classification {
  hits: Hit[];
  planfiles: PlanfileApply[];
}

/** Files the classifier may read: a shell script the command runs. Undefined when it cannot be read. */
export type ReadScript = (path: string) => string | undefined;

export interface ClassifyOptions {
  /** Extra commands from the config: each a list of words the command must start with. */
  extraCommands: string[][];
  readScript?: ReadScript;
}

export function show(words: readonly Word[]): string {
  return words.map((w) => (w.dynamic ? `${w.text}…` : /[\s'"\\$`]/.test(w.text) || w.text === '' ? JSON.stringify(w.text) : w.text)).join(' ');
}

export type { Assignment, Word };
