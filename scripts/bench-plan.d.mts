export function rng(seed: number): () => number;
export interface Destroyed {
  address: string;
  type: string;
  action: 'delete' | 'replace';
}
export function planChunks(options: { style: 'pretty' | 'compact'; resources: number; destroyed?: Destroyed[] }): Generator<string>;
/** Writes the plan to `file` a part at a time. */
export function writePlan(file: string, options: { style: 'pretty' | 'compact'; resources: number; destroyed?: Destroyed[] }): void;
