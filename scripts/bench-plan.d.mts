export interface Destroyed {
  address: string;
  type: string;
  action: 'delete' | 'replace';
}
export interface PlanOptions {
  style: 'pretty' | 'compact';
  resources: number;
  /** The number of the first resource: a multiple of the resources per module. */
  first?: number;
  destroyed?: Destroyed[];
}
export function planChunks(options: PlanOptions): Generator<string>;
/** Writes the plan to `file` a part at a time. */
export function writePlan(file: string, options: PlanOptions): void;
