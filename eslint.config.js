// Lint, and the direction of imports: the core knows no implementation
// (as in kysely), the pipeline knows engines and lakes only through their
// interfaces, and nothing below the CLI/API imports them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const implementations = [
  { group: ['**/engines/duckdb/*', '**/engines/spark/*', '**/engines/spark/**'], message: 'Use the Engine interface; open engines through engines/registry.ts.' },
  { group: ['**/lake/local/*', '**/lake/s3/*'], message: 'Use the Lake interface; open lakes through lake/open.ts.' },
  { group: ['**/serving/embedded*', '**/serving/mongo*'], message: 'Use the ServingStore interface; open stores through serving/open.ts.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'data/', 'web/dist/', 'dist/', '.tmp/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*/**', '../*'], message: 'src/core depends on nothing else in src.' }] }] },
  },
  {
    // Settings are read once, validated, in core/config.ts (README.md, "Configuration").
    files: ['src/**/*.ts'],
    ignores: ['src/core/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through core/config.ts (settings()).' }],
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value=/^(node:)?process$/] ImportSpecifier[imported.name='env']",
        message: 'Read settings through core/config.ts (settings()).',
      }],
    },
  },
  {
    files: ['src/pipeline/**/*.ts', 'src/models/**/*.ts', 'src/serving/**/*.ts', 'src/api/**/*.ts', 'src/tracking/**/*.ts', 'src/auth/**/*.ts'],
    ignores: ['src/serving/open.ts', 'src/serving/embedded*', 'src/serving/mongo*'],
    rules: { 'no-restricted-imports': ['error', { patterns: implementations }] },
  },
);
