import { describe, expect, it } from 'vitest';
import { formatNotes } from '../../src/main/services/report/csl-notes';
import type { Source } from '../../src/shared/domain/source';
import type { BodyNode, CitedKind } from '../../src/shared/domain/written-report';
import { plainSource } from '../helpers/store';

const SOURCE: Source = {
  ...plainSource('source--sentinel', 'Mapping a Transnational Threat'),
  authors: ['Doe, Jane'],
  publisher: 'Example Sentinel',
  kind: 'journal-article',
  date: { value: '2024-05', precision: 'month' },
  url: 'https://example.org/article',
};

const cite = (recordId: string, locator: string | null = null, kind: CitedKind = 'sources'): BodyNode => ({ type: 'citation', attrs: { recordId, kind, locator, label: '' } });
const body: BodyNode = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'First claim.' }, cite('source--sentinel', '12')] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Again.' }, cite('source--sentinel'), cite('source--gone')] },
  ],
};
const doc = { sources: [SOURCE], events: [], actors: [] };
const get = (kind: CitedKind, id: string) => (kind === 'sources' ? doc.sources.find((s) => s.id === id) : undefined);

describe('notes are numbered in reading order and formatted by the CSL processor from the source record', () => {
  it('Chicago notes: the first note in full with its locator, the second shortened, a deleted record said to be missing', async () => {
    const notes = await formatNotes(doc, body, 'chicago-fullnote-bibliography', get);
    expect(notes.map((n) => n.n)).toEqual([1, 2, 3]);
    expect(notes[0]?.text).toBe('Jane Doe, “Mapping a Transnational Threat,” Example Sentinel, May 2024, 12, https://example.org/article.');
    expect(notes[1]?.text).toBe('Doe, “Mapping a Transnational Threat.”');
    expect(notes[2]).toMatchObject({ missing: true, recordId: 'source--gone' });
  });

  it('Chicago author-date: (Doe 2024, 12)', async () => {
    const notes = await formatNotes(doc, body, 'chicago-author-date', get);
    expect(notes[0]?.text).toBe('(Doe 2024, 12)');
  });
});
