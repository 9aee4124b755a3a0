// Adversarial Terraform plans for the blast radius: thousands of protected
// resources (aws_db_instance, all deleted) that reference one another, shaped
// like `terraform show -json`. Used by the tests and by `npm run bench`.
//
//   chain: db_i references db_(i-1), so db_0 has every other one as a dependent
//   mesh:  db_i references `degree` earlier ones (a dense DAG: reach sets overlap)
//   cycle: db_i references `degree` others anywhere (one big strongly connected knot)
//   none:  no references, no prior_state or configuration (only many findings)
//   brackets: one deleted database whose prior_state depends_on is `count` "[" (the reader's key pattern)
//   fanout: `count` deleted databases each referencing a whole module that has `count` outputs
//
// Deterministic: the same options give the same bytes.

/**
 * The plan as one string; `planChunks` writes one too large for a string.
 * @param {{ shape: 'chain' | 'mesh' | 'cycle' | 'none' | 'brackets' | 'fanout', count: number, degree?: number, outputs?: number }} options
 * @returns {string}
 */
export function adversarialPlan(options) {
  return [...planChunks(options)].join('');
}

/**
 * @param {{ shape: 'chain' | 'mesh' | 'cycle' | 'none' | 'brackets' | 'fanout', count: number, degree?: number, outputs?: number }} options
 * @returns {Generator<string>}
 */
export function* planChunks({ shape, count, degree = 8, outputs = 3 }) {
  const random = rng(count * 31 + degree);
  const name = (i) => `aws_db_instance.db${i}`;
  const refsOf = (i) => {
    if (shape === 'none') return [];
    if (shape === 'chain') return i > 0 ? [i - 1] : [];
    const pool = shape === 'mesh' ? i : count;
    const picked = new Set();
    for (let k = 0; k < Math.min(degree, pool); k++) picked.add(Math.floor(random() * pool));
    picked.delete(i);
    return [...picked];
  };
  const refs = Array.from({ length: count }, (_, i) => refsOf(i));
  const common = (i) => ({ address: name(i), mode: 'managed', type: 'aws_db_instance', name: `db${i}`, provider_name: 'registry.terraform.io/hashicorp/aws' });
  const values = (i) => ({ identifier: `db-${i}`, allocated_storage: 20, skip_final_snapshot: true });
  const list = function* (key, item) {
    yield `${JSON.stringify(key)}:[`;
    for (let i = 0; i < count; i++) yield `${i > 0 ? ',' : ''}${JSON.stringify(item(i))}`;
    yield ']';
  };
  if (shape === 'brackets' || shape === 'fanout') {
    yield* readerShape(shape, count, common, values);
    return;
  }
  yield '{"format_version":"1.2","terraform_version":"1.9.8",';
  yield* list('resource_changes', (i) => ({ ...common(i), change: { actions: ['delete'], before: values(i), after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false } }));
  if (shape === 'none') {
    yield ',"timestamp":"2026-11-24T00:00:00Z","applyable":true,"complete":true,"errored":false}';
    return;
  }
  // Half the references in expressions, half only in prior_state depends_on: both are followed.
  yield ',"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{';
  yield* list('resources', (i) => ({ ...common(i), schema_version: 2, values: values(i), sensitive_values: {}, depends_on: refs[i].filter((_, k) => k % 2 === 1).map(name) }));
  yield '}}},"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{';
  yield* list('resources', (i) => {
    const { provider_name: _provider, ...resource } = common(i);
    const config = refs[i].filter((_, k) => k % 2 === 0);
    return { ...resource, provider_config_key: 'aws', expressions: { replicate_source_db: { references: config.flatMap((j) => [`${name(j)}.identifier`, name(j)]) } }, schema_version: 2 };
  });
  const outputBlocks = {};
  for (let o = 0; o < Math.min(outputs, count); o++) {
    const target = Math.floor((o + 1) * (count / (outputs + 1)));
    outputBlocks[`endpoint_${o}`] = { expression: { references: [`${name(target)}.endpoint`, name(target)] } };
  }
  yield `,"outputs":${JSON.stringify(outputBlocks)}}},"timestamp":"2026-11-24T00:00:00Z","applyable":true,"complete":true,"errored":false}`;
}

/** Shapes aimed at the plan reader rather than the blast radius. */
function* readerShape(shape, count, common, values) {
  const resources = shape === 'brackets' ? 1 : count;
  const change = (i) => ({ ...common(i), change: { actions: ['delete'], before: values(i), after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false } });
  yield `{"format_version":"1.2","terraform_version":"1.9.8","resource_changes":${JSON.stringify(Array.from({ length: resources }, (_, i) => change(i)))}`;
  if (shape === 'brackets') {
    const prior = { ...common(0), schema_version: 2, values: values(0), sensitive_values: {}, depends_on: ['['.repeat(count)] };
    yield `,"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"resources":[${JSON.stringify(prior)}]}}}`;
  } else {
    const outputs = {};
    for (let o = 0; o < count; o++) outputs[`o${o}`] = { expression: { constant_value: o } };
    const config = Array.from({ length: resources }, (_, i) => {
      const { provider_name: _provider, ...resource } = common(i);
      return { ...resource, provider_config_key: 'aws', expressions: { tags: { references: ['module.m'] } }, schema_version: 2 };
    });
    yield `,"configuration":{"root_module":{"resources":${JSON.stringify(config)},"module_calls":{"m":{"source":"./m","module":{"outputs":${JSON.stringify(outputs)}}}}}}`;
  }
  yield ',"timestamp":"2026-11-24T00:00:00Z","applyable":true,"complete":true,"errored":false}';
}

/** A small deterministic PRNG (mulberry32); the bench's plans use it too. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// node scripts/adversarial-plan.mjs SHAPE COUNT [DEGREE] > plan.json
if (import.meta.url === `file://${process.argv[1]}`) {
  const [shape, count, degree] = process.argv.slice(2);
  const { writeSync } = await import('node:fs');
  for (const chunk of planChunks({ shape, count: Number(count), degree: degree === undefined ? undefined : Number(degree) })) writeSync(1, chunk);
}
