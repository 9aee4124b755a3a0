// A monorepo's plans for issue 12 item 3: example-destroy.json once per stack, each
// with its own share of protected deletions under addresses of its own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../plan/fixtures.js';

/** Protected resources in plan i: none, one, two, or many (up to 60 databases and a bucket). */
export function protectedIn(i: number): number {
  return [0, 1, 2, 3 + ((i * 7) % 58)][i % 4] as number;
}

/** Plan i's name in the workspace, and its label (every other plan has one, as `prod=plans/prod.json` gives). */
export function planPath(i: number): string {
  return `live/stack-${i}/plan.json`;
}

export function planLabelOf(i: number): string | undefined {
  return i % 2 === 0 ? `stack-${i}` : undefined;
}

/** Writes `count` plans under `dir` at planPath(i). */
export function writeManyPlans(dir: string, count: number): void {
  const template = JSON.parse(readFileSync(join(ROOT, 'fixtures/terraform/example-destroy.json'), 'utf8')) as Record<string, unknown>;
  for (let i = 0; i < count; i++) {
    mkdirSync(join(dir, 'live', `stack-${i}`), { recursive: true });
    writeFileSync(join(dir, planPath(i)), planJson(template, i));
  }
}

function planJson(template: Record<string, unknown>, i: number): string {
  const changes = template.resource_changes as { address: string; name: string }[];
  const db = changes.find((c) => c.address === 'aws_db_instance.production');
  const bucket = changes.find((c) => c.address === 'aws_s3_bucket.uploads');
  const rest = changes.filter((c) => c !== db && c !== bucket);
  const n = protectedIn(i);
  const dbs = Array.from({ length: Math.max(0, n - 1) }, (_, j) => ({ ...db, name: `stack_${i}_db_${j}`, address: `aws_db_instance.stack_${i}_db_${j}` }));
  const extra = n > 0 ? [{ ...bucket, name: `stack_${i}_uploads`, address: `aws_s3_bucket.stack_${i}_uploads` }] : [];
  return JSON.stringify({ ...template, resource_changes: [...rest, ...dbs, ...extra] });
}
