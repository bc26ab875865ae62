// Lint for the whole project (npm run lint, part of npm test). Besides the recommended rules,
// it enforces the layers of the architecture: only electron/app imports electron; shared/ is
// pure (no Node built-ins, nothing from electron/ or renderer/); the renderer reaches the core
// only through the typed contract; the core and the CLI never reach into the app or the page.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const layer = (message, patterns, paths = []) => ['error', { paths: paths.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': layer(
        'shared/ is pure TypeScript for every layer: no Node, no Electron, nothing from electron/ or renderer/.',
        ['**/electron/**', '**/renderer/**'],
        ['electron', ...nodeBuiltins],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two rules of hooks; the newer compiler-oriented rules would ask for a rewrite of
      // deliberate reset-on-change effects, with no behaviour to gain.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': layer(
        'The renderer reaches the core only through the typed contract (window.plw): no Node, no Electron, nothing from electron/.',
        ['**/electron/**'],
        ['electron', ...nodeBuiltins],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': layer(
        'The core and the CLI run in plain Node: only electron/app imports electron, and nothing here reaches into the app or the page.',
        ['**/electron/app/**', '**/app/**', '**/renderer/**'],
        ['electron'],
      ),
    },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: { 'no-restricted-imports': layer('The app never imports the page.', ['**/renderer/**']) },
  },
);
