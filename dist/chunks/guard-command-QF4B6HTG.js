import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  readShellSafely,
  show
} from "./chunk-JPLC33SI.js";
import {
  DEFAULT_CONFIG_PATHS
} from "./chunk-7UZFWUSD.js";
import {
  InputError,
  getErrorMessage,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  quote,
  safeLine
} from "./chunk-QCJK5ES2.js";
import {
  isObject
} from "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/cli/guard-command.ts
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync2, realpathSync, writeFileSync } from "node:fs";
import { dirname as dirname2, join as join2, resolve as resolve2 } from "node:path";
import { parseArgs } from "node:util";

// src/guard/families.ts
function terraformTool(name) {
  const m = /^(terraform|tofu|opentofu)([-_.]?v?\d[\d.]*)?$/.exec(name);
  if (!m) return void 0;
  return m[1] === "terraform" ? "terraform" : "tofu";
}
var hit = (kind, words, why) => ({ kind, command: show(words), why });
var unreadable = (words, what) => hit("unreadable", words, `${what} is only known when it runs`);
function positionals(args, valued) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.text === "--" && !a.dynamic) {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.text.startsWith("-") && !a.dynamic) {
      if (!a.text.includes("=") && valued.has(a.text)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
var TF_VALUED = /* @__PURE__ */ new Set(["-var", "-var-file", "-target", "-replace", "-state", "-state-out", "-backup", "-lock-timeout", "-parallelism", "-chdir"]);
var TF_SAVED_PLAN_OPTIONS = /^-(auto-approve|input(=(true|false))?|lock(=(true|false))?|lock-timeout=\S+|parallelism=\d+|no-color|json|compact-warnings|show-sensitive)$/;
var TF_STATE_WRITES = /* @__PURE__ */ new Set(["rm", "mv", "push", "replace-provider"]);
function terraform(words) {
  let chdir;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w.dynamic) return unreadable(words, "an option or subcommand");
    if (!w.text.startsWith("-")) break;
    const m = /^-chdir=(.*)$/.exec(w.text);
    if (m) chdir = m[1];
    else if (w.text === "-chdir") return unreadable(words, "the -chdir directory (write -chdir=DIR)");
  }
  const sub = words[i];
  if (!sub) return void 0;
  const args = words.slice(i + 1);
  const rest = positionals(args, TF_VALUED);
  switch (sub.text) {
    case "destroy":
      return hit("destroy", words, "destroys every resource in the state");
    case "apply": {
      if (args.some((a) => !a.dynamic && /^-destroy(=true)?$/.test(a.text))) return hit("destroy", words, "apply -destroy destroys every resource in the state");
      if (args.some((a) => a.dynamic)) return unreadable(words, "an argument of apply");
      if (rest.length === 1 && args.every((a) => a === rest[0] || TF_SAVED_PLAN_OPTIONS.test(a.text))) return { planfile: rest[0].text, chdir };
      return hit("apply", words, rest.length === 0 ? "applies changes no one has reviewed (no saved plan file)" : "applies a plan the guard cannot identify");
    }
    case "import":
      return hit("state", words, "writes the state");
    case "force-unlock":
      return hit("state", words, "removes the state lock, so another run may write the state at the same time");
    case "taint":
      return hit("state", words, "marks a resource in the state to be destroyed and recreated by the next apply");
    case "state": {
      const op = rest[0];
      if (op?.dynamic) return unreadable(words, "the state subcommand");
      return op && TF_STATE_WRITES.has(op.text) ? hit("state", words, `state ${op.text} rewrites the state: what it forgets is never destroyed by plan, and what it moves may be`) : void 0;
    }
    case "workspace": {
      const op = rest[0];
      if (op?.dynamic) return unreadable(words, "the workspace subcommand");
      return op?.text === "delete" ? hit("state", words, "deletes a workspace and its state") : void 0;
    }
    default:
      return void 0;
  }
}
function terragrunt(words) {
  const args = words.slice(1);
  if (args.some((a) => a.dynamic)) return unreadable(words, "an argument of terragrunt");
  const texts = args.map((a) => a.text);
  if (texts.includes("destroy") || texts.includes("-destroy") || texts.includes("destroy-all")) return hit("destroy", words, "destroys every resource of the module (or of every module, with run-all / run --all)");
  if (texts.includes("apply") || texts.includes("apply-all")) return hit("apply", words, "applies changes without a reviewed plan file");
  if (texts.includes("import")) return hit("state", words, "writes the state");
  const state = texts.indexOf("state");
  if (state >= 0 && TF_STATE_WRITES.has(texts[state + 1] ?? "")) return hit("state", words, "rewrites the state");
  const workspace = texts.indexOf("workspace");
  if (workspace >= 0 && texts[workspace + 1] === "delete") return hit("state", words, "deletes a workspace and its state");
  return void 0;
}
var AWS_VALUED = /* @__PURE__ */ new Set(["--profile", "--region", "--output", "--endpoint-url", "--query", "--color", "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"]);
var AWS_DELETES = [
  ["s3", /^rb$/, "delete", "removes a bucket"],
  ["s3api", /^delete-bucket$/, "delete", "removes a bucket"],
  ["s3api", /^delete-objects$/, "delete", "deletes many objects at once"],
  ["rds", /^delete-db-/, "delete", "deletes a database, cluster or snapshot"],
  ["dynamodb", /^delete-table$/, "delete", "deletes a table and its items"],
  ["dynamodb", /^delete-(item|backup)$|^batch-write-item$/, "delete", "deletes items or a backup"],
  ["cloudformation", /^delete-stack/, "destroy", "deletes a stack and the resources it owns"],
  ["cloudformation", /^(execute-change-set|deploy|update-stack)$/, "apply", "changes a stack (it may replace or delete resources)"]
];
function aws(words) {
  const args = words.slice(1);
  const rest = positionals(args, AWS_VALUED);
  const [service, operation] = rest;
  if (service?.dynamic || operation?.dynamic) return unreadable(words, "the service or operation");
  const literals = new Set(args.filter((a) => !a.dynamic).map((a) => a.text));
  for (const [svc, op, kind, why] of AWS_DELETES) {
    if (service?.text === svc && op.test(operation?.text ?? "")) return hit(kind, words, why);
    if (literals.has(svc) && [...literals].some((t) => op.test(t))) return hit(kind, words, why);
  }
  if (literals.has("s3") && literals.has("rm") && literals.has("--recursive")) return hit("delete", words, "deletes every object under the prefix");
  if (literals.has("s3") && literals.has("sync") && literals.has("--delete")) return hit("delete", words, "deletes every object the source does not have");
  return void 0;
}
function cloudDelete(words, tool) {
  const args = words.slice(1);
  const rest = positionals(args, /* @__PURE__ */ new Set(["--project", "--account", "--configuration", "--format", "--subscription", "-g", "--resource-group", "--name", "-n", "--output", "-o", "--query"]));
  const ops = { gcloud: /^(delete|destroy|rm)$/, gsutil: /^(rm|rb)$/, bq: /^rm$/, az: /^(delete|delete-batch|purge)$/ };
  const op = rest.find((w) => w.dynamic || ops[tool].test(w.text));
  if (!op) return void 0;
  if (op.dynamic) return unreadable(words, `the ${tool} command group or operation`);
  const group = rest.slice(0, rest.indexOf(op)).map((w) => w.text).join(" ");
  return hit("delete", words, `deletes ${group ? `${group} ` : ""}directly, outside any reviewed plan`);
}
var KUBE_STATEFUL = /^(ns|namespaces?|projects?|pv|persistentvolumes?|pvc|persistentvolumeclaims?|sts|statefulsets?|secrets?|crds?|customresourcedefinitions?|all)(\.[a-z0-9.-]+)?$/;
var KUBE_VALUED = /* @__PURE__ */ new Set(["-n", "--namespace", "--context", "--cluster", "--kubeconfig", "-l", "--selector", "--grace-period", "--cascade", "-o", "--output", "--field-selector", "--timeout", "--user", "-s", "--server", "-v", "--v", "--request-timeout", "--token", "--as"]);
var KUBE_BUILTIN_GROUP = /^(apps|batch|autoscaling|policy|networking\.k8s\.io|rbac\.authorization\.k8s\.io|extensions|coordination\.k8s\.io|discovery\.k8s\.io|events\.k8s\.io|scheduling\.k8s\.io|node\.k8s\.io|storage\.k8s\.io|admissionregistration\.k8s\.io|certificates\.k8s\.io|flowcontrol\.apiserver\.k8s\.io)$/;
function isCustomKind(kind) {
  const dot = kind.indexOf(".");
  if (dot < 0) return false;
  const group = kind.slice(dot + 1).replace(/^v\d+(?:(?:alpha|beta)\d+)?\./, "");
  return !/^v\d+((alpha|beta)\d+)?$/.test(group) && !KUBE_BUILTIN_GROUP.test(group);
}
function kubectl(words) {
  const args = words.slice(1);
  let rest = positionals(args, KUBE_VALUED);
  if (rest[0]?.dynamic) return unreadable(words, "the kubectl subcommand");
  const del = args.findIndex((a) => a.text === "delete" && !a.dynamic);
  if (rest[0]?.text !== "delete" && rest[0]?.text !== "apply" && del >= 0) rest = positionals(args.slice(del), KUBE_VALUED);
  if (rest[0]?.text === "apply" && args.some((a) => /^--prune(=|$)/.test(a.text))) return hit("delete", words, "apply --prune deletes every object of the set that the manifests no longer name");
  if (rest[0]?.text !== "delete") return void 0;
  if (args.some((a) => /^--raw(=|$)/.test(a.text))) return hit("delete", words, "delete --raw deletes whatever the API path names");
  if (args.some((a) => /^(-f|--filename|-k|--kustomize)(=|$)/.test(a.text) || /^-f./.test(a.text))) return hit("delete", words, "deletes whatever the manifests name (namespaces, volumes or stateful sets among them)");
  const kinds = rest[1];
  if (!kinds || kinds.dynamic) return unreadable(words, "the kind to delete");
  const stateful = kinds.text.split(",").map((k) => k.split("/")[0].toLowerCase()).filter((k) => KUBE_STATEFUL.test(k) || isCustomKind(k));
  return stateful.length > 0 ? hit("delete", words, `deletes ${stateful.join(", ")} and the data they hold`) : void 0;
}
function helm(words, tool = "helm") {
  if (tool === "helmfile") return words.some((w) => !w.dynamic && /^(destroy|delete)$/.test(w.text)) ? hit("delete", words, "uninstalls every release of the helmfile") : words.some((w) => w.dynamic) ? unreadable(words, "an argument of helmfile") : void 0;
  const sub = positionals(words.slice(1), /* @__PURE__ */ new Set(["-n", "--namespace", "--kube-context", "--kubeconfig", "--registry-config", "--repository-config", "--repository-cache"]))[0];
  if (sub?.dynamic) return unreadable(words, "the helm subcommand");
  return sub && /^(uninstall|delete|del|un)$/.test(sub.text) ? hit("delete", words, "uninstalls a release and deletes its objects") : void 0;
}
function deployTool(words, tool) {
  const sub = positionals(words.slice(1), /* @__PURE__ */ new Set(["--stack-name", "--region", "--profile", "--stage", "-s", "--config", "-c", "-f", "--name"]))[0];
  if (sub?.dynamic) return unreadable(words, `the ${tool} subcommand`);
  if (sub?.text === "delete" || sub?.text === "remove") return hit("destroy", words, tool === "eksctl" ? "deletes a cluster or node group and its workloads" : "deletes the stack and the resources it owns");
  if (sub?.text === "deploy" && tool !== "eksctl") return hit("apply", words, "deploys changes no one has reviewed (they may replace or delete resources)");
  return void 0;
}
function stackTool(words, tool) {
  const rest = positionals(words.slice(1), /* @__PURE__ */ new Set(["--stack", "-s", "--cwd", "-C", "--profile", "--app", "-a", "--context", "-c"]));
  const [sub, op] = rest;
  if (sub?.dynamic || op?.dynamic && tool === "pulumi") return unreadable(words, `the ${tool} subcommand`);
  const literals = new Set(words.slice(1).filter((w) => !w.dynamic).map((w) => w.text));
  if (sub?.text === "destroy" || literals.has("destroy")) return hit("destroy", words, "destroys the stack and its resources");
  if (literals.has("deploy") || tool === "pulumi" && (literals.has("up") || literals.has("update"))) return hit("apply", words, "deploys changes no one has reviewed (they may replace or delete resources)");
  if (sub?.text === "deploy" || tool === "pulumi" && (sub?.text === "up" || sub?.text === "update")) return hit("apply", words, "deploys changes no one has reviewed (they may replace or delete resources)");
  if (tool === "pulumi" && (sub?.text === "stack" && op?.text === "rm" || sub?.text === "state" && op?.text === "delete")) return hit("state", words, "removes a stack or resources from the state");
  return void 0;
}

// src/guard/classify-names.ts
var INFRA_TOOL = /(^|[^\w.-])(terraform|tofu|terragrunt|pulumi|cdktf|cdk|kubectl|helmfile|helm|gcloud|gsutil|bq|aws|az|sam|serverless|sls|eksctl)(?![\w-])/;
var COMMAND_VALUE = /(^|[\s;&|(`'"=!])(terraform|tofu|terragrunt|pulumi|cdktf|cdk|kubectl|helmfile|helm|gcloud|gsutil|bq|aws|az)\s+-*[a-z]/;
function commandName(path) {
  const name = (path.split("/").pop() ?? path).replace(/\.exe$/i, "").toLowerCase();
  return CONVENTIONAL.get(name) ?? name;
}
var CONVENTIONAL = /* @__PURE__ */ new Map([
  ["tf", "terraform"],
  ["tg", "terragrunt"],
  ["k", "kubectl"],
  ["aws2", "aws"],
  ["kubecolor", "kubectl"]
]);
function launchedName(word) {
  const name = commandName(word.replace(/[@:][^/]*$/, ""));
  return name === "aws-cdk" ? "cdk" : name === "cdktf-cli" ? "cdktf" : name;
}
function stdinText(stdin) {
  if (stdin.kind === "text") return stdin.dynamic ? void 0 : stdin.text;
  if (stdin.kind !== "pipe") return stdin.kind === "none" ? "" : void 0;
  const [name, ...args] = stdin.from.words;
  if (!name || name.dynamic || args.some((a) => a.dynamic)) return void 0;
  if (name.text === "echo" && !args.some((a) => a.text.startsWith("-"))) return `${args.map((a) => a.text).join(" ")}
`;
  if (name.text === "printf" && args.length === 1 && !/[%\\]/.test(args[0]?.text ?? "")) return args[0]?.text;
  if (name.text === "cat" && args.length === 0) return stdinText(stdin.from.stdin);
  return void 0;
}

// src/guard/wrappers.ts
var RUNTIME = { text: "", dynamic: true, quoted: false };
var SHELLS = /^(bash|sh|zsh|dash|ksh|mksh|ash|yash|fish|rbash)$/;
var INERT = new Set(
  "echo printf grep egrep fgrep rg ag ack cat bat less more head tail ls which type whereis man help info wc sort uniq cut tr diff cmp file stat touch mkdir rmdir cp mv rm ln chmod chown jq yq curl wget tee basename dirname realpath readlink date sleep true false test [ [[ cd pwd pushd popd alias unalias export unset read set history du df tar zip unzip gzip base64 sha256sum md5sum code vim vi nano gh".split(
    " "
  )
);
var VALUED = {
  env: /* @__PURE__ */ new Set(["-u", "--unset", "-C", "--chdir", "-P", "-S", "--split-string"]),
  sudo: /* @__PURE__ */ new Set(["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "--user", "--group", "--host", "--prompt", "--chdir"]),
  doas: /* @__PURE__ */ new Set(["-u", "-C"]),
  exec: /* @__PURE__ */ new Set(["-a"]),
  nice: /* @__PURE__ */ new Set(["-n", "--adjustment"]),
  ionice: /* @__PURE__ */ new Set(["-c", "-n", "-p", "-P", "-u"]),
  stdbuf: /* @__PURE__ */ new Set(["-i", "-o", "-e"]),
  timeout: /* @__PURE__ */ new Set(["-s", "-k", "--signal", "--kill-after"]),
  time: /* @__PURE__ */ new Set(["-f", "-o", "--format", "--output"]),
  taskset: /* @__PURE__ */ new Set(["-c"]),
  xargs: /* @__PURE__ */ new Set(["-I", "-L", "-n", "-P", "-d", "-E", "-s", "-a", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--replace"]),
  parallel: /* @__PURE__ */ new Set(["-j", "--jobs", "-S", "--sshlogin", "-I", "--colsep", "-d"]),
  watch: /* @__PURE__ */ new Set(["-n", "--interval", "-q", "--equexit"]),
  ssh: /* @__PURE__ */ new Set(["-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S", "-W", "-w", "-B"]),
  caffeinate: /* @__PURE__ */ new Set(["-t", "-w"]),
  chroot: /* @__PURE__ */ new Set(["--userspec", "--groups"])
};
var TAKES_ONE = /* @__PURE__ */ new Set(["timeout", "flock", "chroot", "taskset", "ssh"]);
var PLAIN_WRAPPERS = /* @__PURE__ */ new Set(["nohup", "setsid", "unbuffer", "chronic", "builtin", "command", "exec", "nice", "ionice", "stdbuf", "time", "caffeinate", "doas", "sudo", "env", "timeout", "flock", "chroot", "taskset"]);
function unwrap(words, stdin, depth = 0) {
  const name = words[0];
  if (!name || name.dynamic || depth > 20) return name ? [{ kind: "command", words: [...words], stdin, plain: depth === 0 }] : [];
  const base = commandName(name.text);
  const args = words.slice(1);
  const again = (rest) => rest.length > 0 ? unwrap(rest, stdin, depth + 1) : [];
  if (PLAIN_WRAPPERS.has(base)) {
    if (base === "command" && args.some((a) => /^-[a-zA-Z]*[vV]/.test(a.text))) return [];
    const split = base === "env" ? args.findIndex((a) => /^(-S|--split-string(=|$))/.test(a.text)) : -1;
    if (split >= 0) {
      const arg = args[split];
      const value = arg.text.includes("=") ? { ...arg, text: arg.text.slice(arg.text.indexOf("=") + 1) } : /^-S./.test(arg.text) ? { ...arg, text: arg.text.slice(2) } : args[split + 1];
      if (!value || value.dynamic) return [hit2(words, "the env -S string is only known when it runs")];
      const inner = readShellSafely(value.text).commands[0]?.words ?? [];
      const after = arg.text.includes("=") || /^-S./.test(arg.text) ? split + 1 : split + 2;
      return again([...inner, ...args.slice(after)]);
    }
    if ((base === "sudo" || base === "su") && args.some((a) => /^-[a-zA-Z]*[si]/.test(a.text) && !a.text.startsWith("--"))) {
      const rest2 = dropOptions(args, VALUED.sudo);
      return shellString(words, rest2, true);
    }
    let rest = dropOptions(args, (Object.hasOwn(VALUED, base) ? VALUED[base] : void 0) ?? /* @__PURE__ */ new Set());
    rest = dropAssignments(rest);
    if (TAKES_ONE.has(base)) {
      const c = base === "flock" ? args.findIndex((a) => a.text === "-c" || a.text === "--command") : -1;
      if (c >= 0) return shellString(words, args.slice(c + 1, c + 2));
      rest = rest.slice(1);
    }
    return again(rest);
  }
  if (base === "su") {
    const inline = args.find((a) => a.text.startsWith("--command="));
    if (inline) return shellString(words, [{ ...inline, text: inline.text.slice("--command=".length) }]);
    const c = args.findIndex((a) => a.text === "-c" || a.text === "--command");
    return c >= 0 ? shellString(words, args.slice(c + 1, c + 2)) : [{ kind: "shell", words: [...words], ...scriptFromInput(stdin) }];
  }
  if (base === "xargs" || base === "parallel") {
    const marks = /* @__PURE__ */ new Set(["{}"]);
    args.forEach((a, i) => {
      const m = /^(?:-I|--replace=)(.+)$/.exec(a.text);
      if (m) marks.add(m[1]);
      else if (a.text === "-I" && args[i + 1]) marks.add(args[i + 1].text);
    });
    const rest = dropOptions(args, VALUED[base]);
    const stop = rest.findIndex((a) => a.text === ":::" || a.text === "::::");
    const command = (stop >= 0 ? rest.slice(0, stop) : rest).map((w) => [...marks].some((m) => w.text.includes(m)) ? RUNTIME : w);
    return again([...command.length > 0 ? command : [{ text: "echo", dynamic: false, quoted: false }], RUNTIME]);
  }
  if (base === "find") {
    const out = [];
    args.forEach((a, i) => {
      if (!/^-(exec|execdir|ok|okdir)$/.test(a.text)) return;
      const end = args.findIndex((b, j) => j > i && (b.text === ";" || b.text === "+"));
      const command = args.slice(i + 1, end < 0 ? void 0 : end).map((w) => w.text.includes("{}") ? RUNTIME : w);
      out.push(...again(command));
    });
    return [{ kind: "command", words: [...words], stdin, plain: false }, ...out];
  }
  if (base === "watch") {
    const rest = dropOptions(args, VALUED.watch);
    return args.some((a) => a.text === "-x" || a.text === "--exec") ? again(rest) : shellString(words, rest, true);
  }
  if (base === "ssh") {
    if (args.some((a, i) => (a.text.startsWith("-o") || args[i - 1]?.text === "-o") && COMMAND_VALUE.test(a.text))) return [hit2(words, "an ssh option holds a command line (ProxyCommand, LocalCommand)")];
    const rest = dropOptions(args, VALUED.ssh).slice(1);
    return rest.length > 0 ? shellString(words, rest, true) : [{ kind: "shell", words: [...words], ...scriptFromInput(stdin) }];
  }
  if (base === "eval") return shellString(words, args, true);
  if (base === "trap" && args[0] && !args[0].text.startsWith("-")) return shellString(words, args.slice(0, 1));
  if (base === "source" || base === ".") return [{ kind: "shell", words: [...words], file: args[0] ?? RUNTIME }];
  if (SHELLS.test(base) || base === "busybox" && SHELLS.test(args[0]?.text ?? "")) return shell(base === "busybox" ? args : words, stdin);
  if (base === "git" && args.some((a) => /^alias\.[^=]*=\s*!/.test(a.text) && INFRA_TOOL.test(a.text))) return [hit2(words, "a git alias that runs a shell command")];
  const plain = { kind: "command", words: [...words], stdin, plain: depth === 0 };
  if (INERT.has(base)) return [plain];
  const at = args.findIndex((a) => !a.dynamic && isLaunched(launchedName(a.text)));
  if (at < 0) return [plain];
  const launched = args.slice(at);
  const first = launched[0];
  launched[0] = { ...first, text: launchedName(first.text) };
  return [plain, ...unwrap(launched, stdin, depth + 1)];
}
function isLaunched(name) {
  return INFRA_TOOL.exec(name)?.[2] === name || SHELLS.test(name) || ["env", "sudo", "xargs", "eval", "timeout"].includes(name);
}
function shell(words, stdin) {
  const args = words.slice(1);
  let command = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.dynamic && !command) return [hit2(words, "a shell option or script is only known when it runs")];
    if (a.text === "--" || a.text === "-") continue;
    if (/^[-+][a-zA-Z]+$/.test(a.text)) {
      if (a.text.startsWith("-") && a.text.includes("c")) command = true;
      if (/^[-+][oO]$/.test(a.text)) i++;
      continue;
    }
    if (/^--(rcfile|init-file)$/.test(a.text)) {
      i++;
      continue;
    }
    if (a.text.startsWith("--")) continue;
    if (command) return a.dynamic ? [hit2(words, "the shell command string is only known when it runs")] : [{ kind: "shell", script: a.text, words: [...words] }];
    return [{ kind: "shell", file: a, words: [...words] }];
  }
  if (command) return [hit2(words, "a shell -c without a command string")];
  return [{ kind: "shell", words: [...words], ...scriptFromInput(stdin) }];
}
function shellString(words, parts, joined = false) {
  if (parts.some((p) => p.dynamic)) return [hit2(words, "the command string is only known when it runs")];
  const text = joined ? parts.map((p) => p.text).join(" ") : parts[0]?.text ?? "";
  return [{ kind: "shell", script: text, words: [...words] }];
}
function scriptFromInput(stdin) {
  const text = stdinText(stdin);
  return text === void 0 ? {} : { script: text };
}
function dropOptions(args, valued) {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a.dynamic) break;
    if (a.text === "--") {
      i++;
      break;
    }
    if (!a.text.startsWith("-") || a.text === "-") break;
    if (!a.text.includes("=") && valued.has(a.text)) i++;
  }
  return args.slice(i);
}
function dropAssignments(args) {
  let i = 0;
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i].text) && !args[i].dynamic) i++;
  return args.slice(i);
}
function hit2(words, why) {
  return { kind: "hit", hit: { kind: "unreadable", command: show(words), why } };
}

// src/guard/classify.ts
var MAX_NESTING = 8;
var INTERPRETERS = /^(python[\d.]*|pypy[\d.]*|node|nodejs|deno|bun|perl|ruby|php|lua|awk|gawk|mawk|nawk|sed|gsed|pwsh|powershell|osascript|tclsh|expect|r|rscript|julia|groovy|make|gmake|just)$/;
var MAX_COMMAND = 1e5;
var MAX_READINGS = 2e3;
function classify(command, options) {
  const result = { hits: [], planfiles: [] };
  if (command.length > MAX_COMMAND) {
    result.hits.push({ kind: "unreadable", command: `${command.slice(0, 80)}…`, why: `the command line is over ${MAX_COMMAND} characters` });
    return result;
  }
  if (hasBacktickInBraces(command)) result.hits.push({ kind: "unreadable", command: command.slice(0, 80), why: "a `…` command inside ${…} cannot be read" });
  const reading = readShellSafely(command);
  new Walker(options, result, command).reading(reading, 0, true);
  return result;
}
function hasBacktickInBraces(command) {
  let open = false;
  for (let i = 0; i < command.length; i++) {
    const c = command.charCodeAt(i);
    if (c === 36 && command.charCodeAt(i + 1) === 123) open = true;
    else if (c === 125) open = false;
    else if (c === 96 && open) return true;
  }
  return false;
}
function isTool(base) {
  return terraformTool(base) !== void 0 || INFRA_TOOL.exec(base)?.[2] === base;
}
var RUNS_OPTION_STRINGS = /* @__PURE__ */ new Set(["vim", "vi", "tar", "less", "more", "man"]);
var RENAMES = /* @__PURE__ */ new Set(["cp", "ln", "install", "mv", "rsync"]);
var Walker = class {
  constructor(options, result, line) {
    this.options = options;
    this.result = result;
    this.line = line;
  }
  options;
  result;
  line;
  reading(reading, depth, top, inherited = /* @__PURE__ */ new Map()) {
    for (const problem of reading.problems) this.result.hits.push({ kind: "unreadable", command: "", why: `the command line has ${problem}` });
    for (const a of reading.assignments) {
      if (/^(BASH_ENV|ENV|PROMPT_COMMAND)$|^BASH_FUNC_/.test(a.name) || COMMAND_VALUE.test(a.value.text)) {
        this.hit({ kind: "unreadable", command: `${a.name}=${a.value.text}`, why: "sets a variable that holds code the shell or a program may run" });
      }
    }
    if (INFRA_TOOL.test(this.line)) {
      if (reading.assignments.some((a) => a.name === "PATH")) this.hit({ kind: "unreadable", command: "PATH=…", why: "changes PATH on a line that names an infrastructure tool, so the name may run something else" });
      const locates = /\b(which|whereis|command\s+-v|type\s+-[pP])\s/.test(this.line);
      const rename = reading.commands.find((c) => !c.words[0]?.dynamic && RENAMES.has(commandName(c.words[0]?.text ?? "")) && (locates || c.words.slice(1).some((w) => INFRA_TOOL.test(w.text))));
      if (rename) this.hit({ kind: "unreadable", command: show(rename.words), why: "copies, moves or links files on a line that names an infrastructure tool: the tool may run under another name" });
    }
    const aliases = new Map(inherited);
    for (const cmd of reading.commands) {
      const [name, ...args] = cmd.words;
      if (name?.text === "alias" && !name.dynamic) {
        for (const a of args) {
          const m = /^([^=\s]+)=(.*)$/s.exec(a.text);
          if (!m) continue;
          aliases.set(m[1], a.dynamic ? void 0 : m[2]);
          if (!a.dynamic) this.nested(m[2], depth, aliases);
        }
      }
    }
    this.aliases = aliases;
    for (const cmd of reading.commands) this.simple(cmd, aliases, depth, top ? reading : void 0);
  }
  /** Aliases in force in the reading being walked: `eval` and `source` run in the same shell. */
  aliases = /* @__PURE__ */ new Map();
  readings = 0;
  nested(text, depth, aliases = this.aliases) {
    if (depth >= MAX_NESTING || ++this.readings > MAX_READINGS) {
      this.result.hits.push({ kind: "unreadable", command: text, why: "commands nested too deep, or too many, to follow" });
      return;
    }
    const saved = this.aliases;
    this.reading(readShellSafely(text), depth + 1, false, aliases);
    this.aliases = saved;
  }
  simple(cmd, aliases, depth, top) {
    let words = cmd.words;
    if (!words[0]) return;
    const expandedNames = /* @__PURE__ */ new Set();
    for (let first = words[0]; first && !first.dynamic && !first.quoted && aliases.has(first.text) && !expandedNames.has(first.text); first = words[0]) {
      expandedNames.add(first.text);
      const value = aliases.get(first.text);
      if (value === void 0) return this.hit({ kind: "unreadable", command: show(words), why: `the alias ${first.text} is only known when it runs` });
      const expanded = readShellSafely(value);
      const last = expanded.commands.at(-1);
      this.reading({ ...expanded, commands: expanded.commands.slice(0, -1) }, depth + 1, false, aliases);
      words = last ? [...last.words, ...words.slice(1)] : words.slice(1);
    }
    const unwrapped = unwrap(words, cmd.stdin);
    for (const step of unwrapped) this.step(step, cmd, depth, top && unwrapped.length === 1 && step.kind === "command" && step.plain ? top : void 0);
  }
  step(step, cmd, depth, top) {
    if (step.kind === "hit") return this.hit(step.hit);
    if (step.kind === "shell") {
      if (step.script !== void 0) return this.nested(step.script, depth);
      return this.script(step.file, step.words, depth);
    }
    const words = step.words;
    const name = words[0];
    if (!name) return;
    if (name.dynamic) return this.hit({ kind: "unreadable", command: show(words), why: "the command name is only known when it runs" });
    const base = commandName(name.text);
    for (const extra of this.options.extraCommands) {
      if (extra.length <= words.length && extra.every((e, i) => (i === 0 ? commandName(e) === base : words[i]?.text === e) && !words[i]?.dynamic)) {
        this.hit({ kind: "command", command: show(words), why: `the config lists ${JSON.stringify(extra.join(" "))} as destructive` });
      }
    }
    if (name.text.includes("/") && !isTool(base)) return this.program(name, words, depth);
    if (INTERPRETERS.test(base.toLowerCase())) return this.interpreter(words, step.stdin);
    if ((!INERT.has(base) || RUNS_OPTION_STRINGS.has(base)) && !isTool(base)) {
      const handed = base === "git" ? gitSettings(words) : [...words.slice(1).map((w) => w.text), stdinText(step.stdin) ?? ""];
      const found = handed.find((t) => COMMAND_VALUE.test(t));
      if (found !== void 0) return this.hit({ kind: "unreadable", command: show(words), why: `hands ${base} a command line (${found}) it may run, which a static reader cannot follow` });
    }
    const tool = terraformTool(base);
    const answer = tool ? terraform(words) : base === "terragrunt" ? terragrunt(words) : base === "aws" ? aws(words) : base === "kubectl" || base === "oc" ? kubectl(words) : base === "helm" || base === "helmfile" ? helm(words, base) : base === "gcloud" || base === "gsutil" || base === "bq" || base === "az" ? cloudDelete(words, base) : base === "cdk" || base === "cdktf" || base === "pulumi" ? stackTool(words, base) : base === "sam" || base === "serverless" || base === "sls" || base === "eksctl" ? deployTool(words, base === "sls" ? "serverless" : base) : void 0;
    if (!answer) return;
    const lone = top ? loneDirectories(top, cmd) : void 0;
    if ("kind" in answer) {
      if (tool && answer.kind !== "unreadable") {
        const named = cmd.assignments.find((a) => a.name === "TF_WORKSPACE");
        const chdir = words.find((w) => w.text.startsWith("-chdir="))?.text.slice("-chdir=".length);
        if (named && !named.value.dynamic) answer.workspace = named.value.text;
        else if (!named && lone && name.text === base) answer.workspaceFrom = chdir === void 0 ? lone : [...lone, chdir];
      }
      return this.hit(answer);
    }
    const command = show(words);
    if (!lone) return this.hit({ kind: "apply", command, why: "applies a plan file in a command line that does more (it could write the plan file first); run the apply on its own" });
    if (name.text !== base) return this.hit({ kind: "apply", command, why: `runs ${name.text}, not ${base} from PATH, so the guard cannot read its plan file the same way` });
    const directories = answer.chdir === void 0 ? lone : [...lone, answer.chdir];
    this.result.planfiles.push({ tool, planfile: answer.planfile, directories, command });
  }
  /** Inline code of another language: a mention of an infrastructure tool cannot be followed, so it counts. */
  interpreter(words, stdin) {
    const texts = [...words.slice(1).map((w) => w.text), stdinText(stdin) ?? ""];
    const found = texts.map((t) => INFRA_TOOL.exec(t)?.[2]).find((t) => t !== void 0);
    if (found) this.hit({ kind: "unreadable", command: show(words), why: `runs ${commandName(words[0].text)} code that mentions ${found}, which a static reader cannot follow` });
    if (stdinText(stdin) === void 0 && words.slice(1).every((w) => w.text.startsWith("-"))) {
      this.hit({ kind: "unreadable", command: show(words), why: "runs a program from its input, which the guard cannot read" });
    }
  }
  script(file, words, depth) {
    const command = show(words);
    if (!file) return this.hit({ kind: "unreadable", command, why: "runs a script from its input, which the guard cannot read" });
    if (file.dynamic) return this.hit({ kind: "unreadable", command, why: "runs a script whose path is only known when it runs" });
    const name = file.text.split("/").pop() ?? file.text;
    if (this.line.split(name).length > 2) return this.hit({ kind: "unreadable", command, why: `the same command line may write the script ${file.text} it runs` });
    const text = this.options.readScript?.(file.text);
    if (text === void 0) return this.hit({ kind: "unreadable", command, why: `runs the script ${file.text}, which the guard cannot read` });
    if (INFRA_TOOL.test(text)) this.nested(text, depth);
  }
  /** A program run by its path: a shell script is read, another script's text is scanned, a binary is not followed. */
  program(path, words, depth) {
    const text = this.options.readScript?.(path.text);
    if (text === void 0 || text.slice(0, 8192).includes("\0")) {
      if (text === void 0) this.script(path, words, depth);
      return;
    }
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    const interpreter = shebang ? commandName(shebang[1]?.endsWith("/env") ? shebang[2] ?? "" : shebang[1] ?? "") : "sh";
    if (/^(ba|z|da|k|mk|a)?sh$/.test(interpreter)) return this.script(path, words, depth);
    const found = INFRA_TOOL.exec(text)?.[2];
    if (found) this.hit({ kind: "unreadable", command: show(words), why: `runs a ${interpreter} script that mentions ${found}, which a static reader cannot follow` });
  }
  hit(hit3) {
    this.result.hits.push(hit3);
  }
};
function gitSettings(words) {
  return words.filter((_w, i) => i > 0 && (["-c", "--config-env"].includes(words[i - 1]?.text ?? "") || words.slice(1, i).some((p) => p.text === "config"))).map((w) => w.text);
}
function loneDirectories(reading, target) {
  if (reading.compound || reading.problems.length > 0) return void 0;
  const commands = reading.commands;
  if (commands.at(-1) !== target) return void 0;
  const directories = [];
  for (const c of commands.slice(0, -1)) {
    const [name, dir, ...more] = c.words;
    if (c.assignments.length > 0 || c.writes.length > 0 || name?.text !== "cd" || name.dynamic || !dir || dir.dynamic || more.length > 0 || dir.text === "-") return void 0;
    directories.push(dir.text);
  }
  for (const c of commands.slice(1)) if (c.connector !== "&&") return void 0;
  if (target.writes.length > 0 || target.stdin.kind !== "none") return void 0;
  if (target.assignments.some((a) => /^TF_(CLI_ARGS|DATA_DIR|WORKSPACE)/.test(a.name))) return void 0;
  return directories;
}

// src/guard/hook.ts
var AGENTS = ["claude", "codex"];
var SHELL_TOOLS = /^(bash|shell|local_shell|exec_command|container\.exec)$/i;
var NOT_COMMANDS = /* @__PURE__ */ new Set(["apply_patch"]);
function parseHookInput(text) {
  const source = "hook input";
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(source, "not JSON: plangate guard reads the PreToolUse hook JSON on stdin");
  }
  if (!isObject(raw)) throw new InputError(source, "expected a JSON object (the PreToolUse hook input)");
  if (raw.hook_event_name !== void 0 && raw.hook_event_name !== "PreToolUse") {
    throw new InputError(source, `hook_event_name is ${JSON.stringify(raw.hook_event_name)}: install plangate guard as a PreToolUse hook`);
  }
  const toolName = raw.tool_name;
  if (typeof toolName !== "string" || toolName === "") throw new InputError(source, "tool_name: expected the name of the tool being called");
  const input = raw.tool_input;
  if (!isObject(input)) throw new InputError(source, "tool_input: expected an object");
  const cwd = typeof raw.cwd === "string" && raw.cwd !== "" ? raw.cwd : void 0;
  const command = input.command;
  const named = SHELL_TOOLS.test(toolName);
  if (NOT_COMMANDS.has(toolName) || !named && typeof command !== "string" && !Array.isArray(command)) return { toolName, command: void 0, cwd };
  if (typeof command === "string") return { toolName, command, cwd };
  if (Array.isArray(command) && command.length > 0 && command.every((c) => typeof c === "string")) {
    return { toolName, command: command.map((c) => `'${c.replace(/'/g, "'\\''")}'`).join(" "), cwd };
  }
  throw new InputError(source, "tool_input.command: expected the command line as a string");
}
function renderAnswer(verdict, agent) {
  if (verdict.decision === "allow") return { stdout: "", stderr: "", exitCode: 0 };
  if (agent === "claude") {
    const output = { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: verdict.decision, permissionDecisionReason: verdict.reason } };
    return { stdout: `${JSON.stringify(output)}
`, stderr: "", exitCode: 0 };
  }
  const reason = verdict.decision === "ask" ? `${verdict.reason}
(The agent cannot ask for confirmation here, so the command is blocked: a person must run it.)` : verdict.reason;
  return { stdout: "", stderr: `${reason}
`, exitCode: 2 };
}
function renderFailure(message) {
  return { stdout: "", stderr: `plangate guard: blocked, because it cannot decide: ${message}
`, exitCode: 2 };
}

// src/cli/guard-files.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
var MAX_SCRIPT = 1e6;
function findConfig(given, cwd) {
  if (given !== void 0) return resolve(cwd, given);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = DEFAULT_CONFIG_PATHS.map((name) => join(dir, name)).filter((path) => existsSync(path));
    if (found.length > 1) throw new InputError(found[0], `${found[1]} exists too: plangate reads only one config; delete one of them`);
    if (found[0] !== void 0) return found[0];
    if (dirname(dir) === dir) return void 0;
  }
}
function readConfigText(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error.code;
    throw new InputError(path, code === "ENOENT" ? "no such config file: check the --config path" : `cannot read the config file (${code ?? getErrorMessage(error)})`);
  }
}
function scriptReader(cwd) {
  return (path) => {
    try {
      const full = resolve(cwd, path);
      const stat = statSync(full);
      if (!stat.isFile() || stat.size > MAX_SCRIPT || /^\/(dev|proc)\//.test(full)) return void 0;
      return readFileSync(full, "utf8");
    } catch {
      return void 0;
    }
  };
}

// src/cli/guard-command.ts
var USAGE = `Usage: plangate guard [--agent claude|codex] [--config FILE]
       plangate guard install --agent claude|codex [--write]

The PreToolUse hook of a coding agent: reads the hook's JSON on stdin and
answers allow (silently), ask or deny for a shell command that changes or
destroys infrastructure. Without --agent it blocks with exit 2 instead of asking.
`;
async function runGuard(argv, io) {
  let agent;
  try {
    const { values, positionals: positionals2 } = parseArgs({ args: argv, allowPositionals: true, options: { agent: { type: "string" }, config: { type: "string" }, write: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.agent !== void 0 && !AGENTS.includes(values.agent)) throw new InputError("--agent", `expected one of ${AGENTS.join(", ")}, got ${quote(values.agent)}`);
    agent = values.agent;
    if (positionals2[0] === "install") return install(agent, values.write === true, io);
    if (positionals2.length > 0) throw new InputError("plangate guard", `unexpected argument ${quote(positionals2[0])}; see plangate guard --help`);
    return write(io, await guard(agent, values.config, io));
  } catch (error) {
    const message = isInputError(error) ? error.message : `internal error: ${getErrorMessage(error)}`;
    return write(io, renderFailure(safeLine(message)));
  }
}
function write(io, answer) {
  if (answer.stdout) io.stdout(answer.stdout);
  if (answer.stderr) io.stderr(answer.stderr);
  return answer.exitCode;
}
async function guard(agent, configOption, io) {
  const call = parseHookInput(await io.readStdin());
  if (call.command === void 0) return { stdout: "", stderr: "", exitCode: 0 };
  const cwd = call.cwd ?? io.cwd;
  const configPath = findConfig(configOption, cwd);
  const configText = configPath === void 0 ? void 0 : readConfigText(configPath);
  const options = { extraCommands: [], readScript: scriptReader(cwd) };
  let classification;
  if (!configText?.includes("extra-commands")) {
    classification = classify(call.command, options);
    if (classification.hits.length === 0 && classification.planfiles.length === 0) return { stdout: "", stderr: "", exitCode: 0 };
  }
  const { loadSetup, resolveWorkspaces, checkPlanfile, appendAudit } = await import("./guard-io-L3VEDECF.js");
  const setup = await loadSetup(configPath, configText, cwd);
  const { decide } = await import("./decide-2IMZLQR5.js");
  classification = classify(call.command, { ...options, extraCommands: setup.guard.extraCommands });
  resolveWorkspaces(classification.hits, cwd, io.env);
  const planfiles = classification.planfiles.map((p) => checkPlanfile(p, cwd, io.env, setup.ruleSet));
  const verdict = decide(classification.hits, planfiles, setup.guard);
  if (verdict.decision === "allow") return { stdout: "", stderr: "", exitCode: 0 };
  const answer = renderAnswer(verdict, agent);
  if (setup.guard.auditLog !== void 0) {
    const entry = { time: (/* @__PURE__ */ new Date()).toISOString(), agent: agent ?? "unnamed", tool: call.toolName, cwd, command: call.command, decision: verdict.decision, findings: verdict.findings };
    const problem = appendAudit(resolve2(setup.root, setup.guard.auditLog), entry);
    if (problem) answer.stderr += `plangate guard: ${safeLine(problem)}
`;
  }
  return answer;
}
var HOOK_FILES = {
  // https://code.claude.com/docs/en/hooks: project hooks in .claude/settings.json.
  claude: { path: ".claude/settings.json", matcher: "Bash", note: "Claude Code reads it at start-up; /hooks lists it." },
  // https://developers.openai.com/codex/hooks: <repo>/.codex/hooks.json, loaded when the project's .codex/ layer is trusted; review and trust the hook with /hooks.
  codex: { path: ".codex/hooks.json", matcher: "^Bash$", note: "Codex loads it once the project .codex/ layer is trusted; review and trust the hook with /hooks." }
};
function install(agent, writeFile, io) {
  if (agent === void 0) throw new InputError("plangate guard install", "name the agent: --agent claude or --agent codex");
  const target = HOOK_FILES[agent];
  const cli = cliPath();
  const command = `node ${shellQuote(cli)} guard --agent ${agent}`;
  const entry = { matcher: target.matcher, hooks: [{ type: "command", command, timeout: 120 }] };
  const path = join2(io.cwd, target.path);
  if (!writeFile) {
    io.stdout(`${JSON.stringify({ hooks: { PreToolUse: [entry] } }, null, 2)}
`);
    io.stderr(`plangate: add this to ${target.path} (or run with --write). ${target.note}
`);
    return 0;
  }
  let settings = {};
  if (existsSync2(path)) {
    try {
      const parsed = JSON.parse(readFileSync2(path, "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
      settings = parsed;
    } catch (error) {
      throw new InputError(path, `cannot merge the hook into it (${getErrorMessage(error)}); fix the file or add the hook by hand`);
    }
  }
  const hooks = settings.hooks ??= {};
  if (typeof hooks !== "object" || Array.isArray(hooks)) throw new InputError(path, '"hooks" is not an object; fix the file or add the hook by hand');
  const list = hooks.PreToolUse ??= [];
  if (!Array.isArray(list)) throw new InputError(path, '"hooks.PreToolUse" is not a list; fix the file or add the hook by hand');
  if (!JSON.stringify(list).includes(JSON.stringify(command))) list.push(entry);
  mkdirSync(dirname2(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}
`);
  io.stderr(`plangate: wrote the PreToolUse hook to ${target.path}. ${target.note}
`);
  return 0;
}
function cliPath() {
  const script = process.argv[1];
  try {
    if (script && /cli\.js$/.test(script)) return realpathSync(script);
  } catch {
  }
  return resolve2(dirname2(new URL(import.meta.url).pathname), "..", "cli.js");
}
function shellQuote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
export {
  runGuard
};
