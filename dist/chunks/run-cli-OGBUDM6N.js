import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DEFAULT_CONFIG_PATH,
  InputError,
  checkPlans,
  defaultRuleSet,
  describeAction,
  destructiveChanges,
  getErrorMessage,
  headline,
  isInputError,
  isObject,
  loadYaml,
  parseConfig,
  plural,
  renderJson,
  renderMarkdown,
  yamlProblem
} from "./chunk-CN7SAT2M.js";
import "./chunk-FS6T6AIU.js";

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
      throw new InputError(source, `invalid JSON template: ${error.message.split("\n")[0]}`);
    }
  }
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { customTags: shortFormTags(), prettyErrors: true });
  const problem = yamlProblem(doc, "YAML template");
  if (problem) throw new InputError(source, problem);
  return doc.toJS();
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

// src/report/text.ts
var CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 };
function renderText(analysis, { color, listErrors = true }) {
  const paint = (code, text) => color ? `\x1B[${CODES[code]}m${text}\x1B[0m` : text;
  const lines = [];
  const tone = analysis.decision === "pass" ? "green" : analysis.decision === "blocked" ? "red" : "yellow";
  lines.push(paint("bold", paint(tone, headline(analysis))));
  if (analysis.findings.length > 0) {
    lines.push("", paint("bold", "Protected resources:"));
    const width = Math.min(60, Math.max(...analysis.findings.map((f) => f.address.length)));
    for (const f of analysis.findings) {
      const who = [...f.approvers.teams.map((t) => `team ${t}`), ...f.approvers.users.map((u) => `@${u}`)];
      lines.push(
        `  ${paint("red", describeAction(f).padEnd(22))} ${f.address.padEnd(width)}  ${f.severity}  ${f.rule}  (${plural(f.approvals, "approval")}${who.length ? ` from ${who.join(", ")}` : ""})`
      );
      if (f.reason) lines.push(paint("dim", `  ${"".padEnd(22)} ${f.reason}`));
      if (f.dependents.length > 0) lines.push(`  ${"".padEnd(22)} depended on by: ${f.dependents.join(", ")}`);
      lines.push(paint("dim", `  ${"".padEnd(22)} in ${f.file}`));
    }
  }
  const protectedKeys = new Set(analysis.findings.map((f) => `${f.file}\0${f.address}`));
  const others = destructiveChanges(analysis).filter((c) => !protectedKeys.has(`${c.file}\0${c.address}`));
  if (others.length > 0) {
    lines.push("", paint("bold", "Other resources lost (no rule protects them):"));
    for (const c of others) lines.push(`  ${paint("yellow", describeAction(c).padEnd(22))} ${c.address}  (${c.type}, ${c.file})`);
  }
  if (listErrors && analysis.errors.length > 0) {
    lines.push("", paint("bold", "Problems:"));
    for (const e of analysis.errors) lines.push(`  ${paint("yellow", e)}`);
  }
  return `${lines.join("\n")}
`;
}

// src/cli/run-cli.ts
var EXIT = { pass: 0, blocked: 1, error: 2 };
var USAGE = `Usage: plangate check [--format text|markdown|json] [--config FILE] FILE...

Reads Terraform/OpenTofu plan JSON (terraform show -json PLANFILE) and
CloudFormation change sets (aws cloudformation describe-change-set --output json),
and reports every protected resource they would delete, replace or forget.
FILE may be - for standard input.

Options:
  --format FORMAT  text (default), markdown or json
  --config FILE    rules file (default: ${DEFAULT_CONFIG_PATH} if it exists, else the recommended pack)
  --cfn-template FILE
                   the stack's current CloudFormation template (JSON or YAML):
                   its Ref, Fn::GetAtt, Fn::Sub and DependsOn add to each finding's dependents
  -h, --help       show this help

Exit status: 0 nothing protected is lost, 1 blocked, 2 error (any file unreadable,
malformed or unsupported fails the whole run).
`;
var FORMATS = ["text", "markdown", "json"];
async function runCli(argv, io) {
  try {
    const [command, ...rest] = argv;
    if (command === void 0 || command === "-h" || command === "--help" || command === "help") {
      io.stdout(USAGE);
      return command === void 0 ? EXIT.error : EXIT.pass;
    }
    if (command !== "check") throw new InputError("plangate", `unknown command ${JSON.stringify(command)}; the command is \`plangate check FILE...\``);
    const { values, positionals } = parseOptions(rest);
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.pass;
    }
    const format = values.format ?? "text";
    if (!FORMATS.includes(format)) {
      throw new InputError("--format", `expected one of ${FORMATS.join(", ")}, got ${JSON.stringify(format)}`);
    }
    const ruleSet = await loadRuleSet(values.config);
    const options = {};
    const template = values["cfn-template"];
    if (template !== void 0) options.templateDependencies = await templateDependencies(readInput(template, "template"), template);
    const analysis = await checkPlans(positionals, ruleSet, options);
    io.stdout(render(analysis, format, io));
    for (const error of analysis.errors) io.stderr(`plangate: ${error}
`);
    return EXIT[analysis.decision];
  } catch (error) {
    if (isInputError(error)) {
      io.stderr(`plangate: ${error.message}
`);
    } else {
      io.stderr(`plangate: internal error: ${getErrorMessage(error)} (please report it; PLANGATE_DEBUG=1 shows the stack)
`);
      if (io.env.PLANGATE_DEBUG) io.stderr(`${error.stack ?? ""}
`);
    }
    return EXIT.error;
  }
}
function parseOptions(args) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f" },
        config: { type: "string", short: "c" },
        "cfn-template": { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    });
  } catch (error) {
    throw new InputError("plangate check", `${getErrorMessage(error).split("\n")[0]}; see plangate check --help`);
  }
}
async function loadRuleSet(configPath) {
  const path = configPath ?? (existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : void 0);
  if (path === void 0) return defaultRuleSet();
  return await parseConfig(readInput(path, "config"), path);
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
function render(analysis, format, io) {
  if (format === "json") return renderJson(analysis);
  if (format === "markdown") return renderMarkdown(analysis);
  return renderText(analysis, { color: io.isTTY && !io.env.NO_COLOR, listErrors: false });
}
export {
  EXIT,
  runCli
};
