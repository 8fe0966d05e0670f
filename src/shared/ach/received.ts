import type { AchMatrix, AchRow, CitableCollection } from '../domain/ach';
import type { Change } from '../domain/audit';
import { caseLookup, type CitableRecords } from './lookup';
import { basisOf } from './resolve';

type RowPut = Extract<Change, { op: 'put' }> & { after: AchRow };
type Received = CitableCollection | 'matrices';
/** What a merge reads of the case to make received rows its own. */
export type ReceivedRecords = CitableRecords & { matrices: AchMatrix };

const rowPut = (c: Change): c is RowPut => c.op === 'put' && c.collection === 'matrixRows';

/**
 * ACH rows a merge writes, made this case's own. A row's basis (what it rested on when reviewed)
 * never comes from the file, whatever the file carries: a row we held keeps ours, a new row is
 * given the basis of this case as it will stand after the merge, so its proposed credibility is
 * weighed on our sources and it is flagged only when something it rests on changes here later.
 * Cells of hypotheses its matrix will not have after the merge are dropped: never shown nor
 * scored, they could only bloat the row. Returns the changes with those rows so made.
 */
export function receivedRows(changes: readonly Change[], get: <C extends Received>(collection: C, id: string) => ReceivedRecords[C] | undefined): Change[] {
  if (!changes.some(rowPut)) return [...changes];
  const after = new Map<string, unknown>();
  for (const c of changes) after.set(`${c.collection}/${c.id}`, c.op === 'put' ? c.after : null);
  const overlay = <C extends Received>(collection: C, id: string): ReceivedRecords[C] | undefined => {
    const key = `${collection}/${id}`;
    return after.has(key) ? ((after.get(key) ?? undefined) as ReceivedRecords[C] | undefined) : get(collection, id);
  };
  const lookup = caseLookup(overlay, []);
  return changes.map((c): Change => {
    if (!rowPut(c)) return c;
    const { basis: _sent, ...row } = c.after;
    const ours = (c.before as AchRow | null)?.basis;
    const matrix = overlay('matrices', row.matrixId);
    const ratings: AchRow['ratings'] = {};
    for (const [id, cell] of Object.entries(row.ratings)) if (!matrix || matrix.hypotheses.some((h) => h.id === id)) ratings[id] = cell;
    return { ...c, after: { ...row, ratings, basis: ours ?? basisOf(row, lookup) } };
  });
}
