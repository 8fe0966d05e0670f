import { leadOf, type MatrixScores, type ScoringInput } from './score';

/** What would lead instead, were the row taken out or read the other way; null: the lead stands. */
export interface SensitiveRow {
  rowId: string;
  /** The row removed. `leads` null: a tie, no lead. */
  removal: { leads: string | null } | null;
  /** Every rating of the row reversed (CC ↔ II, C ↔ I; N and NA stay). */
  reversal: { leads: string | null } | null;
}

/**
 * The rows the lead rests on: those whose removal, or the reversal of whose ratings, would change
 * which hypothesis leads (to another, or to a tie). Empty when there is no lead. Each test takes
 * the row's contribution out of the totals (and, for a reversal, puts the mirrored one in), so the
 * whole list costs O(rows × hypotheses).
 */
export function sensitivity(input: ScoringInput, scores: MatrixScores): SensitiveRow[] {
  if (scores.lead === null) return [];
  const ids = input.hypotheses;
  const h = ids.length;
  const baseInc = Float64Array.from(scores.hypotheses, (s) => s.inconsistency);
  const baseCon = Float64Array.from(scores.hypotheses, (s) => s.consistency);
  const inc = new Float64Array(h);
  const con = new Float64Array(h);
  const out: SensitiveRow[] = [];
  for (const row of input.rows) {
    if (!row.values.some((v) => v !== null && v !== 0) || row.weight === 0) continue;
    // Removed: its contribution leaves both totals.
    for (let j = 0; j < h; j++) {
      const v = row.values[j] ?? null;
      inc[j] = (baseInc[j] as number) - (v !== null && v < 0 ? -row.weight * v : 0);
      con[j] = (baseCon[j] as number) - (v !== null && v > 0 ? row.weight * v : 0);
    }
    const removed = leadOf(ids, inc, con).lead;
    // Reversed: what counted as inconsistency now counts as consistency, and the other way round.
    for (let j = 0; j < h; j++) {
      const v = row.values[j] ?? null;
      const w = v === null ? 0 : row.weight * Math.abs(v);
      inc[j] = (inc[j] as number) + (v !== null && v > 0 ? w : 0);
      con[j] = (con[j] as number) + (v !== null && v < 0 ? w : 0);
    }
    const reversed = leadOf(ids, inc, con).lead;
    const removal = removed === scores.lead ? null : { leads: removed };
    const reversal = reversed === scores.lead ? null : { leads: reversed };
    if (removal || reversal) out.push({ rowId: row.id, removal, reversal });
  }
  return out;
}
