// Built-in rule packs live in rules/*.yml as data; both the bundle (esbuild)
// and the tests (vitest) turn an import of one into its parsed value.
import { parse } from 'yaml';

export function yamlModule(text, file) {
  try {
    return `export default ${JSON.stringify(parse(text))};`;
  } catch (error) {
    throw new Error(`${file}: invalid YAML: ${error.message}`);
  }
}
