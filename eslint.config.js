// Lint rules. The rule fgc/layers keeps data flowing one way between the folders of src/: each folder may
// import only the folders src/layers.json allows it (an allow-list, like Playwright's DEPS.list files).
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
const { $comment: _about, ...LAYERS } = JSON.parse(
  readFileSync(new URL('./src/layers.json', import.meta.url), 'utf8'),
);

/** The folder of src/ a path is in; '' for a file directly in src/, undefined outside src/. */
function folderOf(path) {
  const rel = relative(SRC, path);
  if (rel.startsWith('..') || rel === '') return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '';
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only the folders src/layers.json allows it.' },
    messages: {
      forbidden:
        'src/{{from}}/ may not import src/{{to}}/ (src/layers.json lists what each folder may import)',
      unlisted: 'src/{{from}}/ has no entry in src/layers.json: say what it may import',
      loose: 'files belong in a folder of src/, each with its entry in src/layers.json',
    },
    schema: [],
  },
  create(context) {
    const from = folderOf(context.filename);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = folderOf(resolve(dirname(context.filename), source));
      if (to === undefined || to === from) return;
      if (from === '') context.report({ node, messageId: 'loose' });
      else if (!(from in LAYERS)) context.report({ node, messageId: 'unlisted', data: { from } });
      else if (!LAYERS[from].includes(to))
        context.report({ node, messageId: 'forbidden', data: { from, to } });
    };
    return {
      Program(node) {
        if (from === '') context.report({ node, messageId: 'loose' });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

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
    files: ['src/**/*.ts'],
    plugins: { fgc: { rules: { layers: layersRule } } },
    rules: { 'fgc/layers': 'error' },
  },
);
