/**
 * Which files of a directory Terraform and OpenTofu read as configuration: the
 * one definition plangate uses, whether it reads a directory on disk, a list
 * of files, or files fetched through the GitHub API.
 *
 * OpenTofu reads `.tofu` and `.tofu.json` besides `.tf` and `.tf.json`, and
 * when `x.tofu` and `x.tf` are both present it loads only `x.tofu` (and
 * `x.tofu.json` over `x.tf.json`), override files included. Terraform ignores
 * `.tofu` files. plangate cannot tell which tool runs a repository, so its
 * callers read a directory the way each tool does.
 * https://opentofu.org/docs/language/files/ ("Extension Precedence")
 * https://opentofu.org/docs/language/files/override
 */

/** The tools whose loading rules plangate follows; a repository may be run with either. */
export const TOOLS = ['terraform', 'opentofu'] as const;
export type Tool = (typeof TOOLS)[number];

/** The configuration extensions, longest first so `.tf.json` is not taken for `.json`. */
const EXTENSIONS = ['.tofu.json', '.tf.json', '.tofu', '.tf'] as const;
type Extension = (typeof EXTENSIONS)[number];

/** The `.tofu` extension that takes precedence over each `.tf` one. */
const SHADOWED_BY: Partial<Record<Extension, Extension>> = { '.tf': '.tofu', '.tf.json': '.tofu.json' };

/**
 * Whether a path names a Terraform or OpenTofu configuration file: `.tf`,
 * `.tf.json`, `.tofu` or `.tofu.json` (case-sensitive, as both tools are).
 * Not `.tfvars`, test files or lock files.
 */
export function isTerraformSource(path: string): boolean {
  return extensionOf(path) !== undefined;
}

/**
 * Whether a configuration file is an override file (`override.tf`,
 * `db_override.tofu`, …), merged into the others after them.
 */
export function isOverrideFile(path: string): boolean {
  const name = baseName(path);
  const extension = extensionOf(name);
  if (extension === undefined) return false;
  const stem = name.slice(0, -extension.length);
  return stem === 'override' || stem.endsWith('_override');
}

/** `.tofu` or `.tofu.json`: a file only OpenTofu reads. */
export function isTofuFile(path: string): boolean {
  const extension = extensionOf(path);
  return extension === '.tofu' || extension === '.tofu.json';
}

/**
 * Names both tools skip in a directory: hidden files, editor backups (`x.tf~`)
 * and Emacs autosaves (`#x.tf#`). A guarded copy in `.keep.tf` is not a guard.
 */
export function isIgnoredName(path: string): boolean {
  const name = baseName(path);
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

/**
 * Of the files listed in ONE directory (names, or paths that share the
 * directory), those `tool` loads, in the order it reads them: the other
 * files in lexical order, then the override files in lexical order.
 * Everything else (`.tfvars`, README.md, a hidden file, a `.tf` shadowed by a
 * `.tofu` for OpenTofu, any `.tofu` for Terraform) is dropped.
 */
export function filesLoaded(names: readonly string[], tool: Tool): string[] {
  return loadedConfigFiles(names, (name) => name, tool);
}

/** filesLoaded over objects that carry a path, such as `{ path, contents }`. */
export function loadedConfigFiles<T>(items: readonly T[], pathOf: (item: T) => string, tool: Tool): T[] {
  const present = new Set(items.map((item) => baseName(pathOf(item))));
  const loaded = items
    .map((item) => ({ item, name: baseName(pathOf(item)) }))
    .filter(({ name }) => {
      const extension = extensionOf(name);
      if (extension === undefined || isIgnoredName(name)) return false;
      if (tool === 'terraform') return !isTofuFile(name);
      const preferred = SHADOWED_BY[extension];
      return preferred === undefined || !present.has(name.slice(0, -extension.length) + preferred);
    })
    .sort((a, b) => compareNames(a.name, b.name));
  // Override files are set aside and merged after all the others.
  return [...loaded.filter(({ name }) => !isOverrideFile(name)), ...loaded.filter(({ name }) => isOverrideFile(name))].map(({ item }) => item);
}

function extensionOf(path: string): Extension | undefined {
  return EXTENSIONS.find((extension) => path.endsWith(extension));
}

/** The last segment of a path; `\` too, for paths joined on Windows. */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Terraform and OpenTofu read a directory's files in lexical order. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
