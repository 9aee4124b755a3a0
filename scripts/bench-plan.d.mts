export function rng(seed: number): () => number;
export function planChunks(options: { style: 'pretty' | 'compact'; resources: number }): Generator<string>;
