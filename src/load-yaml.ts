import type * as YamlModule from 'yaml';

export type Yaml = typeof YamlModule;

/**
 * The YAML parser, loaded only when a YAML file is read: it is over half of
 * the bundle. Its bundled chunk exposes the CommonJS module as `default`.
 */
export async function loadYaml(): Promise<Yaml> {
  const mod = (await import('yaml')) as Yaml & { default?: Yaml };
  return mod.default ?? mod;
}

/** "invalid YAML at line 3 column 5: <the parser's first line>", or undefined when the document parsed. */
export function yamlProblem(doc: YamlModule.Document, what = 'YAML'): string | undefined {
  return yamlProblems(doc, what)[0];
}

/** Every parse error of the document, one line each, in file order. */
export function yamlProblems(doc: YamlModule.Document, what = 'YAML'): string[] {
  return doc.errors.map((problem) => {
    const at = problem.linePos?.[0];
    const message = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return `invalid ${what}${at ? ` at line ${at.line} column ${at.col}` : ''}: ${message}`;
  });
}
