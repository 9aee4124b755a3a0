/** A parsed JSON (or YAML) object whose values are not checked yet. */
export type JsonObject = Record<string, unknown>;

/** A plain object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
