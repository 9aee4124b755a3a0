// npm run bench: plangate's whole check of a large plan against the floor any
// JSON plan reader pays (read the file and JSON.parse it), each in a fresh
// process, with peak RSS. Plans of ~20 MB and ~100 MB are generated once into
// .bench/ (deterministic: the same bytes on every machine). Then the blast
// radius's worst cases (scripts/adversarial-plan.mjs): thousands of protected
// resources referencing one another, and many findings, in JSON and markdown.
// Last, the guard's quiet path: a coding agent's non-infrastructure command,
// answered by `plangate guard` (target: under 50 ms inside the process).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
const GENERATOR_VERSION = 2;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ADVERSARIAL_RUNS = Number(process.env.BENCH_ADVERSARIAL_RUNS ?? 3);
const GUARD_RUNS = Number(process.env.BENCH_GUARD_RUNS ?? 21);
const ADVERSARIAL = [
  ['chain', 5000],
  ['mesh', 5000],
  ['cycle', 5000],
  ['none', 200000],
  ['brackets', 2000000],
  ['fanout', 5000],
];


async function main() {
  if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first');
  mkdirSync(benchDir, { recursive: true });
  // BENCH_ONLY=guard: just the guard's quiet path (seconds instead of minutes).
  if (process.env.BENCH_ONLY === 'guard') return guardBench();
  const rows = [];
  for (const [label, resources] of [['20 MB', 5800], ['100 MB', 29000]]) {
    const file = join(benchDir, `plan-${resources}-v${GENERATOR_VERSION}.json`);
    if (!existsSync(file)) generatePlan(file, resources);
    const bytes = statSync(file).size;
    // Interleaved, so a busy moment of the machine hits both sides alike.
    const runs = { parse: [], check: [] };
    for (let i = 0; i < RUNS; i++) for (const mode of ['parse', 'check']) runs[mode].push(runChild(mode, file));
    rows.push({ label, bytes, resources, base: summarise(runs.parse), check: summarise(runs.check) });
  }
  console.log(`node ${process.version}, ${RUNS} interleaved runs each, median; a fresh process per run\n`);
  console.log('plan            resources  read+JSON.parse   plangate check   ratio   peak RSS parse / check');
  for (const r of rows) {
    const ratio = r.check.ms / r.base.ms;
    console.log(
      `${`${r.label} (${(r.bytes / 1e6).toFixed(1)} MB)`.padEnd(16)}${String(r.resources).padStart(9)}  ${fmtMs(r.base.ms).padStart(15)}  ${fmtMs(r.check.ms).padStart(15)}  ${ratio.toFixed(2).padStart(5)}x   ${fmtMb(r.base.rss)} / ${fmtMb(r.check.rss)}`,
    );
  }
  const worst = Math.max(...rows.map((r) => r.check.ms / r.base.ms));
  console.log(`\ntarget: check <= 1.3x read+parse; worst ratio ${worst.toFixed(2)}x ${worst <= 1.3 ? '(met)' : '(NOT met)'}`);
  await adversarial();
  guardBench();
}

/**
 * The guard runs before every shell command an agent makes. Each run is a
 * fresh process fed a Claude Code PreToolUse payload on stdin: the time inside
 * the process (loading the guard's code, reading stdin, deciding) and the whole
 * process, next to a bare `node -e 0`, which no guard written for Node can beat.
 */
function guardBench() {
  const commands = {
    'npm test': 'npm test',
    'a long pipeline': 'git log --oneline | head -50 | grep -v wip | sort | uniq -c && ls -la src test && cat package.json | jq .scripts',
    'terraform plan': 'terraform plan -out=tfplan',
  };
  console.log(`\nguard quiet path (plangate guard --agent claude, allowed, no output), ${GUARD_RUNS} runs each, median; a fresh process per run\n`);
  // CPU time as well as wall time: on a busy machine the wall clock mostly measures the wait for a core.
  console.log('command               in-process (CPU)   whole process   bare node -e 0');
  for (const [label, command] of Object.entries(commands)) {
    const payload = JSON.stringify({ session_id: 's', transcript_path: '/t', cwd: benchDir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 'b' });
    const inside = [];
    const cpu = [];
    const whole = [];
    const bare = [];
    for (let i = 0; i < GUARD_RUNS; i++) {
      const out = join(benchDir, 'result-guard.json');
      let start = performance.now();
      const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'guard', '-', out], { input: payload, cwd: benchDir, encoding: 'utf8' });
      whole.push(performance.now() - start);
      if (stdout !== '') throw new Error(`the guard answered ${JSON.stringify(stdout)} for ${JSON.stringify(command)}: not the quiet path`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      inside.push(result.ms);
      cpu.push(result.cpuMs);
      start = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - start);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`${label.padEnd(20)}${`${fmtMs(median(inside))} (${fmtMs(median(cpu))})`.padStart(17)}  ${fmtMs(median(whole)).padStart(14)}  ${fmtMs(median(bare)).padStart(15)}`);
  }
}

/** The blast radius's worst cases: every format must stay near the cost of reading the plan. */
async function adversarial() {
  const { planChunks } = await import('./adversarial-plan.mjs');
  console.log(`\nadversarial plans (scripts/adversarial-plan.mjs), ${ADVERSARIAL_RUNS} interleaved runs each, median\n`);
  console.log('plan                        read+JSON.parse   check --format json   check --format markdown   peak RSS json');
  for (const [shape, count] of ADVERSARIAL) {
    const file = join(benchDir, `adversarial-${shape}-${count}.json`);
    if (!existsSync(file)) writeFileSync(file, [...planChunks({ shape, count })].join(''));
    const runs = { parse: [], json: [], markdown: [] };
    for (let i = 0; i < ADVERSARIAL_RUNS; i++) for (const mode of Object.keys(runs)) runs[mode].push(runChild(mode, file));
    const [parse, json, markdown] = [runs.parse, runs.json, runs.markdown].map(summarise);
    const label = `${shape} of ${count} (${(statSync(file).size / 1e6).toFixed(1)} MB)`;
    console.log(`${label.padEnd(28)}${fmtMs(parse.ms).padStart(15)}  ${fmtMs(json.ms).padStart(20)}  ${fmtMs(markdown.ms).padStart(24)}   ${fmtMb(json.rss).padStart(13)}`);
  }
}

function runChild(mode, file) {
  const out = join(benchDir, `result-${mode}.json`);
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8'));
}

function summarise(results) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(results.map((r) => r.ms)), rss: median(results.map((r) => r.rss)) };
}

/** One measured run in a fresh process; stdout (the report) is discarded by the parent. */
async function child(mode, file, out) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (mode === 'guard') {
    process.argv = [process.argv[0], join(root, 'dist/cli.js'), 'guard', '--agent', 'claude'];
    await import(join(root, 'dist/cli.js'));
    if (process.exitCode !== 0 && process.exitCode !== undefined) throw new Error(`the guard exited ${process.exitCode}`);
  } else if (mode === 'parse') {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    if (!doc.resource_changes) throw new Error('not a plan');
  } else {
    process.argv = [process.argv[0], join(root, 'dist/cli.js'), 'check', '--format', mode === 'markdown' ? 'markdown' : 'json', file];
    await import(join(root, 'dist/cli.js'));
    if (process.exitCode !== 1) throw new Error(`expected exit 1 (blocked) from the bench plan, got ${process.exitCode}`);
    process.exitCode = 0;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  writeFileSync(out, JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS * 1024 }));
}

function fmtMs(ms) {
  return `${ms.toFixed(0)} ms`;
}

function fmtMb(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

// ---------------------------------------------------------------- generator

/** A small deterministic PRNG so the plan is byte-identical on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  { type: 'aws_instance', attrs: (r, i) => ({ ami: `ami-${hex(r, 17)}`, instance_type: pick(r, ['t3.micro', 'm5.large', 'c6i.xlarge']), subnet_id: `subnet-${hex(r, 17)}`, tags: { Name: `app-${i}`, env: 'prod', team: 'core' }, root_block_device: [{ volume_size: 20 + (i % 50), volume_type: 'gp3', encrypted: true, delete_on_termination: true }], vpc_security_group_ids: [`sg-${hex(r, 17)}`, `sg-${hex(r, 17)}`], user_data: hex(r, 64), disable_api_termination: false }) },
  { type: 'aws_s3_bucket', attrs: (r, i) => ({ bucket: `corp-data-${i}-${hex(r, 8)}`, force_destroy: false, tags: { env: 'prod', owner: 'data' }, versioning: [{ enabled: true, mfa_delete: false }], server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: `arn:aws:kms:eu-west-1:123456789012:key/${hex(r, 36)}` }] }] }] }) },
  { type: 'aws_db_instance', attrs: (r, i) => ({ identifier: `db-${i}`, engine: 'postgres', engine_version: '16.3', instance_class: 'db.r6g.large', allocated_storage: 100 + (i % 900), storage_encrypted: true, deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: `db-${i}-final`, backup_retention_period: 7, multi_az: true, username: 'app', password: 'hunter2-not-real', tags: { env: 'prod' } }) },
  { type: 'aws_security_group_rule', attrs: (r) => ({ type: 'ingress', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'], security_group_id: `sg-${hex(r, 17)}`, description: 'https from the VPC' }) },
  { type: 'aws_iam_role', attrs: (r, i) => ({ name: `role-${i}`, assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), max_session_duration: 3600, path: '/', tags: { team: 'core' }, arn: `arn:aws:iam::123456789012:role/role-${i}`, unique_id: hex(r, 21).toUpperCase() }) },
];

function pick(r, xs) {
  return xs[Math.floor(r() * xs.length)];
}

function hex(r, n) {
  let s = '';
  while (s.length < n) s += Math.floor(r() * 16).toString(16);
  return s;
}

function generatePlan(file, count) {
  const r = rng(count);
  const perModule = 50;
  const modules = Math.ceil(count / perModule);
  const rootModule = { resources: [], child_modules: [] };
  const priorRoot = { resources: [], child_modules: [] };
  const resourceChanges = [];
  const moduleCalls = {};
  let protectedDeletes = 0;
  for (let m = 0; m < modules; m++) {
    const moduleAddress = `module.service["svc-${m}"]`;
    const planned = { address: moduleAddress, resources: [] };
    const prior = { address: moduleAddress, resources: [] };
    for (let j = 0; j < perModule && m * perModule + j < count; j++) {
      const i = m * perModule + j;
      const kind = KINDS[i % KINDS.length];
      const name = `r${j}`;
      const address = `${moduleAddress}.${kind.type}.${name}`;
      const before = { id: `${kind.type}-${i}`, ...kind.attrs(r, i) };
      const roll = r();
      // Mostly no-ops, as in a real large estate; a few of every destructive kind.
      let actions = ['no-op'];
      if (roll < 0.08) actions = ['update'];
      else if (roll < 0.1) actions = ['create'];
      else if (roll < 0.104) actions = ['delete'];
      else if (roll < 0.107) actions = ['delete', 'create'];
      if (actions[0] === 'delete' && (kind.type === 'aws_db_instance' || kind.type === 'aws_s3_bucket')) protectedDeletes++;
      const after = actions[0] === 'delete' && actions.length === 1 ? null : { ...before, tags: { ...before.tags, revision: String(i % 7) } };
      const sensitive = kind.type === 'aws_db_instance' ? { password: true } : {};
      const common = { address, module_address: moduleAddress, mode: 'managed', type: kind.type, name, provider_name: 'registry.terraform.io/hashicorp/aws' };
      resourceChanges.push({
        ...common,
        change: { actions, before: actions[0] === 'create' ? null : before, after, after_unknown: after ? { id: actions.includes('create') } : {}, before_sensitive: sensitive, after_sensitive: after ? sensitive : false },
        ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
      });
      prior.resources.push({ ...common, schema_version: 1, values: before, sensitive_values: sensitive, depends_on: j > 0 ? [`${moduleAddress}.${KINDS[(i - 1) % KINDS.length].type}.r${j - 1}`] : [] });
      if (after) planned.resources.push({ ...common, schema_version: 1, values: after, sensitive_values: sensitive });
    }
    rootModule.child_modules.push(planned);
    priorRoot.child_modules.push(prior);
    moduleCalls[`service`] = moduleCalls.service ?? { source: './modules/service', for_each_expression: { references: ['local.services'] }, module: { resources: KINDS.map((k, n) => ({ address: `${k.type}.r${n}`, mode: 'managed', type: k.type, name: `r${n}`, provider_config_key: 'aws', expressions: { tags: { references: ['var.tags'] } }, schema_version: 1 })) } };
  }
  if (protectedDeletes === 0) throw new Error('generator produced no protected delete');
  const doc = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    variables: { region: { value: 'eu-west-1' } },
    planned_values: { root_module: rootModule },
    resource_changes: resourceChanges,
    prior_state: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: priorRoot } },
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: { module_calls: moduleCalls } },
    timestamp: '2026-11-24T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  writeFileSync(file, JSON.stringify(doc, null, 1));
}

// Dispatch last: the generator's tables above must be initialised first.
if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await main();
}
