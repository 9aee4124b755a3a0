// schema/report.schema.json, compiled once: what the README points to as the
// JSON report's shape, checked against real reports from the CLI and the action.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../corpus-path.js';

export const REPORT_SCHEMA_PATH = join(REPO_ROOT, 'schema/report.schema.json');

const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as object);

/** Where and how a report departs from the schema, one line each; empty when it conforms. */
export function schemaProblems(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
