import { InputError } from '../errors.js';
import aws from '../../rules/aws.yml';
import azure from '../../rules/azure.yml';
import cloudformation from '../../rules/cloudformation.yml';
import google from '../../rules/google.yml';
import kubernetes from '../../rules/kubernetes.yml';
import recommended from '../../rules/recommended.yml';
import type { Rule } from './types.js';
import { validatePack } from './validate.js';

/** Built-in packs, bundled from rules/*.yml. */
const PACKS: Readonly<Record<string, unknown>> = { recommended, aws, google, azure, cloudformation, kubernetes };

export const PACK_NAMES = Object.keys(PACKS);

/** Rules of the named packs and every pack they extend, each rule once. */
export function loadPacks(names: readonly string[], source = 'extends'): { rules: Rule[]; packs: string[] } {
  const rules: Rule[] = [];
  const packs: string[] = [];
  const visit = (name: string, trail: string[]): void => {
    if (packs.includes(name)) return;
    if (trail.includes(name)) throw new InputError(`rules/${name}.yml`, `extends itself through ${[...trail, name].join(' → ')}`);
    const raw = PACKS[name];
    if (raw === undefined) {
      throw new InputError(source, `unknown rule pack ${JSON.stringify(name)}; built-in packs are ${PACK_NAMES.join(', ')}`);
    }
    const pack = validatePack(raw, `rules/${name}.yml`);
    for (const parent of pack.extends) visit(parent, [...trail, name]);
    packs.push(name);
    for (const rule of pack.rules) rules.push({ ...rule, pack: name });
  };
  for (const name of names) visit(name, []);
  return { rules, packs };
}
