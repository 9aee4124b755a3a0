import { displayName } from './quote.js';

/**
 * A problem the user can fix: a bad plan file, config or input. Its message is
 * one line that names the input and the fix; no stack trace is shown for it.
 */
export class InputError extends Error {
  constructor(
    /** The file, input or option at fault, as the user named it. */
    readonly source: string,
    readonly problem: string,
    /** Further problems of the same input, reported in the same run (every error of a config file, say). */
    readonly more: readonly string[] = [],
  ) {
    // The source is input too (a file named with a newline must not start a second line).
    super(`${displayName(source)}: ${problem}${more.length === 0 ? '' : ` (and ${more.length} more problem${more.length === 1 ? '' : 's'} in ${displayName(source)})`}`);
    this.name = 'InputError';
  }

  /** One line per problem, each naming the input. */
  lines(): string[] {
    return [this.problem, ...this.more].map((problem) => `${displayName(this.source)}: ${problem}`);
  }
}

/** What a failure says, one line per problem: every problem of an InputError, else its message. */
export function errorLines(error: unknown): string[] {
  return isInputError(error) ? error.lines() : [getErrorMessage(error)];
}

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    // An object without a usable toString must not break the path that reports the failure.
    return 'an error that cannot be described';
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
