import { strayRatings, type AchMatrix, type AchRow } from '../domain/ach';
import type { Change } from '../domain/audit';

type Get = (collection: 'matrices' | 'matrixRows', id: string) => AchMatrix | AchRow | undefined;

/**
 * The first row a batch writes with a rating of a hypothesis its matrix (as the batch leaves it)
 * does not have, in words; null when there is none. Such a cell is never shown nor scored, so it
 * could only be a crafted write that bloats the row (docs/ach.md, "What is stored").
 */
export function strayRatingIn(changes: readonly Change[], get: Get): string | null {
  const matrices = new Map<string, AchMatrix | undefined>();
  for (const c of changes) if (c.collection === 'matrices') matrices.set(c.id, c.op === 'put' ? (c.after as AchMatrix) : undefined);
  for (const c of changes) {
    if (c.op !== 'put' || c.collection !== 'matrixRows') continue;
    const row = c.after as AchRow;
    const matrix = matrices.has(row.matrixId) ? matrices.get(row.matrixId) : (get('matrices', row.matrixId) as AchMatrix | undefined);
    const before = (get('matrixRows', row.id) as AchRow | undefined) ?? null;
    const stray = strayRatings(row, matrix, before);
    if (stray.length > 0) {
      const shown = stray.slice(0, 3).join(', ') + (stray.length > 3 ? ` and ${stray.length - 3} more` : '');
      return `The row “${row.title.slice(0, 80)}” rates a hypothesis its matrix does not have (${shown}); nothing was saved. Rate only the matrix's hypotheses.`;
    }
  }
  return null;
}
