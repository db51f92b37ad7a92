// Lint rules. The no-restricted-imports blocks keep data flowing one way:
// suite -> engine -> runner -> reporters; reporters never call the engine or the loader.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/reporters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/engine/**', '**/suite/**', '**/runner/**'] }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/checks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/reporters/**', '**/runner/**', '**/cli/**'] }],
    },
  },
  {
    files: ['src/suite/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/engine/**', '**/reporters/**', '**/runner/**'] }],
    },
  },
);
