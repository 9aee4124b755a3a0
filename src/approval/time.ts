/** An ISO 8601 time GitHub could have written: a date, a `T`, and a value Date can read. */
export function isTime(text: string): boolean {
  return /^\d{4}-\d\d-\d\dT/.test(text) && Number.isFinite(Date.parse(text));
}
