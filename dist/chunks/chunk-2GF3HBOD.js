import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  displayName
} from "./chunk-QCJK5ES2.js";

// src/errors.ts
var InputError = class extends Error {
  constructor(source, problem) {
    super(`${displayName(source)}: ${problem}`);
    this.source = source;
    this.problem = problem;
    this.name = "InputError";
  }
  source;
  problem;
};
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "an error that cannot be described";
  }
}
function isInputError(error) {
  return error instanceof InputError;
}

// src/json.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export {
  InputError,
  getErrorMessage,
  isInputError,
  isObject
};
