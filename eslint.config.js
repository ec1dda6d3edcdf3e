import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { kefuPlugin } from './eslint-rules/core-boundary.js';

// ── The purity guard for src/core/** (non-test files) ──────────────────────────────────────────────
// The core is pure: no I/O, no environment, no wall clock, no randomness, no timers. A Clock and a
// Random (core/shared/random.ts) are passed in. This is enforced here, not by discipline; `test/lint/
// core-purity.test.ts` lints snippets through ESLint's Node API to prove each rule bites.
const CORE_FILES = ['src/core/**/*.ts'];
const CORE_TESTS = ['src/core/**/*.test.ts'];

// Node built-ins that do I/O, read the machine or the process, or schedule work. `node:crypto` too:
// randomness comes through the Random port (core/shared/random.ts), password hashing and token
// digests through the users' Secrets port (adapters/secrets.ts).
const IO_BUILTINS = /^(node:)?(fs|os|child_process|net|tls|dns|dgram|http|https|http2|worker_threads|cluster|timers|perf_hooks|process|readline|inspector|v8|vm)(\/.*)?$/;
const coreImportPatterns = [
  { regex: IO_BUILTINS.source, message: 'The core does no I/O and reads nothing from the machine: do it in an adapter and pass the result in.' },
  { regex: '^(node:)?crypto$', message: 'The core takes randomness (the Random port, core/shared/random.ts) and hashing (ports such as core/users Secrets) from its caller.' },
  { regex: '^(kysely|fastify|@fastify/.*|better-sqlite3|pg|pg-.*|exceljs|commander)$', message: 'Storage, HTTP and CLI libraries belong in src/adapters/.' },
];
const coreRules = {
  'kefu/core-stays-in-core': 'error',
  'no-restricted-imports': ['error', { patterns: coreImportPatterns }],
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'Pass a Clock into the core.' },
    { object: 'Math', property: 'random', message: 'Randomness is passed into the core, not drawn in it.' },
    { object: 'performance', property: 'now', message: 'Pass a Clock into the core.' },
    { object: 'crypto', property: 'randomUUID', message: 'Randomness is passed into the core, not drawn in it.' },
    { object: 'crypto', property: 'getRandomValues', message: 'Randomness is passed into the core, not drawn in it.' }],
  // `process` covers process.env, process.hrtime, process.cwd …: configuration is read in src/config.ts only.
  'no-restricted-globals': ['error',
    { name: 'process', message: 'The core never reads the process: configuration comes from src/config.ts, time from a Clock.' },
    { name: 'setTimeout', message: 'The core schedules nothing: durable timers live in adapters/jobs.' },
    { name: 'setInterval', message: 'The core schedules nothing: durable timers live in adapters/jobs.' },
    { name: 'setImmediate', message: 'The core schedules nothing: durable timers live in adapters/jobs.' }],
  'no-restricted-syntax': ['error',
    // new Date(x) formats a given instant and is fine; new Date() and Date() read the wall clock.
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock: pass a Clock into the core (new Date(ms) is fine).' },
    { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the wall clock: pass a Clock into the core.' }],
};

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'data-demo', 'coverage', 'docs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: CORE_FILES,
    ignores: CORE_TESTS,
    plugins: { kefu: kefuPlugin },
    // An inline `eslint-disable` cannot switch the guard off in the core.
    linterOptions: { noInlineConfig: true },
    rules: coreRules,
  },
  {
    // ── The web and the server share one contract (src/contract/*), and only its types ───────────────
    // The web takes the server's shapes with `import type … from '@contract/…'` (drift is a type error,
    // test/contract/web-contract-drift.test.ts) and its rules and figures from the API, never by importing
    // server code: a value import would put server code in the browser bundle and a second copy of a rule.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['@contract/*'], allowTypeImports: true, message: 'Only types come from the contract: import type { … } from "@contract/…".' },
          { regex: '(^|/)src/(core|adapters|contract|config|app|types)(/|\\.|$)', message: 'The web imports nothing from the server\'s src/: types via import type from "@contract/…", rules and figures from the API.' },
        ],
      }],
    },
  },
  {
    // ── shared/: pure run-time code both the server and the web run (the export rules) ────────────────
    // It must run in a browser and in Node alike: no node:* module, nothing from src/ or web/, and only
    // types from libraries each side loads itself.
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^node:|^(fs|os|path|stream|events|crypto|child_process|worker_threads|url|util)$', message: 'shared/ runs in the browser too: no Node modules.' },
          { regex: '(^|/)(src|web)(/|$)', message: 'shared/ stands below both sides: it imports nothing from src/ or web/.' },
          { group: ['exceljs'], allowTypeImports: true, message: 'Only types from exceljs: each side loads the library itself (the web on the export click).' },
        ],
      }],
    },
  },
  {
    // ── wasm/: AssemblyScript (scripts/build-wasm.ts compiles it). Its integers are 64-bit where it
    // says u64, so a literal past 2^53 is exact there, not a loss of precision.
    files: ['wasm/**/*.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    files: ['bin/**/*.js', 'src/adapters/bundled-sources.js', 'scripts/**/*.{js,mjs}', 'bench/**/*.mjs', 'eslint-rules/**/*.js', 'test/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
);
