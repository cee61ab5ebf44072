// The lint gate (`npm run lint`, which `npm test` runs first, and so CI): rules that catch real
// bugs, not a style or format check (nobody reformats files). Type-aware rules read the same
// tsconfig as `tsc -p .`. A rule turned off here, or on one line, says why.

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Code that runs inside a page: browser globals only (tsc also sees Node's types, so lint keeps them out). */
const BROWSER_CODE = ['**/browser/**/*.ts', 'harness/in-page/**/*.ts', 'harness/service/public/**/*.js'];

/** What the project never does (HELPER-RULES "Non-negotiable"): every request reaches a real server, and certificates are trusted, not bypassed. */
const NEVER = 'never fake the network or bypass certificate errors: every request reaches a real server (see fixtures/tls.ts for trust)';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'matrix-report/', 'test-results/', 'playwright-report/', 'blob-report/', 'bench-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection: an unhandled error, or a step that has not happened yet.
      '@typescript-eslint/no-floating-promises': 'error',
      // …but an async callback to addEventListener / an emitter's on() is the idiom here; each catches its own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'smart'],
      // `_name` marks a parameter a signature needs; `{ a, ...rest }` drops `a` on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An empty catch is this code base's "optional step; the next line handles its absence".
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Playwright fixtures must destructure their first argument, `{}` when they use no other fixture.
      'no-empty-pattern': 'off',
      'no-restricted-properties': [
        'error',
        { property: 'route', message: NEVER },
        { property: 'routeFromHAR', message: NEVER },
        { property: 'fulfill', message: NEVER },
        { property: 'setExtraHTTPHeaders', message: NEVER },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'Property[key.name=/^(extraHTTPHeaders|ignoreHTTPSErrors|acceptInsecureCerts)$/]', message: NEVER },
        { selector: 'Literal[value=/^(--disable-web-security|--ignore-certificate-errors)$/]', message: NEVER },
      ],
    },
  },
  {
    files: BROWSER_CODE,
    languageOptions: { globals: { ...globals.browser, ...Object.fromEntries(Object.keys(globals.node).filter((n) => !(n in globals.browser)).map((n) => [n, 'off'])) } },
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global'],
      // Bundled into the page by esbuild: only types may come from outside the browser folders.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', allowTypeImports: true, message: 'page code imports values only from its own folder (types from anywhere)' }] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  // This file names the forbidden flags in its selectors.
  { files: ['eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
);
