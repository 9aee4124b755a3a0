import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  batched,
  checkLabels,
  parsePlanSpec,
  terminated
} from "./chunk-VMAJSL3A.js";
import {
  VERSION
} from "./chunk-BXALZ5YX.js";
import {
  checkPlans,
  parseTemplateOption
} from "./chunk-YIEIAWBB.js";
import {
  configPaths,
  defaultRuleSet,
  loadYaml,
  oneConfig,
  parseConfig,
  yamlProblem
} from "./chunk-LAGU6ED4.js";
import {
  MAX_DEPTH,
  checkDepth
} from "./chunk-TF6VJPZR.js";
import "./chunk-RV6XDSCG.js";
import {
  DEFAULT_CONFIG_PATHS
} from "./chunk-7UZFWUSD.js";
import {
  InputError,
  errorLines,
  getErrorMessage,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  displayName,
  quote,
  safeLine
} from "./chunk-QCJK5ES2.js";
import "./chunk-2VKIUJFN.js";
import "./chunk-WR6YQ4W5.js";
import "./chunk-5UHFVSEM.js";
import {
  isObject
} from "./chunk-X534SGSV.js";
import "./chunk-SSKGB3OA.js";

// src/cli/run-cli.ts
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

// src/plan/cloudformation-template.ts
var INTRINSICS = [
  "Ref",
  "Condition",
  "Fn::GetAtt",
  "Fn::Sub",
  "Fn::Join",
  "Fn::Select",
  "Fn::Split",
  "Fn::FindInMap",
  "Fn::If",
  "Fn::Not",
  "Fn::Equals",
  "Fn::And",
  "Fn::Or",
  "Fn::Base64",
  "Fn::Cidr",
  "Fn::GetAZs",
  "Fn::ImportValue",
  "Fn::Transform",
  "Fn::ToJsonString",
  "Fn::Length"
];
async function templateDependencies(text, source) {
  const template = await parseTemplate(text, source);
  checkDepth(template, source);
  if (!isObject(template) || !isObject(template.Resources)) {
    throw new InputError(source, 'not a CloudFormation template (no "Resources" mapping): pass the template the change set was created from');
  }
  const resources = template.Resources;
  const deps = /* @__PURE__ */ new Map();
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObject(resource)) continue;
    const targets = /* @__PURE__ */ new Set();
    const dependsOn = resource.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) if (typeof d === "string") targets.add(d);
    collectReferences(resource.Properties, targets);
    collectReferences(resource.Metadata, targets);
    targets.delete(id);
    const known = [...targets].filter((t) => t in resources);
    if (known.length > 0) deps.set(id, new Set(known));
  }
  return deps;
}
function collectReferences(value, into) {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === "Ref" && typeof inner === "string") into.add(inner);
    else if (key === "Fn::GetAtt") {
      const target = typeof inner === "string" ? inner.split(".")[0] : Array.isArray(inner) ? inner[0] : void 0;
      if (typeof target === "string") into.add(target);
    } else if (key === "Fn::Sub") {
      const body = typeof inner === "string" ? inner : Array.isArray(inner) ? inner[0] : void 0;
      if (typeof body === "string") for (const m of body.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) into.add(m[1]);
    }
    collectReferences(inner, into);
  }
}
async function parseTemplate(text, source) {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InputError(source, `invalid JSON template: ${safeLine(error.message.split("\n")[0] ?? "", 300)}`);
    }
  }
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { customTags: shortFormTags(), prettyErrors: true });
  const tooDeep = new InputError(source, `nests lists and mappings deeper than ${MAX_DEPTH} levels, far deeper than any real template: pass the template the change set was created from`);
  if (doc.errors.some((e) => e.message.includes("Maximum call stack size exceeded"))) throw tooDeep;
  const problem = yamlProblem(doc, "YAML template");
  if (problem) throw new InputError(source, safeLine(problem, 300));
  try {
    return doc.toJS();
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep;
    throw error;
  }
}
function shortFormTags() {
  return INTRINSICS.flatMap((name) => {
    const tag = `!${name.replace(/^Fn::/, "")}`;
    const wrap = (value) => ({ [name]: value });
    return [
      { tag, resolve: (value) => wrap(value) },
      { tag, collection: "seq", resolve: (seq) => wrap(seq.toJSON()) },
      { tag, collection: "map", resolve: (map) => wrap(map.toJSON()) }
    ];
  });
}

// src/cli/run-cli.ts
var EXIT = { pass: 0, blocked: 1, error: 2 };
var USAGE = `Usage: plangate check [--format text|markdown|json|sarif] [--config FILE] [LABEL=]FILE...
       plangate verify --plan FILE [--commit SHA]   (see plangate verify --help)
       plangate guard [--agent claude|codex]   (a coding agent's PreToolUse hook; see plangate guard --help)

Reads Terraform/OpenTofu plan JSON (terraform show -json PLANFILE) and
CloudFormation change sets (aws cloudformation describe-change-set --output json),
and reports every protected resource they would delete, replace or forget.
FILE may be - for standard input. LABEL=FILE (prod=plans/prod.json) names the plan
in the report; the path is still shown in each plan's heading and in the JSON report.

Options:
  --format FORMAT  text (default), markdown, json, or sarif (SARIF 2.1.0 for code scanning)
  --config FILE    rules file (default: ${DEFAULT_CONFIG_PATHS.join(" or ")} if one
                   exists, else the recommended pack); stderr names the one used
  --cfn-template [STACK=]FILE
                   a stack's current CloudFormation template (JSON or YAML): its
                   Ref, Fn::GetAtt, Fn::Sub and DependsOn add to the dependents of
                   that stack's findings; repeat as STACK=FILE for each stack
  --tf-base DIR --tf-head DIR
                   the Terraform root module before and after the change: a
                   lifecycle { prevent_destroy = true } removed between them is a finding
  -h, --help       show this help
  -V, --version    show plangate's version

Exit status: 0 nothing protected is lost, 1 blocked, 2 error (any file unreadable,
malformed or unsupported fails the whole run).
`;
var FORMATS = ["text", "markdown", "json", "sarif"];
var VERSION_LINE = `plangate ${VERSION}
`;
async function runCli(argv, io) {
  try {
    const [command, ...rest] = argv;
    if (command === void 0 || command === "-h" || command === "--help" || command === "help") {
      io.stdout(USAGE);
      return command === void 0 ? EXIT.error : EXIT.pass;
    }
    if (command === "--version" || command === "-V" || command === "version") {
      io.stdout(VERSION_LINE);
      return EXIT.pass;
    }
    if (command === "guard") {
      const { runGuard } = await import("./guard-command-QF4B6HTG.js");
      return await runGuard(rest, { ...io, readStdin: io.readStdin ?? (() => Promise.resolve("")), cwd: io.cwd ?? process.cwd() });
    }
    if (command === "verify") return await (await import("./verify-cli-4WEM2CYE.js")).runVerify(rest, io);
    if (command !== "check") throw new InputError("plangate", `unknown command ${quote(command)}; the commands are \`plangate check FILE...\`, \`plangate verify --plan FILE\` and \`plangate guard\``);
    const { values, positionals } = parseOptions(rest);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.pass;
    }
    if (values.version) {
      io.stdout(VERSION_LINE);
      return EXIT.pass;
    }
    const format = values.format ?? "text";
    if (!FORMATS.includes(format)) {
      throw new InputError("--format", `expected one of ${FORMATS.join(", ")}, got ${quote(format)}`);
    }
    const ruleSet = await loadRuleSet(values.config, io);
    const options = {};
    const templates = values["cfn-template"] ?? [];
    if (templates.length > 0) {
      options.templates = await Promise.all(
        templates.map(async (value) => {
          const { stack, file } = parseTemplateOption(value);
          const dependencies = await templateDependencies(readInput(file, "template"), file);
          return stack === void 0 ? { file, dependencies } : { stack, file, dependencies };
        })
      );
    }
    const specs = positionals.map(parsePlanSpec);
    checkLabels(specs, "plangate check");
    options.labels = Object.fromEntries(specs.flatMap((s) => s.label === void 0 ? [] : [[s.pattern, s.label]]));
    const [base, head] = [values["tf-base"], values["tf-head"]];
    if (base === void 0 !== (head === void 0)) {
      throw new InputError(base === void 0 ? "--tf-base" : "--tf-head", "give both --tf-base DIR and --tf-head DIR: the Terraform sources before and after the change");
    }
    if (base !== void 0 && head !== void 0) {
      const { readPreventDestroy, removedUnderEitherTool } = await import("./terraform-source-TLCY3MZ5.js");
      options.sourceWeakenings = await removedUnderEitherTool(async (tool) => [await readPreventDestroy(base, tool), await readPreventDestroy(head, tool)]);
    }
    const analysis = await checkPlans(specs.map((s) => s.pattern), ruleSet, options);
    for (const chunk of batched(await render(analysis, format, io))) io.stdout(chunk);
    for (const error of analysis.errors) io.stderr(`plangate: ${safeLine(error)}
`);
    return EXIT[analysis.decision];
  } catch (error) {
    if (isInputError(error)) {
      for (const line of errorLines(error)) io.stderr(`plangate: ${safeLine(line)}
`);
    } else {
      io.stderr(`plangate: internal error: ${safeLine(getErrorMessage(error))} (please report it; PLANGATE_DEBUG=1 shows the stack)
`);
      if (io.env.PLANGATE_DEBUG) io.stderr(`${error.stack ?? ""}
`);
    }
    return EXIT.error;
  }
}
var OPTIONS = {
  format: { type: "string", short: "f" },
  config: { type: "string", short: "c" },
  "cfn-template": { type: "string", multiple: true },
  "tf-base": { type: "string" },
  "tf-head": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" }
};
function parseOptions(args) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new InputError("plangate check", `${optionProblem(args, error)}; see plangate check --help`);
  }
}
function optionProblem(args, error) {
  const known = Object.entries(OPTIONS).map(([name, option]) => "short" in option ? `-${option.short}/--${name}` : `--${name}`);
  const { tokens } = parseArgs({ args, allowPositionals: true, options: OPTIONS, strict: false, tokens: true });
  const unknown = tokens.find((token) => token.kind === "option" && !Object.hasOwn(OPTIONS, token.name));
  if (unknown?.kind === "option") {
    return `unknown option ${quote(unknown.rawName)}; the options are ${known.join(", ")} (a plan file whose name starts with - goes after --)`;
  }
  const misused = tokens.find((token) => token.kind === "option" && OPTIONS[token.name].type === "string" !== (token.value !== void 0));
  if (misused?.kind === "option") {
    return OPTIONS[misused.name].type === "string" ? `option ${quote(misused.rawName)} needs a value, as in --${misused.name} VALUE` : `option ${quote(misused.rawName)} takes no value`;
  }
  return safeLine(getErrorMessage(error), 300);
}
async function loadRuleSet(configPath, io) {
  const path = oneConfig(configPaths(configPath).filter((candidate) => candidate === configPath || existsSync(candidate)));
  if (path === void 0) return defaultRuleSet();
  const ruleSet = await parseConfig(readInput(path, "config"), path);
  io.stderr(`plangate: rules from ${displayName(path)}
`);
  for (const warning of ruleSet.warnings ?? []) io.stderr(`plangate: warning: ${safeLine(warning)}
`);
  return ruleSet;
}
function readInput(path, what) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = error.code;
    const option = what === "config" ? "--config" : "--cfn-template";
    throw new InputError(path, code === "ENOENT" ? `no such ${what} file: check the ${option} path` : `cannot read the ${what} file (${code ?? getErrorMessage(error)})`);
  }
}
async function render(analysis, format, io) {
  if (format === "json") return (await import("./json-Q6J5NV5C.js")).jsonChunks(analysis);
  if (format === "sarif") return (await import("./sarif-27HSC43C.js")).sarifChunks(analysis);
  if (format === "markdown") return [(await import("./markdown-BOTWFJ5R.js")).renderMarkdown(analysis)];
  const { textLines } = await import("./text-U4SOAWJE.js");
  return terminated(textLines(analysis, { color: io.isTTY && !io.env.NO_COLOR, listErrors: false }));
}
export {
  EXIT,
  runCli
};
