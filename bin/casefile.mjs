#!/usr/bin/env node
// The installed `casefile` command: runs the bundled CLI (npm run build:main), or the
// TypeScript source through tsx in a development checkout.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundled = fileURLToPath(new URL('../dist/cli/casefile.mjs', import.meta.url));
if (existsSync(bundled)) {
  await import(pathToFileURL(bundled).href);
} else {
  const source = fileURLToPath(new URL('../src/main/hosts/cli.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
