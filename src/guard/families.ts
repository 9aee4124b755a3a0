/**
 * The infrastructure command families: given a command's words (wrappers
 * already removed), whether it changes or destroys infrastructure. A dynamic
 * word where a subcommand goes is "cannot tell", which counts as destructive.
 */

import { show, type GuardKind, type Hit, type Word } from './types.js';

/** What a family answers: nothing, a hit, or a plan file to check. */
export type FamilyResult = undefined | Hit | { planfile: string; chdir: string | undefined };

/** `terraform`, `tofu`, `terraform1.9`, `tofu-1.8`: the binary names of the two tools. */
export function terraformTool(name: string): 'terraform' | 'tofu' | undefined {
  const m = /^(terraform|tofu|opentofu)([-_.]?v?\d[\d.]*)?$/.exec(name);
  if (!m) return undefined;
  return m[1] === 'terraform' ? 'terraform' : 'tofu';
}

const hit = (kind: GuardKind, words: readonly Word[], why: string): Hit => ({ kind, command: show(words), why });
const unreadable = (words: readonly Word[], what: string): Hit => hit('unreadable', words, `${what} is only known when it runs`);

/** Positional words, skipping options; `valued` options take the next word as their value. */
function positionals(args: readonly Word[], valued: ReadonlySet<string>): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Word;
    if (a.text === '--' && !a.dynamic) {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.text.startsWith('-') && !a.dynamic) {
      if (!a.text.includes('=') && valued.has(a.text)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

// Options of `terraform apply` that take a separate value (Go's flag package accepts `-var x` as well as `-var=x`).
const TF_VALUED = new Set(['-var', '-var-file', '-target', '-replace', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-chdir']);
// With a saved plan, only these may be given (terraform refuses planning options).
const TF_SAVED_PLAN_OPTIONS = /^-(auto-approve|input(=(true|false))?|lock(=(true|false))?|lock-timeout=\S+|parallelism=\d+|no-color|json|compact-warnings|show-sensitive)$/;
const TF_STATE_WRITES = new Set(['rm', 'mv', 'push', 'replace-provider']);

export function terraform(words: readonly Word[]): FamilyResult {
  let chdir: string | undefined;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.dynamic) return unreadable(words, 'an option or subcommand');
    if (!w.text.startsWith('-')) break;
    const m = /^-chdir=(.*)$/.exec(w.text);
    if (m) chdir = m[1];
    else if (w.text === '-chdir') return unreadable(words, 'the -chdir directory (write -chdir=DIR)');
  }
  const sub = words[i];
  if (!sub) return undefined;
  const args = words.slice(i + 1);
  const rest = positionals(args, TF_VALUED);
  switch (sub.text) {
    case 'destroy':
      return hit('destroy', words, 'destroys every resource in the state');
    case 'apply': {
      if (args.some((a) => !a.dynamic && /^-destroy(=true)?$/.test(a.text))) return hit('destroy', words, 'apply -destroy destroys every resource in the state');
      if (args.some((a) => a.dynamic)) return unreadable(words, 'an argument of apply');
      if (rest.length === 1 && args.every((a) => a === rest[0] || TF_SAVED_PLAN_OPTIONS.test(a.text))) return { planfile: (rest[0] as Word).text, chdir };
      return hit('apply', words, rest.length === 0 ? 'applies changes no one has reviewed (no saved plan file)' : 'applies a plan the guard cannot identify');
    }
    case 'import':
      return hit('state', words, 'writes the state');
    case 'force-unlock':
      return hit('state', words, 'removes the state lock, so another run may write the state at the same time');
    case 'taint':
      return hit('state', words, 'marks a resource in the state to be destroyed and recreated by the next apply');
    case 'state': {
      const op = rest[0];
      if (op?.dynamic) return unreadable(words, 'the state subcommand');
      return op && TF_STATE_WRITES.has(op.text) ? hit('state', words, `state ${op.text} rewrites the state: what it forgets is never destroyed by plan, and what it moves may be`) : undefined;
    }
    case 'workspace': {
      const op = rest[0];
      if (op?.dynamic) return unreadable(words, 'the workspace subcommand');
      return op?.text === 'delete' ? hit('state', words, 'deletes a workspace and its state') : undefined;
    }
    default:
      return undefined;
  }
}

export function terragrunt(words: readonly Word[]): FamilyResult {
  const args = words.slice(1);
  if (args.some((a) => a.dynamic)) return unreadable(words, 'an argument of terragrunt');
  const texts = args.map((a) => a.text);
  if (texts.includes('destroy') || texts.includes('-destroy') || texts.includes('destroy-all')) return hit('destroy', words, 'destroys every resource of the module (or of every module, with run-all / run --all)');
  if (texts.includes('apply') || texts.includes('apply-all')) return hit('apply', words, 'applies changes without a reviewed plan file');
  if (texts.includes('import')) return hit('state', words, 'writes the state');
  const state = texts.indexOf('state');
  if (state >= 0 && TF_STATE_WRITES.has(texts[state + 1] ?? '')) return hit('state', words, 'rewrites the state');
  const workspace = texts.indexOf('workspace');
  if (workspace >= 0 && texts[workspace + 1] === 'delete') return hit('state', words, 'deletes a workspace and its state');
  return undefined;
}

// aws CLI global options that take a value; anything else starting with -- is a flag or an operation option.
const AWS_VALUED = new Set(['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format']);
const AWS_DELETES: Array<[string, RegExp, GuardKind, string]> = [
  ['s3', /^rb$/, 'delete', 'removes a bucket'],
  ['s3api', /^delete-bucket$/, 'delete', 'removes a bucket'],
  ['s3api', /^delete-objects$/, 'delete', 'deletes many objects at once'],
  ['rds', /^delete-db-/, 'delete', 'deletes a database, cluster or snapshot'],
  ['dynamodb', /^delete-table$/, 'delete', 'deletes a table and its items'],
  ['dynamodb', /^delete-(item|backup)$|^batch-write-item$/, 'delete', 'deletes items or a backup'],
  ['cloudformation', /^delete-stack/, 'destroy', 'deletes a stack and the resources it owns'],
  ['cloudformation', /^(execute-change-set|deploy|update-stack)$/, 'apply', 'changes a stack (it may replace or delete resources)'],
];

export function aws(words: readonly Word[]): FamilyResult {
  const args = words.slice(1);
  const rest = positionals(args, AWS_VALUED);
  const [service, operation] = rest;
  if (service?.dynamic || operation?.dynamic) return unreadable(words, 'the service or operation');
  // Also by presence, whatever the option parsing: an unknown flag before the service must not hide it.
  const literals = new Set(args.filter((a) => !a.dynamic).map((a) => a.text));
  for (const [svc, op, kind, why] of AWS_DELETES) {
    if (service?.text === svc && op.test(operation?.text ?? '')) return hit(kind, words, why);
    if (literals.has(svc) && [...literals].some((t) => op.test(t))) return hit(kind, words, why);
  }
  if (literals.has('s3') && literals.has('rm') && literals.has('--recursive')) return hit('delete', words, 'deletes every object under the prefix');
  if (literals.has('s3') && literals.has('sync') && literals.has('--delete')) return hit('delete', words, 'deletes every object the source does not have');
  return undefined;
}

/** `gcloud … delete`, `gcloud storage rm`, `gsutil rm|rb`, `bq rm`, `az … delete|purge`: a cloud resource deleted directly. */
export function cloudDelete(words: readonly Word[], tool: 'gcloud' | 'gsutil' | 'bq' | 'az'): FamilyResult {
  const args = words.slice(1);
  const rest = positionals(args, new Set(['--project', '--account', '--configuration', '--format', '--subscription', '-g', '--resource-group', '--name', '-n', '--output', '-o', '--query']));
  const ops: Record<typeof tool, RegExp> = { gcloud: /^(delete|destroy|rm)$/, gsutil: /^(rm|rb)$/, bq: /^rm$/, az: /^(delete|delete-batch|purge)$/ };
  const op = rest.find((w) => w.dynamic || ops[tool].test(w.text));
  if (!op) return undefined;
  if (op.dynamic) return unreadable(words, `the ${tool} command group or operation`);
  const group = rest.slice(0, rest.indexOf(op)).map((w) => w.text).join(' ');
  return hit('delete', words, `deletes ${group ? `${group} ` : ''}directly, outside any reviewed plan`);
}

const KUBE_STATEFUL = /^(ns|namespaces?|projects?|pv|persistentvolumes?|pvc|persistentvolumeclaims?|sts|statefulsets?|secrets?|crds?|customresourcedefinitions?|all)(\.[a-z0-9.-]+)?$/;
const KUBE_VALUED = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '--grace-period', '--cascade', '-o', '--output', '--field-selector', '--timeout', '--user', '-s', '--server', '-v', '--v', '--request-timeout', '--token', '--as']);

/** Built-in API groups: a kind qualified by any other group is a custom resource, which may own a database (operators). */
const KUBE_BUILTIN_GROUP = /^(apps|batch|autoscaling|policy|networking\.k8s\.io|rbac\.authorization\.k8s\.io|extensions|coordination\.k8s\.io|discovery\.k8s\.io|events\.k8s\.io|scheduling\.k8s\.io|node\.k8s\.io|storage\.k8s\.io|admissionregistration\.k8s\.io|certificates\.k8s\.io|flowcontrol\.apiserver\.k8s\.io)$/;

function isCustomKind(kind: string): boolean {
  const dot = kind.indexOf('.');
  if (dot < 0) return false;
  // `deployments.v1.apps` and `deployments.apps`: drop a version, then test the group.
  const group = kind.slice(dot + 1).replace(/^v\d+(?:(?:alpha|beta)\d+)?\./, '');
  return !/^v\d+((alpha|beta)\d+)?$/.test(group) && !KUBE_BUILTIN_GROUP.test(group);
}

export function kubectl(words: readonly Word[]): FamilyResult {
  const args = words.slice(1);
  let rest = positionals(args, KUBE_VALUED);
  if (rest[0]?.dynamic) return unreadable(words, 'the kubectl subcommand');
  // An option the guard does not know may have taken its value's place: `delete` anywhere counts.
  const del = args.findIndex((a) => a.text === 'delete' && !a.dynamic);
  if (rest[0]?.text !== 'delete' && rest[0]?.text !== 'apply' && del >= 0) rest = positionals(args.slice(del), KUBE_VALUED);
  if (rest[0]?.text === 'apply' && args.some((a) => /^--prune(=|$)/.test(a.text))) return hit('delete', words, 'apply --prune deletes every object of the set that the manifests no longer name');
  if (rest[0]?.text !== 'delete') return undefined;
  if (args.some((a) => /^--raw(=|$)/.test(a.text))) return hit('delete', words, 'delete --raw deletes whatever the API path names');
  if (args.some((a) => /^(-f|--filename|-k|--kustomize)(=|$)/.test(a.text) || /^-f./.test(a.text))) return hit('delete', words, 'deletes whatever the manifests name (namespaces, volumes or stateful sets among them)');
  const kinds = rest[1];
  if (!kinds || kinds.dynamic) return unreadable(words, 'the kind to delete');
  const stateful = kinds.text
    .split(',')
    .map((k) => (k.split('/')[0] as string).toLowerCase())
    .filter((k) => KUBE_STATEFUL.test(k) || isCustomKind(k));
  return stateful.length > 0 ? hit('delete', words, `deletes ${stateful.join(', ')} and the data they hold`) : undefined;
}

/** `helm uninstall|delete RELEASE`: the release's objects go, volumes and stateful sets among them. */
export function helm(words: readonly Word[], tool: 'helm' | 'helmfile' = 'helm'): FamilyResult {
  if (tool === 'helmfile') return words.some((w) => !w.dynamic && /^(destroy|delete)$/.test(w.text)) ? hit('delete', words, 'uninstalls every release of the helmfile') : words.some((w) => w.dynamic) ? unreadable(words, 'an argument of helmfile') : undefined;
  const sub = positionals(words.slice(1), new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--registry-config', '--repository-config', '--repository-cache']))[0];
  if (sub?.dynamic) return unreadable(words, 'the helm subcommand');
  return sub && /^(uninstall|delete|del|un)$/.test(sub.text) ? hit('delete', words, 'uninstalls a release and deletes its objects') : undefined;
}

/** `sam delete|deploy`, `serverless remove|deploy`, `eksctl delete`: whole stacks and clusters, outside a reviewed plan. */
export function deployTool(words: readonly Word[], tool: 'sam' | 'serverless' | 'eksctl'): FamilyResult {
  const sub = positionals(words.slice(1), new Set(['--stack-name', '--region', '--profile', '--stage', '-s', '--config', '-c', '-f', '--name']))[0];
  if (sub?.dynamic) return unreadable(words, `the ${tool} subcommand`);
  if (sub?.text === 'delete' || sub?.text === 'remove') return hit('destroy', words, tool === 'eksctl' ? 'deletes a cluster or node group and its workloads' : 'deletes the stack and the resources it owns');
  if (sub?.text === 'deploy' && tool !== 'eksctl') return hit('apply', words, 'deploys changes no one has reviewed (they may replace or delete resources)');
  return undefined;
}

/** `cdk deploy|destroy`, `cdktf deploy|destroy`, `pulumi up|update|destroy|stack rm|state delete`. */
export function stackTool(words: readonly Word[], tool: 'cdk' | 'cdktf' | 'pulumi'): FamilyResult {
  const rest = positionals(words.slice(1), new Set(['--stack', '-s', '--cwd', '-C', '--profile', '--app', '-a', '--context', '-c']));
  const [sub, op] = rest;
  if (sub?.dynamic || op?.dynamic && tool === 'pulumi') return unreadable(words, `the ${tool} subcommand`);
  const literals = new Set(words.slice(1).filter((w) => !w.dynamic).map((w) => w.text));
  // By presence too: an option the guard does not know may have taken the subcommand's place.
  if (sub?.text === 'destroy' || literals.has('destroy')) return hit('destroy', words, 'destroys the stack and its resources');
  if (literals.has('deploy') || tool === 'pulumi' && (literals.has('up') || literals.has('update'))) return hit('apply', words, 'deploys changes no one has reviewed (they may replace or delete resources)');
  if (sub?.text === 'deploy' || tool === 'pulumi' && (sub?.text === 'up' || sub?.text === 'update')) return hit('apply', words, 'deploys changes no one has reviewed (they may replace or delete resources)');
  if (tool === 'pulumi' && (sub?.text === 'stack' && op?.text === 'rm' || sub?.text === 'state' && op?.text === 'delete')) return hit('state', words, 'removes a stack or resources from the state');
  return undefined;
}
