import { rowsOf, type AchMatrix, type AchRow, type CitableCollection } from '../domain/ach';
import type { Event } from '../domain/event';
import { isWithinMarking, markingRank, type Marking } from '../domain/marking';
import type { Relationship } from '../domain/relationship';
import { withoutPointers } from '../exchange/cut';
import { cutRow } from './cut-row';
import type { AchLookup, CitableRecords } from './lookup';
import { resolveRow, type RowStatus } from './resolve';
import { scoreMatrix, scoringInput, type MatrixScores } from './score';
import { sensitivity, type SensitiveRow } from './sensitivity';

/** A matrix as a product shows it: its rows, their weights, every score, the lead and what it rests on. */
export interface MatrixView {
  matrix: AchMatrix;
  /** In row order. */
  rows: Array<{ row: AchRow; status: RowStatus }>;
  scores: MatrixScores;
  sensitivity: SensitiveRow[];
  /** Rows of the matrix above the cap, left out (scores are computed without them). */
  withheld: number;
  /** The marking the product is cut at; null: the whole matrix, as the analyst sees it. */
  cap: Marking | null;
  /** The most restrictive marking among the matrix, its rows shown and the records they cite. */
  marking: Marking;
}

/** Scores a matrix whose rows are resolved. */
export function viewOf(matrix: AchMatrix, rows: Array<{ row: AchRow; status: RowStatus }>, withheld = 0, cap: Marking | null = null): MatrixView {
  const weights = new Map(rows.map(({ row, status }) => [row.id, status.weight]));
  const input = scoringInput(matrix, rows.map((r) => r.row), (row) => weights.get(row.id) ?? 0);
  const scores = scoreMatrix(input);
  let marking = matrix.marking;
  const raise = (m: Marking | null) => {
    if (m && markingRank(m) > markingRank(marking)) marking = m;
  };
  for (const { row, status } of rows) {
    raise(row.marking);
    status.cites.forEach((c) => raise(c.marking));
    status.support.forEach((s) => raise(s.marking));
  }
  return { matrix, rows, scores, sensitivity: sensitivity(input, scores), withheld, cap, marking };
}

/**
 * One matrix for a product capped at `cap` (a report, CSV, XLSX, an image, the CLI's
 * --max-marking); null when the matrix itself is above it. Rows above the cap stay out and the
 * scores are computed without them; a row leaves without cites of withheld records, and its
 * proposed credibility is worked out only from sources within the cap, so nothing in the product
 * (not even a weight) rests on what it does not show. `cap` null: the whole matrix, as the analyst sees it.
 */
export function matrixAt(matrix: AchMatrix, allRows: readonly AchRow[], lookup: AchLookup, cap: Marking | null): MatrixView | null {
  const rows = rowsOf(allRows, matrix.id);
  if (cap === null) return viewOf(matrix, rows.map((row) => ({ row, status: resolveRow(row, lookup) })));
  if (!isWithinMarking(matrix.marking, cap)) return null;
  const visible = lookupAt(lookup, cap);
  const shown = rows.filter((r) => isWithinMarking(r.marking, cap));
  const claimKept = (eventId: string, claimId: string) => visible.get('events', eventId)?.responsibility.some((c) => c.id === claimId) ?? false;
  const cut = shown.map((row) => cutRow(row, (c, id) => visible.get(c, id) !== undefined, claimKept));
  // Flags are the analyst's own worklist: a product carries none.
  return viewOf(matrix, cut.map((row) => ({ row, status: { ...resolveRow(row, visible), flags: [] } })), rows.length - shown.length, cap);
}

/**
 * The case as a product capped at `cap` sees it: records above the cap are absent, a relationship
 * with a withheld end too, and records come without their pointers to withheld ones (a claim
 * naming a withheld actor, a citation of a withheld source), as in an exported file.
 */
export function lookupAt(lookup: AchLookup, cap: Marking): AchLookup {
  const cache = new Map<string, unknown>();
  const within = (collection: 'actors' | 'sources', id: string) => {
    const r = lookup.get(collection, id);
    return r !== undefined && isWithinMarking(r.marking, cap);
  };
  const keeps = (collection: string, id: string) => (collection === 'actors' || collection === 'sources' ? within(collection, id) : false);
  const get = <C extends CitableCollection>(collection: C, id: string): CitableRecords[C] | undefined => {
    const key = `${collection}/${id}`;
    if (cache.has(key)) return cache.get(key) as CitableRecords[C] | undefined;
    const record = lookup.get(collection, id);
    let out: unknown = undefined;
    if (record && isWithinMarking(record.marking, cap)) {
      if (collection === 'relationships') {
        const r = record as Relationship;
        out = within('actors', r.sourceActorId) && within('actors', r.targetActorId) ? withoutPointers(r, keeps) : undefined;
      } else {
        out = withoutPointers(record as Event, keeps);
      }
    }
    cache.set(key, out);
    return out as CitableRecords[C] | undefined;
  };
  return { get };
}
