import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import sdl from '@microsoft/eslint-plugin-sdl';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  // Microsoft SDL's electron and common rule sets apply to the code that runs in Electron's processes.
  ...[...sdl.configs.electron, ...sdl.configs.common].map((config) => ({
    ...config,
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'src/renderer/**/*.{ts,tsx}'],
  })),
  // One clock (src/shared/clock.ts): app code and unit tests never read the wall clock directly,
  // so a test sets the time and no result depends on the day it runs.
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'tests/unit/**/*.{ts,tsx}'],
    ignores: ['src/shared/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from @shared/clock (nowMs), the one clock tests can set.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from @shared/clock (now), the one clock tests can set.' },
      ],
    },
  },
  // Layers (ARCHITECTURE.md): shared <- main, renderer, server; never the other way, never across.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'react', 'react-dom', 'react/*', 'dexie', 'dexie-*', '@mantine/*', 'zustand', 'zustand/*'],
              message: 'src/shared is pure TypeScript: no Electron, React, Dexie or UI code.',
            },
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'zlib', 'buffer', 'util'],
              message: 'src/shared runs in the renderer too: no Node-only modules.',
            },
            {
              group: ['@renderer/*', '**/renderer/**', '**/main/**', '**/preload/**', '**/server/**'],
              message: 'src/shared imports nothing from main, preload, renderer or server.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@renderer/*', '**/renderer/**', '**/server/**', '../../server/*'],
              message: 'Electron code never imports renderer or server code (share through src/shared).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@renderer/*', '**/src/renderer/**', '**/src/main/**', '**/src/preload/**', 'electron'],
              message: 'The server never imports app code (share through src/shared).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/preload/index*', '**/server/**', 'electron', 'node:*'],
              message: 'The renderer reaches main only through the bridge (src/renderer/src/bridge) and never imports server code.',
            },
          ],
        },
      ],
    },
  },
  // Screens are thin: they read through their feature's queries (live) and write only by calling a
  // command, which is where a rule such as "one vote per person per test" holds. So a component
  // never imports the store or touches a repository or table itself.
  {
    files: ['src/renderer/src/{features,app,components}/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/preload/index*', '**/server/**', 'electron', 'node:*'], message: 'The renderer reaches main only through the bridge.' },
            {
              group: ['**/db/repositories', '**/db/repositories/*', '**/db/database', '**/db/capture/*', 'dexie'],
              message: 'Screens read through queries and write through commands (features/<feature>/queries.ts, commands.ts).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='db']", message: 'Screens never touch tables: read through a query in features/<feature>/queries.ts.' },
        {
          selector: "CallExpression[callee.object.type='MemberExpression'][callee.object.object.name=/^(repos|r)$/]",
          message: 'Screens never call a repository: write through a command in features/<feature>/commands.ts.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from @shared/clock (nowMs), the one clock tests can set.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from @shared/clock (now), the one clock tests can set.' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Code that drives Chromium: its page.evaluate callbacks run in the browser.
  {
    files: ['bench/**/*.{mjs,ts}', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Layout is Prettier's (checked by `npm run lint`); ESLint's own layout rules would fight it.
  prettier,
);
