import type { ScalarTag, CollectionTag } from 'yaml';
import { InputError } from '../errors.js';
import { loadYaml, yamlProblem } from '../load-yaml.js';
import type { Dependencies } from './dependencies.js';
import { isObject } from '../json.js';
import { safeLine } from '../quote.js';
import { checkDepth, MAX_DEPTH } from './depth.js';

/** Intrinsic functions a template can write in YAML's short form (`!Ref X`, `!GetAtt X.Arn`). */
const INTRINSICS = [
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::If',
  'Fn::Not',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Transform',
  'Fn::ToJsonString',
  'Fn::Length',
];

/**
 * Dependencies between a template's resources: `DependsOn`, `Ref`,
 * `Fn::GetAtt` and `${X}` / `${X.Attr}` inside `Fn::Sub`. Node names are
 * logical ids, as in the change set. The template may be JSON or YAML.
 */
export async function templateDependencies(text: string, source: string): Promise<Dependencies> {
  const template = await parseTemplate(text, source);
  // collectReferences recurses once per level.
  checkDepth(template, source);
  if (!isObject(template) || !isObject(template.Resources)) {
    throw new InputError(source, 'not a CloudFormation template (no "Resources" mapping): pass the template the change set was created from');
  }
  const resources = template.Resources;
  const deps: Dependencies = new Map();
  for (const [id, resource] of Object.entries(resources)) {
    if (!isObject(resource)) continue;
    const targets = new Set<string>();
    const dependsOn = resource.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) if (typeof d === 'string') targets.add(d);
    collectReferences(resource.Properties, targets);
    collectReferences(resource.Metadata, targets);
    targets.delete(id);
    const known = [...targets].filter((t) => t in resources);
    if (known.length > 0) deps.set(id, new Set(known));
  }
  return deps;
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') into.add(inner);
    else if (key === 'Fn::GetAtt') {
      const target: unknown = typeof inner === 'string' ? inner.split('.')[0] : Array.isArray(inner) ? (inner as unknown[])[0] : undefined;
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const body: unknown = typeof inner === 'string' ? inner : Array.isArray(inner) ? (inner as unknown[])[0] : undefined;
      // ${Name} or ${Name.Attr}; ${!Literal} is an escape, not a reference.
      if (typeof body === 'string') for (const m of body.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) into.add(m[1] as string);
    }
    collectReferences(inner, into);
  }
}

async function parseTemplate(text: string, source: string): Promise<unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // V8 quotes the text around the error: input, so it is kept to one safe line.
      throw new InputError(source, `invalid JSON template: ${safeLine((error as Error).message.split('\n')[0] ?? '', 300)}`);
    }
  }
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { customTags: shortFormTags(), prettyErrors: true });
  // The YAML parser recurses once per level: a template nested thousands deep overflows it before checkDepth can say so.
  const tooDeep = new InputError(source, `nests lists and mappings deeper than ${MAX_DEPTH} levels, far deeper than any real template: pass the template the change set was created from`);
  if (doc.errors.some((e) => e.message.includes('Maximum call stack size exceeded'))) throw tooDeep;
  const problem = yamlProblem(doc, 'YAML template');
  if (problem) throw new InputError(source, safeLine(problem, 300));
  try {
    return doc.toJS() as unknown;
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep;
    throw error;
  }
}

/** `!Ref X` → { Ref: X }, `!GetAtt X.Y` → { "Fn::GetAtt": "X.Y" }, and the sequence and mapping forms. */
function shortFormTags(): Array<ScalarTag | CollectionTag> {
  return INTRINSICS.flatMap((name) => {
    const tag = `!${name.replace(/^Fn::/, '')}`;
    const wrap = (value: unknown) => ({ [name]: value });
    return [
      { tag, resolve: (value: string) => wrap(value) },
      { tag, collection: 'seq', resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()) } as unknown as CollectionTag,
      { tag, collection: 'map', resolve: (map: { toJSON(): unknown }) => wrap(map.toJSON()) } as unknown as CollectionTag,
    ];
  });
}
