#!/usr/bin/env node
/**
 * Bundles the Node side with esbuild (`npm run build:main`):
 *   src/main/hosts/electron.ts -> dist/electron/main.cjs     Electron main process (CJS)
 *   src/preload/index.ts       -> dist/electron/preload.cjs  sandboxed preload (CJS, only `electron` external)
 *   src/main/hosts/cli.ts      -> dist/cli/casefile.mjs     the `casefile` CLI (ESM), skipped while cli.ts is missing
 * Everything but `electron` is bundled, so the packaged app ships no node_modules.
 * `--outdir <dir>` writes under another folder than dist/ (the bundle smoke test uses it).
 */
import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const started = performance.now();
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 && process.argv[outdirFlag + 1] ? resolve(process.argv[outdirFlag + 1]) : resolve(root, 'dist');

/** Inlines the version both ways version.ts may read it. */
const versionDefine = {
  'process.env.CASEFILE_VERSION': JSON.stringify(pkg.version),
  'process.env["CASEFILE_VERSION"]': JSON.stringify(pkg.version),
};

// CJS has no import.meta. Sources that resolve files next to themselves (version.ts reads
// ../../package.json) get the bundle's own file URL instead; dist/electron/main.cjs sits two levels
// below the package root just as src/main/version.ts does, so those relative URLs still resolve.
const cjsImportMetaBanner = 'const __casefile_import_meta_url = require("node:url").pathToFileURL(__filename).href;';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const targets = [
  {
    name: 'electron main',
    entry: 'src/main/hosts/electron.ts',
    options: {
      ...common,
      outfile: join(outdir, 'electron/main.cjs'),
      format: 'cjs',
      external: ['electron'],
      define: { ...versionDefine, 'import.meta.url': '__casefile_import_meta_url' },
      banner: { js: cjsImportMetaBanner },
    },
    allowedExternal: (path) => path === 'electron' || path.startsWith('node:') || isBuiltin(path),
  },
  {
    name: 'preload',
    entry: 'src/preload/index.ts',
    options: {
      ...common,
      outfile: join(outdir, 'electron/preload.cjs'),
      format: 'cjs',
      // It carries the contract's schemas (zod) into every window; keep its parse time down.
      minify: true,
      external: ['electron'],
      define: versionDefine,
    },
    // A sandboxed preload can require('electron') and nothing else from Node.
    allowedExternal: (path) => path === 'electron',
  },
  {
    name: 'cli',
    entry: 'src/main/hosts/cli.ts',
    optional: true,
    options: {
      ...common,
      outfile: join(outdir, 'cli/casefile.mjs'),
      format: 'esm',
      define: versionDefine,
      // Bundled CommonJS dependencies call require(); give ESM output one.
      banner: { js: 'import { createRequire as __casefileCreateRequire } from "node:module"; const require = __casefileCreateRequire(import.meta.url);' },
    },
    allowedExternal: (path) => path.startsWith('node:') || isBuiltin(path),
  },
];

const builtins = new Set((await import('node:module')).builtinModules);
function isBuiltin(path) {
  return builtins.has(path) || builtins.has(path.replace(/^node:/, ''));
}

/** A path relative to the project when it is inside it. */
function shown(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

let failed = false;
for (const target of targets) {
  const entry = resolve(root, target.entry);
  if (!existsSync(entry)) {
    if (target.optional) {
      console.log(`build-main: skipped ${target.name} (${target.entry} does not exist yet)`);
      continue;
    }
    console.error(`build-main: ${target.entry} is missing.`);
    failed = true;
    continue;
  }
  const t0 = performance.now();
  try {
    const result = await build({ ...target.options, entryPoints: [entry] });
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
    const stray = outputs.flatMap(([, output]) => output.imports.filter((imp) => imp.external && !target.allowedExternal(imp.path)).map((imp) => imp.path));
    if (stray.length > 0) {
      console.error(`build-main: ${target.name} would require ${[...new Set(stray)].join(', ')} at run time; only bundled code may be loaded there.`);
      failed = true;
      continue;
    }
    const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
    console.log(`build-main: ${target.entry} -> ${shown(target.options.outfile)} (${(bytes / 1024).toFixed(0)} KiB, ${Math.round(performance.now() - t0)} ms)`);
  } catch (error) {
    // esbuild has already printed the located errors.
    console.error(`build-main: ${target.name} failed: ${error.message.split('\n')[0]}`);
    failed = true;
  }
}

// The report writer's SVG rasteriser is WebAssembly, the place list a prebuilt file
// (scripts/build-gazetteer.mjs), the export fonts TrueType files: all are loaded from beside each bundle.
if (!failed) {
  const wasm = resolve(root, 'node_modules/@resvg/resvg-wasm/index_bg.wasm');
  const fonts = resolve(root, 'assets/fonts');
  const gazetteer = resolve(root, 'assets/gazetteer.tsv.gz');
  for (const dir of ['electron', 'cli']) {
    if (!existsSync(join(outdir, dir))) continue;
    copyFileSync(wasm, join(outdir, dir, 'resvg.wasm'));
    copyFileSync(gazetteer, join(outdir, dir, 'gazetteer.tsv.gz'));
    // The export fonts (src/main/services/report/export-fonts.ts) and their licence.
    cpSync(fonts, join(outdir, dir, 'fonts'), { recursive: true });
  }
}

if (failed) process.exit(1);
console.log(`build-main: done in ${Math.round(performance.now() - started)} ms`);
