#!/usr/bin/env node
// The installed `casefile` command: runs the bundled CLI (npm run build:main), or the
// TypeScript source through tsx in a development checkout.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundled = fileURLToPath(new URL('../dist/cli/casefile.mjs', import.meta.url));
if (existsSync(bundled)) {
  await import(pathToFileURL(bundled).href);
} else {
  const source = fileURLToPath(new URL('../src/main/hosts/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Pass Ctrl-C and SIGTERM on and wait: the CLI stops at a safe point and says how it ended
  // (it counts a signal that also reached it from the terminal once).
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
