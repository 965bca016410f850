// ESLint flat config: typescript-eslint strict for server, contracts and web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import ownFunctionLines from './tools/eslint/own-function-lines.js';

export default tseslint.config(
  { ignores: ['node_modules', '**/dist', '.hearth', 'e2e/screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // structure (issue 9): small files and functions; import rules (cycles, module boundaries) are checked by
    // dependency-cruiser (.dependency-cruiser.cjs), which also sees type-only imports
    files: ['server/src/**/*.ts', 'contracts/src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'bench/**/*.ts'],
    plugins: { hearth: { rules: { 'own-function-lines': ownFunctionLines } } },
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'hearth/own-function-lines': ['error', { max: 80 }],
    },
  },
  {
    // web (issue 9): a feature reaches another only through its <feature>.public.ts; shared/ knows no feature
    files: ['web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./[a-z-]+/(?![a-z-]+\\.public\\.ts$)',
              message: 'Another feature is reached through its <feature>.public.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/app/**'],
              message: 'shared/ is used by features, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // tests may be long (tables of cases, one scenario per describe); data tables and generated files by name
    // and migrations: released ones are never edited, so their length is the schema's
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'e2e/**/*.ts',
      '**/*.data.ts',
      '**/*.generated.ts',
      '**/*.migration.ts',
      '**/*.migrations.ts',
    ],
    rules: { 'max-lines': 'off', 'hearth/own-function-lines': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
