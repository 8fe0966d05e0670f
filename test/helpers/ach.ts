import { listLookup } from '../../src/shared/ach/lookup';
import { basisOf } from '../../src/shared/ach/resolve';
import type { AchCell, AchMatrix, AchRow, Rating } from '../../src/shared/domain/ach';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import type { Source } from '../../src/shared/domain/source';
import { newCase, plainEvent, plainSource } from './store';

/**
 * The worked example of docs/ach.md: three hypotheses, four rows. E1–E3 cite one event each,
 * whose one citation grades it (B2 High, C2 Medium, D2 Low); E4 is an assumption.
 */
export const EXAMPLE = {
  matrixId: 'matrix--example',
  h: ['hypothesis--h1', 'hypothesis--h2', 'hypothesis--h3'] as const,
  rows: ['row--e1', 'row--e2', 'row--e3', 'row--e4'] as const,
};

function source(id: string, reliability: Source['reliability']): Source {
  return { ...plainSource(id, `Source ${reliability}`), reliability };
}

function event(id: string, sourceId: string): Event {
  return plainEvent(id, `Event ${id}`, { marking: 'TLP:CLEAR', citations: [{ sourceId, credibility: 2 }] });
}

export function exampleMatrix(): AchMatrix {
  return {
    id: EXAMPLE.matrixId,
    title: 'Who is behind the attack?',
    hypotheses: EXAMPLE.h.map((id, i) => ({ id, statement: `Hypothesis ${i + 1}` })),
    marking: 'TLP:CLEAR',
  };
}

export function cells(values: ReadonlyArray<Rating | null>, by = 'analyst'): Record<string, AchCell> {
  const out: Record<string, AchCell> = {};
  values.forEach((value, i) => {
    if (value) out[EXAMPLE.h[i] as string] = { value, by };
  });
  return out;
}

export function exampleRow(i: number, fields: Partial<AchRow>): AchRow {
  return { id: EXAMPLE.rows[i] as string, matrixId: EXAMPLE.matrixId, title: `E${i + 1}`, kind: 'evidence', cites: [], relevance: 'medium', ratings: {}, position: i + 1, marking: 'TLP:CLEAR', ...fields };
}

export function exampleRows(): AchRow[] {
  return [
    exampleRow(0, { cites: [{ collection: 'events', id: 'event--e1' }], relevance: 'high', ratings: cells(['C', 'I', 'II']) }),
    exampleRow(1, { cites: [{ collection: 'events', id: 'event--e2' }], relevance: 'high', ratings: cells(['N', 'CC', 'I']) }),
    exampleRow(2, { cites: [{ collection: 'events', id: 'event--e3' }], relevance: 'medium', ratings: cells(['II', 'C', 'NA']) }),
    exampleRow(3, { kind: 'assumption', relevance: 'low', ratings: cells(['C', 'C', 'C']) }),
  ];
}

/** A case holding the example's sources and events, and (unless `rows` is false) the matrix and its rows. */
export function exampleCase(options: { rows?: boolean } = {}): CaseDocument {
  const doc = newCase('ACH example');
  doc.sources = [source('source--b', 'B'), source('source--c', 'C'), source('source--d', 'D')];
  doc.events = [event('event--e1', 'source--b'), event('event--e2', 'source--c'), event('event--e3', 'source--d')];
  if (options.rows !== false) {
    doc.matrices = [exampleMatrix()];
    // Rows as the app writes them: with the basis of the case they were rated in.
    const lookup = listLookup(doc);
    doc.matrixRows = exampleRows().map((row) => ({ ...row, basis: basisOf(row, lookup) }));
  }
  return doc;
}
