import { Minimatch } from 'minimatch';
import type { PlanFormat } from '../plan/types.js';

/**
 * Globs on resource addresses. An address is a path of parts — split at the
 * dots of a Terraform address (never inside an index key) or at the slashes of
 * a CloudFormation nested-stack path — and a pattern is matched part by part:
 *
 *   `*`, `?`, `{a,b}`  within one part (minimatch semantics)
 *   `**`               any number of parts, so it crosses module boundaries
 *   a part without `[` ignores the address part's index key, so
 *   `aws_db_instance.main` covers `main[0]` and `module.prod.**` covers `module.prod["eu"]`
 */
export class AddressGlob {
  private readonly parts: Array<'**' | PartMatcher>;

  constructor(readonly pattern: string, format: PlanFormat) {
    this.parts = splitAddress(pattern, format).map((part) => (part === '**' ? '**' : new PartMatcher(part)));
  }

  matches(address: string, format: PlanFormat): boolean {
    return matchParts(this.parts, 0, splitAddress(address, format), 0);
  }

  /** True when the pattern matches the path or any leading part of it (a module and everything inside). */
  matchesPrefix(address: string, format: PlanFormat): boolean {
    const subject = splitAddress(address, format);
    for (let n = subject.length; n >= 1; n--) if (matchParts(this.parts, 0, subject.slice(0, n), 0)) return true;
    return false;
  }
}

class PartMatcher {
  private readonly literal?: string;
  private readonly regexp?: RegExp;
  /** A pattern part without an index key compares with the address part's name alone. */
  private readonly ignoresIndex: boolean;

  constructor(part: string) {
    this.ignoresIndex = !part.includes('[');
    // Brackets are index keys in addresses, never character classes.
    const escaped = part.replace(/[[\]\\]/g, (c) => `\\${c}`);
    if (/[*?{]/.test(part)) {
      this.regexp = new Minimatch(escaped, { dot: true, noext: true, nonegate: true, nocomment: true }).makeRe() || /(?!)/;
    } else {
      this.literal = part;
    }
  }

  matches(part: string): boolean {
    const subject = this.ignoresIndex ? stripIndex(part) : part;
    return this.literal !== undefined ? subject === this.literal : (this.regexp as RegExp).test(subject);
  }
}

function matchParts(pattern: ReadonlyArray<'**' | PartMatcher>, p: number, subject: readonly string[], s: number): boolean {
  for (; p < pattern.length; p++, s++) {
    const part = pattern[p] as '**' | PartMatcher;
    if (part === '**') {
      for (let rest = s; rest <= subject.length; rest++) if (matchParts(pattern, p + 1, subject, rest)) return true;
      return false;
    }
    if (s >= subject.length || !part.matches(subject[s] as string)) return false;
  }
  return s === subject.length;
}

function stripIndex(part: string): string {
  const open = part.indexOf('[');
  return open === -1 ? part : part.slice(0, open);
}

/** Splits at dots (Terraform) or slashes (CloudFormation) outside quoted index keys. */
export function splitAddress(address: string, format: PlanFormat): string[] {
  const separator = format === 'terraform' ? '.' : '/';
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i] as string;
    if (quoted) {
      if (c === '\\' && i + 1 < address.length) {
        current += c + (address[++i] as string);
        continue;
      }
      if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}
