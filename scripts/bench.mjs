// npm run bench: plangate's whole check of large plans against the floor any
// JSON plan reader pays (read the file and JSON.parse it) and against jq,
// each in a fresh process, with peak RSS: 100 MB plans in the two generator
// styles (scripts/bench-plan.mjs), a 1 GB plan (past V8's longest string, so
// it has no floor of its own: its time per MB is held to the 100 MB floor's),
// and 200 plans of 500 kB in one invocation. Plans are generated once into
// .bench/ (deterministic: the same bytes on every machine). Then the blast
// radius's worst cases (scripts/adversarial-plan.mjs): thousands of protected
// resources referencing one another, and many findings, in JSON and markdown.
// Last, the guard's quiet path: a coding agent's non-infrastructure command,
// answered by `plangate guard` (target: under 50 ms inside the process).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePlan } from './bench-plan.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
// BENCH_CLI=path/to/cli.js times another build (an older one, to compare).
const cli = resolve(process.env.BENCH_CLI ?? join(root, 'dist/cli.js'));
const GENERATOR_VERSION = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 1);
const BIG = process.env.BENCH_BIG !== '0';
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
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  mkdirSync(benchDir, { recursive: true });
  // BENCH_ONLY=guard: just the guard's quiet path (seconds instead of minutes).
  if (process.env.BENCH_ONLY === 'guard') return guardBench();
  const jq = hasJq();
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg()[0].toFixed(1)}; ${RUNS} interleaved runs (1 GB: ${BIG_RUNS}), median; a fresh process per run`);
  console.log('time is CPU time (user + system) of the process, fair on a busy machine; wall time in brackets\n');
  console.log('plan               size      plangate               floor (read+JSON.parse)   jq                      ratio   peak RSS plangate / floor');
  const rows = [];
  const row = (r) => {
    rows.push(r);
    const cell = (m) => (m ? `${fmtMs(m.cpu)} [${fmtMs(m.ms)}]` : '-');
    const ratio = r.floor ? (r.check.cpu / r.floor.cpu).toFixed(2) + 'x' : '-';
    console.log(`${r.label.padEnd(17)}${fmtMb(r.bytes).padStart(8)}  ${cell(r.check).padEnd(21)}  ${cell(r.floor).padEnd(24)}  ${cell(r.jq).padEnd(22)}  ${ratio.padStart(6)}   ${fmtMb(r.check.rss)} / ${r.floor ? fmtMb(r.floor.rss) : '-'}`);
  };
  for (const style of ['pretty', 'compact']) {
    const file = planFile(style, style === 'pretty' ? 30000 : 58000);
    row(measure(`${style} 100 MB`, [file], RUNS, { floor: true, jq }));
  }
  const many = Array.from({ length: 200 }, (_, i) => planFile('pretty', 150, i));
  row(measure('200 x 500 kB', many, RUNS, { floor: true, jq: false }));
  if (BIG) row(measure('pretty 1 GB', [planFile('pretty', 300000)], BIG_RUNS, { floor: false, jq: false }));
  console.log('');
  const [pretty, compact, files, huge] = rows;
  const perMb = (m, bytes) => m.cpu / (bytes / 1e6);
  const targets = [
    ...[pretty, compact].map((r) => [`${r.label}: check <= 1.25x read+JSON.parse`, r.check.cpu / r.floor.cpu, 1.25]),
    ...(jq ? [pretty, compact].map((r) => [`${r.label}: >= 3x faster than jq (jq / check)`, r.jq.cpu / r.check.cpu, 3, true]) : []),
    ...(huge
      ? [
          [`${huge.label}: peak RSS <= 1.5 GB (GB)`, huge.check.rss / 1e9, 1.5],
          [`${huge.label}: time per MB <= 1.5x the floor's per MB on ${pretty.label}`, perMb(huge.check, huge.bytes) / perMb(pretty.floor, pretty.bytes), 1.5],
        ]
      : []),
    [`${files.label}: one check <= 1.3x reading and parsing them in one process`, files.check.cpu / files.floor.cpu, 1.3],
  ];
  if (!jq) console.log('jq is not installed: its comparison is left out (apt-get install -y jq)');
  for (const [what, value, limit, atLeast] of targets) {
    const met = atLeast ? value >= limit : value <= limit;
    console.log(`target ${what}: ${value.toFixed(2)} ${met ? '(met)' : '(NOT met)'}`);
  }
  if (process.env.BENCH_ADVERSARIAL !== '0') await adversarial();
  guardBench();
}

/** A generated plan in .bench/, written once: the same bytes on every machine; `part` n holds resources from n x `resources` on. */
function planFile(style, resources, part) {
  const file = join(benchDir, `${style}-${resources}${part === undefined ? '' : `-${part}`}-v${GENERATOR_VERSION}.json`);
  if (!existsSync(file)) writePlan(file, { style, resources, first: (part ?? 0) * resources });
  return file;
}

/** Interleaved runs of the check, the floor and jq on `files`, each in a fresh process. */
function measure(label, files, runs, { floor, jq }) {
  const modes = ['check', ...(floor ? ['parse'] : []), ...(jq ? ['jq'] : [])];
  const results = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) for (const mode of modes) results[mode].push(mode === 'jq' ? runJq(files[0]) : runChild(mode, files));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { label, bytes, check: summarise(results.check), floor: floor ? summarise(results.parse) : undefined, jq: jq ? summarise(results.jq) : undefined };
}

function hasJq() {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** jq's list of deleted addresses, timed by GNU time when present (CPU and peak RSS), else by the clock. */
function runJq(file) {
  const filter = '[.resource_changes[] | select(.change.actions | index("delete")) | .address]';
  const out = join(benchDir, 'result-jq.txt');
  if (existsSync('/usr/bin/time')) {
    const start = performance.now();
    execFileSync('/usr/bin/time', ['-o', out, '-f', '%U %S %M', 'jq', filter, file], { stdio: ['ignore', 'ignore', 'inherit'] });
    const ms = performance.now() - start;
    const [user, system, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { ms, cpu: (user + system) * 1000, rss: kb * 1024 };
  }
  const start = performance.now();
  execFileSync('jq', [filter, file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = performance.now() - start;
  return { ms, cpu: ms, rss: 0 };
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
      const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'guard', out, '-'], { input: payload, cwd: benchDir, encoding: 'utf8' });
      whole.push(performance.now() - start);
      if (stdout !== '') throw new Error(`the guard answered ${JSON.stringify(stdout)} for ${JSON.stringify(command)}: not the quiet path`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      inside.push(result.ms);
      cpu.push(result.cpu);
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

function runChild(mode, files) {
  const out = join(benchDir, `result-${mode}.json`);
  const list = typeof files === 'string' ? [files] : files;
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, out, ...list], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8'));
}

function summarise(results) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(results.map((r) => r.ms)), cpu: median(results.map((r) => r.cpu)), rss: median(results.map((r) => r.rss)) };
}

/** One measured run in a fresh process; stdout (the report) is discarded by the parent. */
async function child(mode, out, files) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (mode === 'guard') {
    process.argv = [process.argv[0], cli, 'guard', '--agent', 'claude'];
    await import(cli);
    if (process.exitCode !== 0 && process.exitCode !== undefined) throw new Error(`the guard exited ${process.exitCode}`);
  } else if (mode === 'parse') {
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      if (!doc.resource_changes) throw new Error('not a plan');
    }
  } else {
    process.argv = [process.argv[0], cli, 'check', '--format', mode === 'markdown' ? 'markdown' : 'json', ...files];
    await import(cli);
    if (process.exitCode !== 1) throw new Error(`expected exit 1 (blocked) from the bench plan, got ${process.exitCode}`);
    process.exitCode = 0;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  writeFileSync(out, JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS * 1024 }));
}

function fmtMs(ms) {
  return `${ms.toFixed(0)} ms`;
}

function fmtMb(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv.slice(5));
} else {
  await main();
}
