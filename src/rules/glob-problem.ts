import { splitAddress } from './address-glob.js';

/** `name`: a type, provider, tag value or branch (minimatch); `address`: an address glob (address-glob.ts); `path`: a repository path glob. */
export type GlobKind = 'name' | 'address' | 'path';

/**
 * Why `glob` cannot match what its writer meant, or undefined. The glob
 * libraries take anything and read a stray `{` or `[` as a literal, so a
 * typo would match nothing and silently drop a protection.
 */
export function globProblem(glob: string, kind: GlobKind): string | undefined {
  if (glob !== glob.trim()) return 'a glob without spaces at its ends (they would have to be in the name)';
  // Rules match with negation off, and a negated protected base would protect every other branch.
  if (glob.startsWith('!')) return 'a glob without a leading ! (plangate globs have no negation; leave out what should not match)';
  const brackets = kind === 'address' ? indexKeysProblem(glob) : classesProblem(glob);
  if (brackets) return brackets;
  if (!bracesPair(glob, kind)) return 'a glob whose { and } pair up, as in {a,b}';
  if (kind === 'address') {
    // Terraform addresses split at dots, CloudFormation paths at slashes: neither has an empty part.
    if (splitAddress(glob, 'terraform').includes('') || splitAddress(glob, 'cloudformation').includes('')) {
      return 'an address glob without empty parts (no leading, trailing or doubled . or /)';
    }
  }
  return undefined;
}

/** In an address glob `[...]` is an index key: every `[` closes, every quoted key ends. */
function indexKeysProblem(glob: string): string | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) break;
  }
  if (quoted) return 'an address glob whose quoted index keys end, as in module.app["eu"]';
  return depth === 0 ? undefined : 'an address glob whose [ and ] pair up, as in aws_instance.web[0]';
}

/** In a name glob `[...]` is a character class: every `[` closes. */
function classesProblem(glob: string): string | undefined {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) return 'a glob whose [ and ] pair up, as in db[0-9]';
      i = close;
    }
  }
  return undefined;
}

/** Braces outside index keys and classes pair up. */
function bracesPair(glob: string, kind: GlobKind): boolean {
  let braces = 0;
  let inside = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && kind !== 'address') i++;
    else if (inside) inside = c !== ']';
    else if (c === '[') inside = true;
    else if (c === '{') braces++;
    else if (c === '}' && --braces < 0) return false;
  }
  return braces === 0;
}
