// GraphQL: graphql-js executes every document on GitHub's own schema
// (@octokit/graphql-schema) with the resolvers of ./graphql-root.ts, and the
// answer takes GitHub's shapes: HTTP 200 always; validation errors (with
// graphql-ruby's extensions.code and path) without data; resolver errors
// (FieldError: NOT_FOUND, EXCESSIVE_PAGINATION, …) with a null field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  executeSync,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { isRecord } from './context.js';
import { buildRoot, FieldError } from './graphql-root.js';
import type { GitHubState } from './types.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../node_modules/@octokit/graphql-schema/schema.graphql', import.meta.url));

let schema: GraphQLSchema | undefined;

/** GitHub's schema, built once per process. Its SDL defines two fields twice, which graphql-js would refuse. */
export function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(SCHEMA_PATH, 'utf8'), { assumeValidSDL: true });
  return schema;
}

interface GqlError {
  message: string;
  type?: string;
  path?: ReadonlyArray<string | number>;
  locations?: readonly SourceLocation[];
  extensions?: Record<string, unknown>;
}

/** graphql-ruby's codes for graphql-js's validation rules. */
const RULE_CODES: Record<string, string> = {
  ExecutableDefinitionsRule: 'queryContainsSchemaDefinitions',
  UniqueOperationNamesRule: 'uniquelyNamedOperations',
  LoneAnonymousOperationRule: 'uniquelyNamedOperations',
  KnownTypeNamesRule: 'undefinedType',
  FragmentsOnCompositeTypesRule: 'fragmentOnNonCompositeType',
  VariablesAreInputTypesRule: 'variableRequiresValidType',
  ScalarLeafsRule: 'selectionMismatch',
  FieldsOnCorrectTypeRule: 'undefinedField',
  UniqueFragmentNamesRule: 'fragmentNotUnique',
  KnownFragmentNamesRule: 'useAndDefineFragment',
  NoUnusedFragmentsRule: 'useAndDefineFragment',
  PossibleFragmentSpreadsRule: 'cannotSpreadFragment',
  NoFragmentCyclesRule: 'infiniteLoop',
  UniqueVariableNamesRule: 'variableNotUnique',
  NoUndefinedVariablesRule: 'variableNotDefined',
  NoUnusedVariablesRule: 'variableNotUsed',
  KnownDirectivesRule: 'undefinedDirective',
  UniqueDirectivesPerLocationRule: 'directiveNotUniqueForLocation',
  KnownArgumentNamesRule: 'argumentNotAccepted',
  UniqueArgumentNamesRule: 'argumentNotUnique',
  ValuesOfCorrectTypeRule: 'argumentLiteralsIncompatible',
  ProvidedRequiredArgumentsRule: 'missingRequiredArguments',
  VariablesInAllowedPositionRule: 'variableMismatch',
  OverlappingFieldsCanBeMergedRule: 'fieldConflict',
  UniqueInputFieldNamesRule: 'inputFieldNotUnique',
};

/** Where a node sits, as graphql-ruby reports it: the operation ("query Name"), then field names. */
function nodePaths(document: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[] = [];
  const push = (node: ASTNode, label: string): void => {
    stack.push(label);
    paths.set(node, [...stack]);
  };
  visit(document, {
    OperationDefinition: { enter: (n) => push(n, n.name ? `${n.operation} ${n.name.value}` : n.operation), leave: () => void stack.pop() },
    FragmentDefinition: { enter: (n) => push(n, `fragment ${n.name.value}`), leave: () => void stack.pop() },
    InlineFragment: { enter: (n) => push(n, n.typeCondition ? `... on ${n.typeCondition.name.value}` : '...'), leave: () => void stack.pop() },
    Field: { enter: (n) => push(n, n.name.value), leave: () => void stack.pop() },
    enter: (n) => {
      if (!paths.has(n)) paths.set(n, [...stack]);
    },
  });
  return paths;
}

/** GitHub words this one error its own way; graphql-js's text is kept for the others. */
function rubyMessage(code: string, error: GraphQLError): string {
  const m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (code === 'undefinedField' && m) return `Field '${m[1] ?? ''}' doesn't exist on type '${m[2] ?? ''}'`;
  return error.message;
}

interface Prepared {
  document?: DocumentNode;
  errors: GqlError[];
}

// The action sends the same few documents over and over: parse and validate each text once.
const prepared = new Map<string, Prepared>();

function prepare(query: string): Prepared {
  const cached = prepared.get(query);
  if (cached) return cached;
  let result: Prepared;
  try {
    const document = parse(query);
    const errors: GqlError[] = [];
    if (validate(githubSchema(), document).length > 0) {
      // Rule by rule, only for invalid documents, to know each error's code.
      const paths = nodePaths(document);
      for (const rule of specifiedRules) {
        const code = RULE_CODES[rule.name] ?? rule.name;
        for (const error of validate(githubSchema(), document, [rule])) {
          const node = error.nodes?.[0];
          errors.push({ path: (node && paths.get(node)) ?? [], extensions: { code }, locations: error.locations, message: rubyMessage(code, error) });
        }
      }
    }
    result = { document, errors };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    result = { errors: [{ message: error.message, locations: error.locations }] };
  }
  prepared.set(query, result);
  return result;
}

/** The departures of a request's document from the schema, without running it (a request that meets a fault). */
export function checkDocument(request: unknown): string[] {
  const query = isRecord(request) ? request.query : undefined;
  if (typeof query !== 'string') return ['POST /graphql: no query string'];
  return prepare(query).errors.map((e) => `POST /graphql: invalid document: ${e.message} (at ${(e.path ?? []).join('.')})`);
}

export interface GraphQLAnswer {
  body: Record<string, unknown>;
  /** Departures from the schema: an invalid document, or a field the fake cannot answer. */
  violations: string[];
}

/** Answers one POST /graphql body. */
export function executeGraphQL(state: GitHubState, request: unknown, rateUsed: number, rateReset: number): GraphQLAnswer {
  const { query, variables, operationName } = isRecord(request) ? request : {};
  if (typeof query !== 'string') return { body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }, violations: ['POST /graphql: no query string'] };
  const { document, errors } = prepare(query);
  if (!document || errors.length > 0) {
    return { body: { errors }, violations: checkDocument(request) };
  }
  const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
  if (!operation) return { body: { errors: [{ message: 'An operation name is required' }] }, violations: ['POST /graphql: no operation to run'] };
  const given = isRecord(variables) ? variables : {};
  const coerced = getVariableValues(githubSchema(), operation.variableDefinitions ?? [], given);
  if (coerced.errors) {
    const failures = coerced.errors.map((error) => variableError(error, given));
    return { body: { errors: failures }, violations: failures.map((e) => `POST /graphql: ${e.message}`) };
  }
  const missing = new Set<string>();
  const result = executeSync({
    schema: githubSchema(),
    document,
    rootValue: operation.operation === OperationTypeNode.QUERY ? buildRoot(state, rateUsed, rateReset) : {},
    variableValues: given,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    fieldResolver: resolveField(missing),
  });
  const violations = [...missing].map((field) => `POST /graphql: the fake has no value for ${field} (answered null)`);
  const resolverErrors: GqlError[] = [];
  for (const error of result.errors ?? []) {
    const cause = error.originalError;
    if (cause instanceof FieldError) {
      resolverErrors.push({ type: cause.type, path: error.path, locations: error.locations, message: cause.message });
    } else if (cause && !(cause instanceof GraphQLError)) {
      throw cause; // a bug in the fake: answered 500
    } else {
      resolverErrors.push({ path: error.path, locations: error.locations, message: error.message });
      violations.push(`POST /graphql: ${error.message} (at ${(error.path ?? []).join('.')})`);
    }
  }
  const body = resolverErrors.length > 0 ? { data: result.data ?? null, errors: resolverErrors } : { data: result.data ?? null };
  return { body, violations };
}

/** graphql-js's default resolver (a function-valued property is called with the arguments), noting fields the fake lacks. */
function resolveField(missing: Set<string>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, _context, info) => {
    if (isRecord(source) && info.fieldName in source) {
      const value = source[info.fieldName];
      return typeof value === 'function' ? (value as (a: Record<string, unknown>) => unknown)(args as Record<string, unknown>) : value;
    }
    missing.add(`${info.parentType.name}.${info.fieldName}`);
    return null;
  };
}

/** GitHub's shape for a variable that does not fit its declared type. */
function variableError(error: GraphQLError, given: Record<string, unknown>): GqlError {
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return { message: error.message, locations: error.locations };
  const name = node.variable.name.value;
  const value = given[name] ?? null;
  const explanation = value === null ? 'Expected value to not be null' : (error.message.split('; ')[1] ?? error.message);
  return {
    extensions: { value, problems: [{ path: [], explanation }] },
    locations: error.locations,
    message: `Variable $${name} of type ${print(node.type)} was provided invalid value`,
  };
}
