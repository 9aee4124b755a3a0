/**
 * Lines of a report that must stay under a length: `push` says when they have
 * passed it, so a report far too long (a million findings) is abandoned after
 * the first few hundred rows instead of being built whole, again and again.
 */
export class Lines {
  readonly lines: string[] = [];
  private length = 0;

  constructor(private readonly max: number) {}

  /** Adds the lines; false once they are longer than the limit, when the caller should stop. */
  push(...lines: readonly string[]): boolean {
    for (const line of lines) {
      this.lines.push(line);
      this.length += line.length + 1;
    }
    return !this.full;
  }

  get full(): boolean {
    return this.length > this.max;
  }
}

/** Largest n in [0, max] for which fits(n) holds, assuming it holds for every smaller n. */
export function largest(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
