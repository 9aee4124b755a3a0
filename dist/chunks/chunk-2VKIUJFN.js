import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  configAddress
} from "./chunk-WR6YQ4W5.js";
import {
  DESTRUCTIVE
} from "./chunk-5UHFVSEM.js";

// src/rules/types.ts
var SEVERITIES = ["critical", "high", "medium", "low"];
var MATCH_ACTIONS = [...DESTRUCTIVE, "protection-removed"];
var DEFAULT_OVERRIDE_LABEL = "plangate-override";

// src/analysis/fates.ts
var SURVIVING = /* @__PURE__ */ new Set(["updated", "created", "unchanged"]);
function survives(fate) {
  return SURVIVING.has(fate);
}
function fatesOf(plan) {
  const actions = /* @__PURE__ */ new Map();
  for (const change of plan.changes) {
    const node = plan.format === "terraform" ? configAddress(change.resourceAddress) : change.address;
    let set = actions.get(node);
    if (!set) actions.set(node, set = /* @__PURE__ */ new Set());
    set.add(change.action);
  }
  const unchanged = plan.unchangedNodes ?? /* @__PURE__ */ new Set();
  return (node) => {
    if (isWiring(node)) return void 0;
    const seen = actions.get(node);
    if (!seen) return "unchanged";
    const lost = ["delete", "replace", "forget"].filter((a) => seen.has(a));
    const kept = unchanged.has(node) || [...seen].some((a) => a !== "delete" && a !== "replace" && a !== "forget");
    if (lost.length > 0) {
      if (kept) return "partly destroyed";
      if (lost.length === 1 && lost[0] === "replace") return "replaced";
      if (lost.length === 1 && lost[0] === "forget") return "forgotten";
      return "destroyed";
    }
    if (seen.has("update")) return "updated";
    if (seen.has("create")) return "created";
    return "unchanged";
  };
}
function isWiring(node) {
  return /(^|\.)(output|var)\.[^.]+$|\.\*$/.test(node);
}

export {
  SEVERITIES,
  MATCH_ACTIONS,
  DEFAULT_OVERRIDE_LABEL,
  survives,
  fatesOf
};
