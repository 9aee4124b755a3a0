import type { Fact } from './facts.js';
import type { Guard } from './guards.js';
import type { Values } from './values.js';

/** What plangate knows about one resource type. */
export interface TypeEntry {
  /** What a reviewer stands to lose, in words; absent, it is guessed from the type's name. */
  noun?: string;
  /**
   * The guards the type carries. Each is checked on every type of its
   * format, as providers reuse the names: a type without an entry is guarded too.
   */
  guards?: readonly Guard[];
  /** What the replacement starts with, after "replaced: ". */
  replaced?: string;
  /** Data-at-risk lines, after the guards' own. */
  facts?: readonly Fact[];
  /** CloudFormation DeletionPolicy Delete: what it means for this type (undefined: no claim). */
  deleted?: Fact;
  /** CloudFormation: the DeletionPolicy it applies when the template sets none; Delete when absent. */
  defaultPolicy?: (after: Values | undefined) => string;
}
