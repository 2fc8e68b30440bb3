import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Bare built-in names go in `paths` (exact module names), so `../contract/http` stays allowed. */
const nodeBuiltinNames = ['fs', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'events', 'stream', 'url', 'util'];
const nodeBuiltins = ['node:*'];

/** Import rules that keep the layers honest (see DESIGN.md §2). */
const boundary = (patterns, message, { builtins = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: builtins ? nodeBuiltinNames.map((name) => ({ name, message })) : [],
      patterns: [{ group: patterns, message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary([...nodeBuiltins, 'electron', 'electron/*', 'react', 'react-dom', '**/electron/**', '**/renderer/**'], 'shared/ is pure: no Node, Electron, React or DOM, and no app layers.', { builtins: true }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: boundary(['electron', 'electron/*', '**/main/**', '**/preload/**', '**/server/**', '**/renderer/**'], 'electron/core is plain Node: it never imports Electron or the adapters above it.'),
  },
  {
    files: ['electron/server/**/*.ts'],
    rules: boundary(['electron', 'electron/*', '**/main/**', '**/preload/**', '**/renderer/**'], 'electron/server is headless: it never imports Electron.'),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary([...nodeBuiltins, 'electron', 'electron/*', '**/electron/**'], 'renderer/ runs in a browser: no Node, no Electron, no main-process code; talk to a Bridge.', { builtins: true }),
    },
  },
);
