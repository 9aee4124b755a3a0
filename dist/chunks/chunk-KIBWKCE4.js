import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  displayName
} from "./chunk-QCJK5ES2.js";

// src/errors.ts
var InputError = class extends Error {
  constructor(source, problem, more = []) {
    super(`${displayName(source)}: ${problem}${more.length === 0 ? "" : ` (and ${more.length} more problem${more.length === 1 ? "" : "s"} in ${displayName(source)})`}`);
    this.source = source;
    this.problem = problem;
    this.more = more;
    this.name = "InputError";
  }
  source;
  problem;
  more;
  /** One line per problem, each naming the input. */
  lines() {
    return [this.problem, ...this.more].map((problem) => `${displayName(this.source)}: ${problem}`);
  }
};
function errorLines(error) {
  return isInputError(error) ? error.lines() : [getErrorMessage(error)];
}
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

export {
  InputError,
  errorLines,
  getErrorMessage,
  isInputError
};
