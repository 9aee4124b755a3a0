import { SENSITIVE } from './types.js';

/**
 * Replaces every value the plan marks sensitive with SENSITIVE. Terraform's
 * mask mirrors the value's shape with `true` at sensitive leaves (or is `true`
 * for the whole value), so nothing marked can reach a report.
 */
export function redactSensitive(value: unknown, mask: unknown): unknown {
  if (mask === true) return SENSITIVE;
  if (typeof mask !== 'object' || mask === null || !hasSensitiveLeaf(mask)) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => redactSensitive(item, Array.isArray(mask) ? mask[i] : undefined));
  }
  if (typeof value === 'object' && value !== null) {
    const masks = mask as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactSensitive(item, masks[key]);
    return out;
  }
  // A mask with sensitive leaves over a scalar: the shapes disagree, so hide it all.
  return SENSITIVE;
}

function hasSensitiveLeaf(mask: object): boolean {
  for (const item of Object.values(mask)) {
    if (item === true) return true;
    if (typeof item === 'object' && item !== null && hasSensitiveLeaf(item as object)) return true;
  }
  return false;
}
