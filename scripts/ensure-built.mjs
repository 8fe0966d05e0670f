#!/usr/bin/env node
/**
 * Builds what is missing or stale, and nothing else (used by `npm start` and `npm run start:browser`):
 *   renderer  dist/renderer/index.html                        <- vite build --config vite.config.ts
 *   main      dist/electron/main.cjs, dist/electron/preload.cjs <- node scripts/build-main.mjs
 * A build is stale when its output is older than the newest file under src/ or than its own
 * build configuration. `--force` rebuilds both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');

/** Newest modification time among the given files and everything under the given folders. */
function newestMtime(paths) {
  let newest = { time: 0, file: null };
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        visit(join(path, entry));
      }
    } else if (stat.mtimeMs > newest.time) {
      newest = { time: stat.mtimeMs, file: path };
    }
  };
  for (const path of paths) visit(resolve(root, path));
  return newest;
}

/** Oldest output, or null when one is missing. */
function oldestOutput(outputs) {
  let oldest = Infinity;
  for (const output of outputs) {
    const path = resolve(root, output);
    if (!existsSync(path)) return null;
    oldest = Math.min(oldest, statSync(path).mtimeMs);
  }
  return oldest;
}

function run(label, args) {
  console.log(`ensure-built: ${label}: node ${args.map((a) => relative(root, a) || a).join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`ensure-built: the ${label} build failed (exit ${result.status ?? result.signal}). Fix the errors above, then run the command again.`);
    process.exit(result.status || 1);
  }
}

const targets = [
  {
    name: 'renderer',
    outputs: ['dist/renderer/index.html'],
    inputs: ['src', 'vite.config.ts', 'package.json'],
    build() {
      if (!existsSync(resolve(root, 'vite.config.ts'))) {
        console.error('ensure-built: cannot build the renderer: vite.config.ts is missing.');
        process.exit(1);
      }
      run('renderer', [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
    },
  },
  {
    name: 'main bundles',
    outputs: ['dist/electron/main.cjs', 'dist/electron/preload.cjs', ...(existsSync(resolve(root, 'src/main/hosts/cli.ts')) ? ['dist/cli/casefile.mjs'] : [])],
    inputs: ['src', 'scripts/build-main.mjs', 'package.json'],
    build() {
      run('main bundles', [resolve(root, 'scripts/build-main.mjs')]);
    },
  },
];

for (const target of targets) {
  const built = oldestOutput(target.outputs);
  const newest = newestMtime(target.inputs);
  let reason = null;
  if (force) reason = 'rebuild forced';
  else if (built === null) reason = 'not built yet';
  else if (newest.time > built) reason = `${relative(root, newest.file)} changed since the last build`;
  if (!reason) {
    console.log(`ensure-built: ${target.name}: up to date`);
    continue;
  }
  console.log(`ensure-built: ${target.name}: building (${reason})`);
  target.build();
}
