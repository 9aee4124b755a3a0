/**
 * A problem the user can fix: a bad plan file, config or input. Its message is
 * one line that names the input and the fix; no stack trace is shown for it.
 */
export class InputError extends Error {
  constructor(
    /** The file, input or option at fault, as the user named it. */
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = 'InputError';
  }
}

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
