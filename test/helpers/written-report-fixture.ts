import type { CaseDocument } from '../../src/shared/domain/case';
import type { Source } from '../../src/shared/domain/source';
import type { BodyNode, WrittenReport } from '../../src/shared/domain/written-report';
import { plainSource } from './records';

/** Strings that exist only in TLP:AMBER material: none may appear in an export at TLP:GREEN. */
export const AMBER_STRINGS = ['Kestrel liaison readout', 'cell relocated to the northern valley', 'Roe, Richard', 'Quillfeather', 'Sandpiper Bulletin'];
export const GREEN_STRINGS = ['Open reporting on the valley', 'The group claimed fewer attacks', 'د ولايت خبرې'];

export const GREEN_SOURCE: Source = { ...plainSource('source--open', 'Open reporting on the valley'), authors: ['Doe, Jane'], outlet: 'Example Daily', kind: 'news-report', date: { value: '2023-04-02', precision: 'day' }, marking: 'TLP:GREEN' };
export const AMBER_SOURCE: Source = { ...plainSource('source--liaison', 'Kestrel liaison readout'), authors: ['Roe, Richard'], outlet: 'Sandpiper Bulletin', kind: 'field-report', date: { value: '2023-05-09', precision: 'day' }, marking: 'TLP:AMBER' };

const text = (t: string): BodyNode => ({ type: 'text', text: t });
const cite = (s: Source, locator: string | null = null): BodyNode => ({ type: 'citation', attrs: { recordId: s.id, kind: 'sources', locator, label: s.title } });

/** A GREEN report with one AMBER paragraph and a GREEN paragraph that cites an AMBER source. */
export function markedReport(id = 'report--valley', rtl = true): WrittenReport {
  return {
    id,
    title: rtl ? 'Valley assessment' : 'Valley assessment, Latin only',
    subtitle: 'Attacks and losses',
    authors: ['A. Analyst'],
    date: '2026-03-01',
    marking: 'TLP:GREEN',
    status: 'draft',
    citationStyle: 'chicago-fullnote-bibliography',
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [text('Findings')] },
        { type: 'paragraph', content: [text('The group claimed fewer attacks in 2023.'), cite(GREEN_SOURCE, '4')] },
        { type: 'paragraph', attrs: { marking: 'TLP:AMBER' }, content: [text('A source says the cell relocated to the northern valley under Quillfeather.'), cite(AMBER_SOURCE)] },
        { type: 'paragraph', content: [text('Losses rose as well.'), cite(AMBER_SOURCE, '2'), cite(GREEN_SOURCE)] },
        ...(rtl ? [{ type: 'paragraph' as const, attrs: { dir: 'rtl' }, content: [text('د ولايت خبرې')] }] : []),
      ],
    },
  };
}

/**
 * `doc` with the two sources and the marked report added, and a copy without Arabic script:
 * pdf-parse reads no regular Latin text from a PDF that also embeds the Arabic face, so PDF
 * checks use the copy (else a leak check there would pass on a PDF it could not read).
 */
export function withMarkedReport(doc: CaseDocument): CaseDocument {
  return { ...doc, sources: [...doc.sources, GREEN_SOURCE, AMBER_SOURCE], reports: [...doc.reports, markedReport(), markedReport('report--latin', false)] };
}
