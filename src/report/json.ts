import type { Analysis, Finding, IgnoredChange } from '../analysis/analyse.js';
import type { DecisionRecord } from '../approval/record.js';
import type { ApprovalOutcome, GateDecision } from '../approval/types.js';
import { DESTRUCTIVE_ACTIONS, type Change, type Recreation } from '../plan/types.js';

/** Version of the JSON report's shape; bumped only on a breaking change. */
export const REPORT_VERSION = 1;

export interface JsonChange {
  file: string;
  address: string;
  type: string;
  provider: string;
  module?: string;
  index?: string | number;
  action: Change['action'];
  conditional?: boolean;
  createBeforeDestroy?: boolean;
  reason?: string;
  replacePaths?: string[];
  recreation?: Recreation[];
  stack?: string;
  previousAddress?: string;
  importing?: boolean;
  deposed?: string;
  physicalId?: string;
}

/** The action's part: who approved or overrode, and what is still missing. */
export interface JsonApproval {
  approvedBy: string[];
  overriddenBy?: { login: string; at: string };
  missing: string[];
}

export interface JsonReport {
  version: number;
  /** The CLI's decision from the plans; the action's final decision, after the approvals. */
  decision: GateDecision;
  summary: { files: number; changes: number; destructive: number; findings: number; ignored: number; errors: number };
  approval?: JsonApproval;
  /** Every plan file read, with its label when the input gave one. */
  plans: { file: string; label?: string }[];
  changes: JsonChange[];
  findings: Finding[];
  /** Losses a rule would protect that the config's `ignore` excludes. */
  ignored: IgnoredChange[];
  errors: string[];
  /** The action's decision as `plangate verify` reads it (src/approval/record.ts); the CLI's check has none. */
  record?: DecisionRecord;
}

const QUIET = new Set<Change['action']>(['no-op', 'read']);

/**
 * The stable machine-readable report (schema/report.schema.json). Values are
 * never included. With the gate's outcome (the action), the decision is the
 * final one and the errors are every reason it could not decide, so the file
 * never says `blocked` or `pass` beside an `approved` or `error` output.
 */
export function toJsonReport(analysis: Analysis, outcome?: ApprovalOutcome): JsonReport {
  const changes = analysis.changes.filter((c) => !QUIET.has(c.action)).map(toJsonChange);
  const errors = outcome ? [...new Set([...analysis.errors, ...outcome.errors])] : analysis.errors;
  return {
    version: REPORT_VERSION,
    decision: outcome ? outcome.decision : analysis.decision,
    summary: {
      files: analysis.files.length,
      changes: changes.length,
      destructive: changes.filter((c) => DESTRUCTIVE_ACTIONS.has(c.action)).length,
      findings: analysis.findings.length,
      ignored: analysis.ignored.length,
      errors: errors.length,
    },
    ...(outcome ? { approval: toJsonApproval(outcome) } : {}),
    plans: analysis.files.map((file) => {
      const label = analysis.labels?.[file];
      return label === undefined ? { file } : { file, label };
    }),
    changes,
    findings: analysis.findings,
    ignored: analysis.ignored,
    errors,
  };
}

function toJsonApproval(outcome: ApprovalOutcome): JsonApproval {
  return {
    approvedBy: outcome.approvedBy.map((a) => a.login),
    ...(outcome.overriddenBy ? { overriddenBy: { login: outcome.overriddenBy.login, at: outcome.overriddenBy.at } } : {}),
    missing: outcome.missing,
  };
}

export function renderJson(analysis: Analysis, outcome?: ApprovalOutcome): string {
  return [...jsonChunks(analysis, outcome)].join('');
}

/**
 * The report as JSON.stringify(report, null, 2) writes it, a slice of each
 * array at a time: the report of a million findings is larger than the
 * longest string V8 can hold, so it is written out in pieces, never joined.
 */
export function* jsonChunks(analysis: Analysis, outcome?: ApprovalOutcome, record?: DecisionRecord): Generator<string> {
  const { changes, findings, ignored, errors, ...head } = { ...toJsonReport(analysis, outcome), ...(record ? { record } : {}) };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n`;
  const lists = [['changes', changes], ['findings', findings], ['ignored', ignored], ['errors', errors]] as const;
  for (const [i, [key, items]] of lists.entries()) {
    yield `  ${JSON.stringify(key)}: [`;
    for (let start = 0; start < items.length; start += SLICE) {
      // Inside {"x": [...]} the elements sit at the report's own indentation, 4 spaces.
      const text = JSON.stringify({ x: items.slice(start, start + SLICE) }, null, 2);
      yield `${start > 0 ? ',' : ''}\n${text.slice(text.indexOf('[') + 2, text.lastIndexOf(']') - 3)}`;
    }
    yield `${items.length > 0 ? '\n  ' : ''}]${i < lists.length - 1 ? ',' : ''}\n`;
  }
  yield '}\n';
}

const SLICE = 1000;

function toJsonChange(change: Change): JsonChange {
  const out: JsonChange = {
    file: change.file,
    address: change.address,
    type: change.type,
    provider: change.provider,
    action: change.action,
  };
  if (change.module) out.module = change.module;
  if (change.index !== undefined) out.index = change.index;
  if (change.conditional !== undefined) out.conditional = change.conditional;
  if (change.createBeforeDestroy !== undefined) out.createBeforeDestroy = change.createBeforeDestroy;
  if (change.reason !== undefined) out.reason = change.reason;
  if (change.replacePaths !== undefined) out.replacePaths = change.replacePaths;
  if (change.recreation !== undefined) out.recreation = change.recreation;
  if (change.stack !== undefined) out.stack = change.stack;
  if (change.previousAddress !== undefined) out.previousAddress = change.previousAddress;
  if (change.importing) out.importing = true;
  if (change.deposed !== undefined) out.deposed = change.deposed;
  if (change.physicalId !== undefined) out.physicalId = change.physicalId;
  return out;
}
