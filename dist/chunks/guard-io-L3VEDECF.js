import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  GUARD_KINDS,
  readShellSafely
} from "./chunk-JPLC33SI.js";
import {
  Validator,
  analyse,
  defaultRuleSet,
  loadYaml,
  parseConfig,
  parsePlan,
  throwProblems,
  yamlProblem
} from "./chunk-LAGU6ED4.js";
import "./chunk-TF6VJPZR.js";
import "./chunk-RV6XDSCG.js";
import "./chunk-7UZFWUSD.js";
import {
  InputError,
  getErrorMessage
} from "./chunk-KIBWKCE4.js";
import "./chunk-QCJK5ES2.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/cli/guard-io.ts
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// src/guard/config.ts
var GUARD_ANSWERS = ["ask", "deny"];
function defaultGuardConfig() {
  return { decisions: Object.fromEntries(GUARD_KINDS.map((k) => [k, "ask"])), extraCommands: [], allowWorkspaces: [] };
}
function validateGuardConfig(raw, source) {
  const config = defaultGuardConfig();
  if (raw === void 0 || raw === null) return config;
  const v = new Validator();
  v.check(() => {
    const doc = v.object(raw, ["guard"]);
    v.onlyKeys(doc, ["guard"], ["decisions", "extra-commands", "allow-workspaces", "audit-log"]);
    if (doc.decisions !== void 0) {
      const decisions = v.object(doc.decisions, ["guard", "decisions"]);
      v.onlyKeys(decisions, ["guard", "decisions"], ["default", ...GUARD_KINDS]);
      if (decisions.default !== void 0) {
        const answer = v.oneOf(decisions.default, ["guard", "decisions", "default"], GUARD_ANSWERS);
        for (const kind of GUARD_KINDS) config.decisions[kind] = answer;
      }
      for (const kind of GUARD_KINDS) {
        if (decisions[kind] !== void 0) config.decisions[kind] = v.oneOf(decisions[kind], ["guard", "decisions", kind], GUARD_ANSWERS);
      }
    }
    if (doc["extra-commands"] !== void 0) {
      config.extraCommands = v.strings(doc["extra-commands"], ["guard", "extra-commands"]).map((text, i) => {
        const reading = readShellSafely(text);
        const words = reading.commands[0]?.words ?? [];
        if (reading.commands.length !== 1 || reading.problems.length > 0 || words.length === 0 || words.some((w) => w.dynamic)) {
          v.fail(["guard", "extra-commands", i], "one plain command: a program name and the words it starts with, without variables, quotes that do not close or operators", text);
        }
        return words.map((w) => w.text);
      });
    }
    if (doc["allow-workspaces"] !== void 0) config.allowWorkspaces = v.strings(doc["allow-workspaces"], ["guard", "allow-workspaces"]);
    if (doc["audit-log"] !== void 0) config.auditLog = v.string(doc["audit-log"], ["guard", "audit-log"]);
  });
  throwProblems(source, v.problems);
  return config;
}

// src/cli/guard-io.ts
var SHOW_TIMEOUT_MS = 6e4;
var MAX_PLAN_JSON = 512 * 1024 * 1024;
async function loadSetup(path, text, cwd) {
  if (path === void 0 || text === void 0) return { ruleSet: defaultRuleSet(), guard: defaultGuardConfig(), root: cwd };
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = yamlProblem(doc);
  if (problem) throw new InputError(path, problem);
  const raw = doc.toJS();
  const guard = validateGuardConfig(raw !== null && typeof raw === "object" ? raw.guard : void 0, path);
  const ruleSet = await parseConfig(text, path);
  const root = dirname(path).endsWith(".github") ? dirname(dirname(path)) : dirname(path);
  return { ruleSet, guard, root };
}
function resolveWorkspaces(hits, cwd, env) {
  if (env.TF_WORKSPACE !== void 0 || env.TF_DATA_DIR !== void 0) return;
  for (const hit of hits) {
    if (hit.workspace !== void 0 || hit.workspaceFrom === void 0) continue;
    const file = join(resolve(cwd, ...hit.workspaceFrom), ".terraform", "environment");
    try {
      hit.workspace = readFileSync(file, "utf8").trim();
    } catch (error) {
      if (error.code === "ENOENT") hit.workspace = "default";
    }
  }
}
function checkPlanfile(apply, cwd, env, ruleSet) {
  for (const name of ["TF_CLI_ARGS", "TF_CLI_ARGS_apply"]) {
    if (env[name]) return { apply, error: `${name} is set, so the apply may not be the plan file alone` };
  }
  const dir = resolve(cwd, ...apply.directories);
  const showEnv = { ...env };
  delete showEnv.TF_CLI_ARGS;
  delete showEnv.TF_CLI_ARGS_show;
  const run = spawnSync(apply.tool, ["show", "-json", apply.planfile], { cwd: dir, env: showEnv, encoding: "buffer", timeout: SHOW_TIMEOUT_MS, maxBuffer: MAX_PLAN_JSON, stdio: ["ignore", "pipe", "pipe"] });
  const shown = `${apply.tool} show -json ${apply.planfile}`;
  if (run.error) {
    const code = run.error.code;
    return { apply, error: code === "ENOENT" ? `${apply.tool} is not on PATH (or ${dir} does not exist)` : `${shown} failed: ${code ?? getErrorMessage(run.error)}` };
  }
  if (run.status !== 0) {
    const first = run.stderr.toString("utf8").split("\n").find((l) => l.trim() !== "") ?? "";
    return { apply, error: `${shown} exited with ${run.status ?? run.signal ?? "an error"}${first ? `: ${first.trim().slice(0, 300)}` : ""}` };
  }
  try {
    const plan = parsePlan(run.stdout, `${shown} (in ${dir})`);
    return { apply, analysis: analyse({ plans: [plan], readErrors: [], ruleSet }) };
  } catch (error) {
    return { apply, error: getErrorMessage(error) };
  }
}
function appendAudit(path, entry) {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${JSON.stringify(entry)}
`);
    return void 0;
  } catch (error) {
    return `cannot append to the audit log ${path}: ${getErrorMessage(error)}`;
  }
}
export {
  appendAudit,
  checkPlanfile,
  loadSetup,
  resolveWorkspaces
};
