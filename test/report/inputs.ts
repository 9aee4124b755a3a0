// Analyses for the report tests: real ones from checkPlans over fixtures and
// corpus files (with stable file names, wherever the corpus lives), and ones
// built by hand for what the plans do not hold yet.
import { join } from 'node:path';
import type { Analysis, Finding } from '../../src/analysis/types.js';
import { checkPlans } from '../../src/check.js';
import type { Change } from '../../src/plan/types.js';
import { defaultRuleSet } from '../../src/rules/config.js';
import { corpusFile } from '../corpus-path.js';
import { ROOT } from '../plan/fixtures.js';

/** `fixtures/…` relative to the repository, `corpus/…` relative to the shared corpus. */
export function inputPath(name: string): string {
  if (name.startsWith('fixtures/')) return join(ROOT, name);
  if (name.startsWith('corpus/')) return corpusFile(name.slice('corpus/'.length));
  throw new Error(`unknown input ${name}`);
}

/** Names of the cases (name → inputs) that read no corpus file, and of those that do (run only with the corpus). */
export function splitCases(cases: Record<string, string[]>): { fixtures: string[]; corpus: string[] } {
  const names = Object.keys(cases);
  const usesCorpus = (name: string) => (cases[name] ?? []).some((input) => input.startsWith('corpus/'));
  return { fixtures: names.filter((n) => !usesCorpus(n)), corpus: names.filter(usesCorpus) };
}

/** checkPlans with the recommended rules, every file named as given (not by its absolute path). */
export async function analyseNamed(names: string[]): Promise<Analysis> {
  const paths = names.map(inputPath);
  const analysis = await checkPlans(paths, defaultRuleSet());
  const rename = (text: string) => paths.reduce((t, p, i) => t.split(p).join(names[i] as string), text);
  return {
    files: analysis.files.map(rename),
    changes: analysis.changes.map((c) => ({ ...c, file: rename(c.file) })),
    findings: analysis.findings.map((f) => ({ ...f, file: rename(f.file) })),
    ignored: analysis.ignored.map((i) => ({ ...i, file: rename(i.file) })),
    errors: analysis.errors.map(rename),
    decision: analysis.decision,
  };
}

export function finding(overrides: Partial<Finding> & Pick<Finding, 'address'>): Finding {
  return {
    file: 'plan.json',
    type: 'aws_db_instance',
    action: 'delete',
    rule: 'aws-relational-databases',
    rules: [overrides.rule ?? 'aws-relational-databases'],
    severity: 'critical',
    reason: 'Relational database: deleting it destroys its data unless a final snapshot is taken.',
    approvals: 1,
    approvers: { teams: [], users: [] },
    dependents: [],
    dependentsTotal: overrides.dependents?.length ?? 0,
    dataAtRisk: [],
    ...overrides,
  };
}

export function change(overrides: Partial<Change> & Pick<Change, 'address' | 'action'>): Change {
  return {
    file: 'plan.json',
    format: 'terraform',
    resourceAddress: overrides.address,
    type: 'aws_instance',
    name: 'x',
    provider: 'aws',
    module: '',
    ...overrides,
  };
}

/** An analysis whose changes are the findings' (as deletes, replaces, forgets) plus `others`. */
export function analysisOf(findings: Finding[], { others = [], errors = [] }: { others?: Change[]; errors?: string[] } = {}): Analysis {
  const changes = [
    ...findings.map((f) =>
      change({
        file: f.file,
        address: f.address,
        type: f.type,
        action: f.action === 'protection-removed' ? 'update' : f.action,
        ...(f.conditional ? { conditional: true } : {}),
      }),
    ),
    ...others,
  ];
  return {
    files: [...new Set(changes.map((c) => c.file))],
    changes,
    findings,
    ignored: [],
    errors,
    decision: errors.length > 0 ? 'error' : findings.length > 0 ? 'blocked' : 'pass',
  };
}

/**
 * A review with everything the analysis can say: data at risk, a removed
 * guard, a move, a conditional replacement, named approvers, two plans.
 */
export function richAnalysis(): Analysis {
  return analysisOf(
    [
      finding({
        file: 'envs/prod/plan.json',
        address: 'module.db.aws_db_instance.main',
        approvals: 2,
        approvers: { teams: ['acme/dba'], users: ['alice'] },
        dependents: ['module.app.aws_ecs_service.api', 'module.app.aws_lambda_function.worker', 'output.database_url'],
        dataAtRisk: ['no final snapshot (skip_final_snapshot = true): the data is gone', 'automated backups are deleted with the instance (delete_automated_backups = true)'],
      }),
      finding({
        file: 'envs/prod/plan.json',
        address: 'aws_rds_cluster.analytics',
        type: 'aws_rds_cluster',
        action: 'protection-removed',
        severity: 'high',
        weakenings: [
          {
            guard: 'deletion_protection',
            from: 'true',
            to: 'false',
            description: 'deletion_protection turned off (true → false): the cluster can now be deleted',
          },
        ],
      }),
      finding({
        file: 'envs/prod/plan.json',
        address: 'aws_s3_bucket.uploads["eu"]',
        previousAddress: 'aws_s3_bucket.uploads',
        type: 'aws_s3_bucket',
        rule: 'aws-object-storage',
        reason: 'Object storage: deleting it destroys every object in it.',
        dependents: ['aws_cloudfront_distribution.cdn', 'module.app.aws_ecs_service.api'],
        dataAtRisk: ['force_destroy = true: every object is deleted with the bucket'],
      }),
      finding({
        file: 'stacks/app.json',
        address: 'AppStack/CacheCluster',
        type: 'AWS::ElastiCache::CacheCluster',
        action: 'replace',
        conditional: true,
        severity: 'high',
        rule: 'cfn-caches',
        reason: 'Cache with data: deleting it loses every key in it unless a final snapshot is taken.',
        dependents: ['AppStack/Service'],
      }),
      finding({
        file: 'stacks/app.json',
        address: 'AppStack/Sessions',
        type: 'AWS::DynamoDB::Table',
        action: 'forget',
        severity: 'medium',
        rule: 'cfn-nosql-databases',
        reason: 'NoSQL table: deleting it destroys every item stored in it.',
      }),
    ],
    { others: [change({ file: 'envs/prod/plan.json', address: 'aws_instance.bastion', action: 'replace', createBeforeDestroy: true })] },
  );
}

/** Addresses that try to break out of a code span, a table, HTML, a mermaid label or a terminal. */
export const HOSTILE_ADDRESSES = [
  'aws_s3_bucket.b["a|b"]',
  'aws_s3_bucket.b["a\\|b"]',
  'aws_s3_bucket.b["`x`"]',
  'aws_s3_bucket.b["``` ` ``"]',
  'module.m["<script>alert(1)</script>"].aws_db_instance.x',
  'module.m["<img src=x onerror=alert(1)>"].aws_db_instance.x',
  'aws_db_instance.x["line\nbreak"]',
  'aws_db_instance.x["cr\r\n| injected | row |"]',
  'aws_db_instance.x["</details><details open>"]',
  'aws_db_instance.x["@alice #12 *bold* _em_ [link](https://example.com) ~~s~~ $x$"]',
  'aws_db_instance.x["a#35;b; #quot; &quot; &lt;"]',
  'aws_db_instance.x["\\"]; click n0 call alert() ;[\\""]',
  'aws_db_instance.x["end"] --> subgraph graph TD',
  'aws_db_instance.x["%%{init: {\\"theme\\": \\"dark\\"}}%%"]',
  'aws_db_instance.x[":::lost style n0 fill:#f00"]',
  'módulo.aws_db_instance.ñandú["日本語 データ"]',
  'aws_s3_bucket.b["🚀 emoji 👩‍💻"]',
  'aws_s3_bucket.b["\u202Egnp.exe\u202C"]',
  'aws_s3_bucket.b["\u001b[2J\u001b[31mred"]',
  'aws_s3_bucket.b["\\\\"]',
  'aws_s3_bucket.b[" spaced "]',
  `aws_s3_bucket.b["${'long-'.repeat(100)}"]`,
];
