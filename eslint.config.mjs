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
