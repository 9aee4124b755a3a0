import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  analyse,
  missingNestedChangeSets,
  parsePlan,
  readPlanFile
} from "./chunk-LAGU6ED4.js";
import {
  InputError,
  isInputError
} from "./chunk-KIBWKCE4.js";
import {
  quote
} from "./chunk-QCJK5ES2.js";

// src/plan/cloudformation-stacks.ts
var STACK = /^([A-Za-z][-A-Za-z0-9]{0,127})=(.+)$/s;
function parseTemplateOption(value) {
  const match = STACK.exec(value);
  return match ? { stack: match[1], file: match[2] } : { file: value };
}
function applyTemplates(plans, templates) {
  const stacks = plans.filter((p) => p.format === "cloudformation");
  const bare = templates.filter((t) => t.stack === void 0);
  if (bare.length > 0 && templates.length > 1) {
    throw new InputError("--cfn-template", "give every template as STACK=FILE once there is more than one, so each stack gets its own");
  }
  const errors = [];
  const roots = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).filter((s) => s.prefix === "").map((s) => s.name)))];
  for (const template of bare) {
    if (roots.length > 1) {
      errors.push(`--cfn-template ${template.file}: the change sets are for ${roots.length} stacks (${roots.map((r) => quote(r)).join(", ")}), and one template cannot be all of them: give each its own as --cfn-template STACK=FILE`);
      continue;
    }
    for (const plan of stacks) merge(plan.dependencies, template.dependencies, "");
  }
  for (const template of templates) {
    if (template.stack === void 0) continue;
    let found = false;
    for (const plan of stacks) {
      for (const { name, prefix } of plan.stacks ?? []) {
        if (name !== template.stack) continue;
        merge(plan.dependencies, template.dependencies, prefix);
        found = true;
      }
    }
    if (!found) {
      const known = [...new Set(stacks.flatMap((p) => (p.stacks ?? []).map((s) => s.name)))];
      const which = known.length > 0 ? `the change sets are for ${known.map((k) => quote(k)).join(", ")}` : "no change set names its stack";
      errors.push(`--cfn-template ${quote(template.stack)}=${template.file}: no change set is for stack ${quote(template.stack)} (${which}): check the stack name`);
    }
  }
  return errors;
}
function merge(into, from, prefix) {
  for (const [node, targets] of from) {
    const key = prefix + node;
    let set = into.get(key);
    if (!set) into.set(key, set = /* @__PURE__ */ new Set());
    for (const t of targets) set.add(prefix + t);
  }
}

// src/check.ts
async function checkPlans(files, ruleSet, options = {}) {
  const plans = [];
  const readErrors = [];
  if (files.length === 0) readErrors.push("no plan files were given: pass the JSON plan or change-set files to check");
  for (const file of files) {
    try {
      const plan = typeof file === "string" ? await readPlanFile(file, options) : parsePlan(file.bytes, file.name);
      plans.push(plan);
    } catch (error) {
      if (!isInputError(error)) throw error;
      readErrors.push(error.message);
    }
  }
  readErrors.push(...missingNestedChangeSets(plans));
  if (options.templates?.length) readErrors.push(...applyTemplates(plans, options.templates));
  const analysis = analyse({ plans, readErrors, ruleSet, sourceWeakenings: options.sourceWeakenings ?? [] });
  const labels = Object.entries(options.labels ?? {}).flatMap(([file, label]) => files.includes(file) ? [[file === "-" ? "standard input" : file, label]] : []);
  if (labels.length > 0) analysis.labels = Object.fromEntries(labels);
  return analysis;
}

export {
  parseTemplateOption,
  checkPlans
};
