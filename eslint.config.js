// Type-aware lint: floating promises and import cycles are bugs in a gate.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** File names are kebab-case, like the rest of the repository. */
const kebabCaseFiles = {
  meta: { type: 'suggestion', schema: [] },
  create(context) {
    return {
      Program(node) {
        const name = context.filename.split(/[\\/]/).pop() ?? '';
        const stem = name.replace(/(\.d|\.test|\.config)?\.[cm]?[jt]s$/, '');
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(stem)) {
          context.report({ node, message: `File name "${name}" is not kebab-case.` });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX, local: { rules: { 'kebab-case-files': kebabCaseFiles } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'import-x/no-cycle': 'error',
      'local/kebab-case-files': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The test sequencer imports vitest/node, whose whole dependency graph no-cycle would walk, until it takes
    // the `node` package for a resolver and crashes. Nothing imports the config: it cannot be part of a cycle.
    files: ['vitest.config.ts'],
    rules: { 'import-x/no-cycle': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
