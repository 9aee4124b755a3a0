// Conformance of the fake's REST exchanges to GitHub's OpenAPI description
// (@octokit/openapi, api.github.com, OpenAPI 3.0): the operation exists for
// the method and path, the query parameters are declared and fit, the JSON
// body fits requestBody, and the answer's status is documented and its body
// fits that status's schema. The spec is read once per process; each schema
// is compiled when first needed, and the components it reaches are added to
// Ajv one by one (converting OpenAPI's `nullable`), never all 13 MB at once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as formats from 'ajv-formats';

const SPEC_PATH = fileURLToPath(new URL('../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url));
/** Component refs become absolute ids, so a ref inside a component never resolves against that component's id. */
const ID_BASE = 'https://openapi.test/';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}

interface Operation {
  template: string;
  method: string;
  id: string;
  spec: Json;
  params: Parameter[];
}

interface Route {
  template: string;
  regex: RegExp;
  names: string[];
  literal: number;
  methods: Json;
}

interface Spec {
  doc: Json;
  /** "first-segment segment-count" → the templates that can match such a path. */
  routes: Map<string, Route[]>;
}

let loaded: Spec | undefined;
const ajv = new Ajv({ strict: false, validateSchema: false, logger: false, inlineRefs: false });
// ajv-formats is CommonJS: under NodeNext its default export sits one level down.
formats.default.default(ajv);
const added = new Set<string>();
const validators = new Map<string, ValidateFunction>();

function spec(): Spec {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
  patchKnownInaccuracies(doc);
  const routes = new Map<string, Route[]>();
  for (const [template, methods] of Object.entries(doc.paths as Record<string, Json>)) {
    const names: string[] = [];
    const segments = template.split('/');
    let greedy = false;
    const pattern = segments
      .map((segment, i) => {
        const m = /^\{(\w+)\}$/.exec(segment);
        if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1] ?? '');
        // A file path may be empty (the root) or have slashes; a branch name, or a git ref (heads/…), may have slashes when last.
        const slashed = i === segments.length - 1 && (m[1] === 'branch' || (m[1] === 'ref' && template.includes('/git/')));
        if (m[1] === 'path' || slashed) greedy = true;
        if (m[1] === 'path') return '(.*)';
        if (slashed) return '(.+)';
        return '([^/]+)';
      })
      .join('/');
    // Octokit expands an empty trailing {+path} to no segment at all (…/contents?ref=…): the same operation.
    const regex = new RegExp(`^${pattern.replace(/\/\(\.\*\)$/, '(?:/(.*))?')}$`);
    const route = { template, regex, names, literal: template.replace(/\{\w+\}/g, '').length, methods };
    // Indexed by first segment and segment count: a request tries a handful of templates, not 800.
    for (let count = greedy ? segments.length - 1 : segments.length; count <= (greedy ? 40 : segments.length); count += 1) {
      const key = `${segments[1] ?? ''} ${count}`;
      routes.set(key, [...(routes.get(key) ?? []), route]);
    }
  }
  loaded = { doc, routes };
  return loaded;
}

/**
 * Where the description is known to be wrong and GitHub's answers are what
 * the fake reproduces: a pull request from a deleted fork has `head.repo: null`
 * (github/rest-api-description#424, #1811); an issue event by a deleted
 * account has `actor: null`, as the description's own `issue-event` schema
 * (GET …/issues/events/{event_id}) says, unlike its per-kind schemas.
 */
function patchKnownInaccuracies(doc: Json): void {
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  for (const variant of (schemas['issue-event-for-issue']?.anyOf as Json[] | undefined) ?? []) {
    const props = schemas[String(variant.$ref).split('/').pop() ?? '']?.properties as Record<string, Json> | undefined;
    if (props?.actor) props.actor = { $ref: '#/components/schemas/nullable-simple-user' };
  }
  for (const name of ['pull-request', 'pull-request-simple']) {
    const head = (schemas[name]?.properties as Record<string, Json> | undefined)?.head;
    const props = head?.properties as Record<string, Json> | undefined;
    if (props?.repo) props.repo = { allOf: [props.repo], nullable: true };
  }
}

/** The value at a local JSON pointer ("#/components/…") of the spec. */
function at(pointer: string): Json {
  const value = pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec().doc);
  if (typeof value !== 'object' || value === null) throw new Error(`OpenAPI: nothing at ${pointer}`);
  return value as Json;
}

function deref<T>(node: T): T {
  const ref = (node as Json | undefined)?.$ref;
  return typeof ref === 'string' ? deref(at(ref) as T) : node;
}

/** An OpenAPI schema as JSON Schema for Ajv: refs to absolute ids (added on demand), `nullable` where Ajv cannot take it. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'example' || key === 'examples' || key === 'description') continue;
    out[key] = toJsonSchema(value);
  }
  if (typeof out.$ref === 'string' && out.$ref.startsWith('#/')) {
    const id = ID_BASE + out.$ref.slice(2);
    if (!added.has(id)) {
      added.add(id);
      ajv.addSchema(toJsonSchema(at(out.$ref)) as Json, id);
    }
    out.$ref = id;
  }
  if (out.nullable === true) {
    // Ajv takes `nullable` only beside `type`; an enum must then list null itself.
    if (out.type === undefined) {
      const { nullable: _, ...rest } = out;
      return { anyOf: [rest, { type: 'null' }] };
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

function validator(key: string, schema: () => unknown): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    // Operations share many schemas (per_page, owner, basic-error…): compile each text once.
    const json = toJsonSchema(schema()) as Json;
    const text = JSON.stringify(json);
    v = validators.get(text) ?? ajv.compile(json);
    validators.set(text, v);
    validators.set(key, v);
  }
  return v;
}

/** The operation answering `method` on `path` (a concrete /repos/… path), with its path parameters' values. */
export function findOperation(method: string, path: string): { operation: Operation; values: Record<string, string> } | undefined {
  const m = method.toLowerCase();
  let best: { route: Route; match: RegExpExecArray } | undefined;
  const segments = path.split('/');
  for (const route of spec().routes.get(`${segments[1] ?? ''} ${segments.length}`) ?? []) {
    if (!(m in route.methods)) continue;
    const match = route.regex.exec(path);
    if (match && (!best || route.literal > best.route.literal)) best = { route, match };
  }
  if (!best) return undefined;
  const { route, match } = best;
  const op = route.methods[m] as Json;
  const params = new Map<string, Parameter>();
  for (const p of [...((route.methods.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])]) {
    const param = deref(p) as unknown as Parameter;
    params.set(`${param.in} ${param.name}`, param);
  }
  const values = Object.fromEntries(route.names.map((name, i) => [name, safeDecode(match[i + 1] ?? '')]));
  return { operation: { template: route.template, method: m, id: String(op.operationId), spec: op, params: [...params.values()] }, values };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A query or path value as the type its schema declares (a query string carries only text). */
function coerce(value: string, schema: Json | undefined): unknown {
  const s = schema ? deref(schema) : undefined;
  if ((s?.type === 'integer' || s?.type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (s?.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (s?.type === 'array') return value.split(',');
  return value;
}

function explain(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'invalid';
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as Json).additionalProperty)})` : e.keyword === 'enum' ? ` (${JSON.stringify((e.params as Json).allowedValues)})` : '';
  return `${e.message ?? e.keyword}${extra} at ${e.instancePath || '/'}`;
}

/**
 * Error statuses GitHub answers on any operation although many operations do
 * not list them (bad credentials, no access, a missing resource, validation,
 * rate limits, outages): accepted undocumented, with GitHub's error body.
 */
const ANY_OPERATION = new Set([401, 403, 404, 422, 429, 500, 502, 503, 504]);

export interface Exchange {
  method: string;
  /** In /repos/{owner}/{repo}/… form, as requested otherwise (a trailing slash kept). */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON request body; undefined when there was none. */
  body: unknown;
  status: number;
  /** The parsed JSON answer; undefined when it was empty or not JSON. */
  response: unknown;
  /** Produced by an injected fault: its answer is wrong on purpose, so only the request is checked. */
  fault: boolean;
}

/** What in one exchange departs from GitHub's description, one line each. */
export function checkExchange(ex: Exchange): string[] {
  const where = `${ex.method} ${ex.path}`;
  const found = findOperation(ex.method, ex.path);
  if (!found) return [`${where}: no such operation in GitHub's OpenAPI description`];
  const { operation, values } = found;
  const problems: string[] = [];
  const label = `${where} (${operation.id})`;
  for (const param of operation.params) {
    const key = `${operation.template} ${operation.method} ${param.in} ${param.name}`;
    if (param.in === 'path') {
      const v = validator(key, () => param.schema ?? {});
      if (!v(coerce(values[param.name] ?? '', param.schema))) problems.push(`${label}: path parameter ${param.name}: ${explain(v.errors)}`);
    } else if (param.in === 'query') {
      const given = ex.query.getAll(param.name);
      if (given.length === 0 && param.required) problems.push(`${label}: required query parameter ${param.name} is missing`);
      const v = validator(key, () => param.schema ?? {});
      for (const value of given) if (!v(coerce(value, param.schema))) problems.push(`${label}: query parameter ${param.name}=${value}: ${explain(v.errors)}`);
    }
  }
  for (const name of new Set(ex.query.keys())) {
    if (!operation.params.some((p) => p.in === 'query' && p.name === name)) problems.push(`${label}: query parameter ${name} is not declared`);
  }
  const requestBody = operation.spec.requestBody ? deref(operation.spec.requestBody as Json) : undefined;
  const requestSchema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
  if (ex.body !== undefined && !requestSchema) problems.push(`${label}: sends a JSON body but the operation takes none`);
  if (ex.body === undefined && requestBody?.required === true) problems.push(`${label}: the request body is required`);
  if (ex.body !== undefined && requestSchema) {
    const v = validator(`${operation.template} ${operation.method} request`, () => requestSchema);
    if (!v(ex.body)) problems.push(`${label}: request body: ${explain(v.errors)}`);
  }
  if (!ex.fault) problems.push(...checkResponse(label, operation, ex));
  return problems;
}

function checkResponse(label: string, operation: Operation, ex: Exchange): string[] {
  const responses = operation.spec.responses as Record<string, Json>;
  const documented = responses[String(ex.status)] ?? responses.default;
  if (!documented && !ANY_OPERATION.has(ex.status)) return [`${label}: answers ${ex.status}, which is not documented (${Object.keys(responses).join(', ')})`];
  const content = documented ? (deref(documented).content as Record<string, Json> | undefined)?.['application/json']?.schema : undefined;
  // An error documented without content, or not documented, still carries GitHub's error body.
  const [key, schema] = content ? [`${operation.template} ${operation.method} ${ex.status}`, content] : ex.status >= 400 ? ['basic-error', { $ref: '#/components/schemas/basic-error' }] : ['', undefined];
  if (!schema) return ex.response === undefined ? [] : [`${label}: answers ${ex.status} with a JSON body where none is documented`];
  if (ex.response === undefined) return [];
  const v = validator(key, () => schema);
  return v(ex.response) ? [] : [`${label}: response ${ex.status}: ${explain(v.errors)}`];
}
