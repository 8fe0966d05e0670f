import { describe, expect, it, vi } from 'vitest';

/*
 * The packaged app ships no node_modules: the CSL styles and locale must come from the bundle.
 * Every file read fails here, so formatting succeeds only without run-time lookups.
 */
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const refuse = (): never => {
    throw new Error('a file was read at run time');
  };
  return { ...real, default: { ...real, readFileSync: refuse, readdirSync: refuse }, readFileSync: refuse, readdirSync: refuse };
});

describe('written-report notes use the CSL styles and locale bundled with the app', () => {
  it('formats Chicago notes, author-date citations and a bibliography without reading any file', async () => {
    const { cslNoteFormatter } = await import('../../src/main/services/report/csl-notes');
    const source = { id: 's1', title: 'Mapping a Threat', authors: ['Doe, Jane'], outlet: 'Example Review', volume: '12', issue: '3', kind: 'journal-article' as const, date: { value: '2024-05', precision: 'month' as const }, language: 'en', reliability: 'B' as const, marking: 'TLP:CLEAR' as const };
    const doc = { sources: [source], events: [], actors: [] } as never;
    const notes = cslNoteFormatter(doc, 'chicago-fullnote-bibliography');
    expect(notes.inText).toBe(false);
    expect(notes.cite({ kind: 'sources', id: 's1', locator: '45' }, 1)).toBe('Jane Doe, “Mapping a Threat,” Example Review 12, no. 3 (May 2024): 45.');
    expect(notes.bibliography([{ kind: 'sources', id: 's1' }])).toEqual(['Doe, Jane. “Mapping a Threat.” Example Review 12, no. 3 (May 2024).']);
    const authorDate = cslNoteFormatter(doc, 'chicago-author-date');
    expect(authorDate.inText).toBe(true);
    expect(authorDate.cite({ kind: 'sources', id: 's1', locator: '45' }, 1)).toBe('(Doe 2024, 45)');
  });
});
