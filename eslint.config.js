// Lint enforces the runtime layering: src/shared is pure, the renderer never reaches Node or
// Electron, and only the Electron host and the preload may import 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'https', 'http2', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeImports = { group: ['node:*', ...NODE_BUILTINS], message: 'Node modules belong in src/main.' };
const electronImports = { group: ['electron', 'electron/*'], message: 'Only the Electron host and the preload import electron.' };
const mainImports = { group: ['**/main/**', '**/preload/**'], message: 'Reach main through src/renderer/ipc/client.ts only.' };
const rendererImports = { group: ['**/renderer/**', 'react', 'react-dom', '@blueprintjs/*', 'vis-timeline', 'vis-data'], message: 'src/shared must not depend on the UI.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render user text as text, never as markup.' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeImports, electronImports, mainImports, rendererImports] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeImports, electronImports, mainImports] }] },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/hosts/electron.ts', 'src/main/hosts/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImports, { group: ['**/renderer/**'], message: 'main never imports the UI.' }] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeImports, mainImports, { group: ['**/renderer/**'], message: 'The preload exposes the bridge only.' }] }] },
  },
);
