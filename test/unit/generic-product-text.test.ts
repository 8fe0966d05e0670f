import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAllCharts, DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';

/*
 * Issue 18, point 7: no words from one case in the product. The demo case (src/main/demo) may
 * speak of its group and region; the text the product shows for every case (the renderer, shared
 * code and the command line) must not. Comments are left out: they explain, they are not shown.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src/renderer', 'src/shared', 'src/main/cli', 'src/main/hosts', 'src/main/ipc'];
const SKIPPED = ['src/main/demo', 'src/shared/analytics/boundaries'];

/** Words of the demo case (its group, region, places and sample coordinates). */
const CASE_WORDS = [
  'ISK', 'ISKP', 'Khorasan', 'Khurasan', 'Daesh-K', 'Afghanistan', 'Afghan', 'Pakistan', 'Taliban', 'TTP', 'Nangarhar', 'Kabul',
  'Jalalabad', 'Peshawar', 'Khyber', 'Bajaur', 'Kerman', 'Crocus', 'Amaq', 'AF, PK', '34.52', '69.18', 'internal/external',
];

/** Case words allowed where they are an identifier no one reads: the stored id of the bundled province map's scope. */
const ALLOWED: Record<string, RegExp> = {
  'src/shared/analytics/map-model.ts': /'af-pk'/g,
  'src/shared/report/template.ts': /'af-pk'/g,
};

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIPPED.some((s) => path.startsWith(join(ROOT, s)))) continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(tsx?|mjs|html)$/.test(name)) yield path;
  }
}

/** The file's code without its comments (block, line and JSX comments). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERN = new RegExp(`(?<![\\w-])(${CASE_WORDS.map(escape).join('|')})(?![\\w-]|\\.\\d)`, 'g');

/** Every case word in the product's files, as "file: word". */
function caseWordsInProduct(): string[] {
  const found: string[] = [];
  for (const dir of SCANNED) {
    for (const path of files(join(ROOT, dir))) {
      const name = relative(ROOT, path);
      const code = withoutComments(readFileSync(path, 'utf8')).replace(ALLOWED[name] ?? /$^/, '');
      for (const match of code.matchAll(PATTERN)) found.push(`${name}: ${match[1]}`);
    }
  }
  return found;
}

describe('the product speaks of no one case', () => {
  // "Counter-operation" is a category of every case; the demo's choice of it is not a default.
  it('starts the preset charts on categories every case has, not on the demo case’s', () => {
    const titles = computeAllCharts([], [], DEFAULT_CHART_SETTINGS).map((c) => c.title).join(' | ');
    expect(titles).not.toMatch(/counter-operation|internal and external/i);
  });

  it('shows no word of the demo case in hints, placeholders, titles, defaults or command-line help', () => {
    expect(caseWordsInProduct()).toEqual([]);
  });

  it('finds such a word when one is there (the scan can fail)', () => {
    expect(`placeholder="e.g. ISKP, Daesh-K"`.match(PATTERN)).toEqual(['ISKP', 'Daesh-K']);
    expect(`helperText="ISO codes: AF, PK, TJ"`.match(PATTERN)).toEqual(['AF, PK']);
    expect(`lat: '34.52'`.match(PATTERN)).toEqual(['34.52']);
    expect(`'Islamic State Khorasan Province'`.match(PATTERN)).toEqual(['Khorasan']);
    expect(withoutComments('const a = 1; // Kabul is an example\n/* Khorasan */')).not.toMatch(PATTERN);
  });
});
