import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);

// src/plan/types.ts
var DESTRUCTIVE = ["delete", "replace", "forget"];
var DESTRUCTIVE_ACTIONS = new Set(DESTRUCTIVE);
function isDestructive(action) {
  return DESTRUCTIVE_ACTIONS.has(action);
}
var SENSITIVE = "(sensitive)";

export {
  DESTRUCTIVE,
  DESTRUCTIVE_ACTIONS,
  isDestructive,
  SENSITIVE
};
