import { InputError } from '../errors.js';
import { quote } from '../quote.js';

/**
 * Deepest nesting of lists and objects a plan may have. Real plans nest about
 * 20 levels (the shared corpus's deepest Terraform plan 22, change set 7); the
 * readers' walkers (values, sensitivity masks, NoEcho, modules, state) recurse
 * once per level, so a document checked against this limit cannot overflow
 * the stack, which breaks at a few thousand levels.
 */
export const MAX_DEPTH = 512;

/**
 * Refuses a parsed document (or a JSON value parsed out of one, named by
 * `root`, at the path `steps` in it) that nests deeper than MAX_DEPTH, naming
 * the JSON path where it does. Any depth JSON.parse accepts is safe to check.
 */
export function checkDepth(doc: unknown, file: string, root = '$', steps: readonly (string | number)[] = []): void {
  if (typeof doc === 'object' && doc !== null && !within(doc, 1 + steps.length)) throw depthError(file, deepPath(doc, root, steps));
}

/** The refusal of a document nested past MAX_DEPTH at `path`. */
export function depthError(file: string, path: string): InputError {
  return new InputError(file, `nests lists and objects deeper than ${MAX_DEPTH} levels (at ${path}), far deeper than any real plan: regenerate it with \`terraform show -json\` or \`aws cloudformation describe-change-set --output json\``);
}

// Recursion is the fast way to walk a large plan, and safe here: it stops one level past the limit.
function within(value: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && !within(item, depth + 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && !within(item, depth + 1)) return false;
  }
  return true;
}

interface Frame {
  container: object;
  keys: string[] | undefined;
  next: number;
}

/** The path to the first container past MAX_DEPTH; only run once the fast pass found one. */
function deepPath(doc: object, root: string, steps: readonly (string | number)[]): string {
  const frames: Frame[] = [{ container: doc, keys: Array.isArray(doc) ? undefined : Object.keys(doc), next: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    const count = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.next >= count) {
      frames.pop();
      continue;
    }
    const key = frame.keys ? (frame.keys[frame.next] as string) : frame.next;
    frame.next++;
    const item = (frame.container as Record<string | number, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    frames.push({ container: item, keys: Array.isArray(item) ? undefined : Object.keys(item), next: 0 });
    if (frames.length + steps.length > MAX_DEPTH) return renderPath(root, [...steps, ...frames.slice(0, -1).map((f) => (f.keys ? (f.keys[f.next - 1] as string) : f.next - 1))]);
  }
  return root;
}

/** `$.resource_changes[0].change.before.a.….a`: the first steps and the last, each key bounded. */
export function renderPath(root: string, steps: readonly (string | number)[]): string {
  const step = (s: string | number): string => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][\w-]{0,39}$/.test(s) ? `.${s}` : `[${quote(s, 40)}]`);
  const shown = steps.length <= 12 ? steps.map(step) : [...steps.slice(0, 8).map(step), '.…', ...steps.slice(-3).map(step)];
  return root + shown.join('');
}
