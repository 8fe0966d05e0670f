import type { AchCell, AchRating } from '../domain/ach';
import { canonicalJson } from '../exchange/canonical';

type Cells = Readonly<Record<string, AchCell>>;

/**
 * A row's ratings from two analysts, merged cell by cell against their common version (`base`;
 * absent when none is known). A cell only one side changed takes that side; one both changed to
 * the same rating stays; one they rated differently keeps ours and records theirs among `others`,
 * so the matrix shows the disagreement until the team resolves or keeps it (docs/ach.md). Never a
 * conflict to settle before the merge: every rating arrives.
 */
export function mergeRatings(ours: Cells | undefined, theirs: Cells | undefined, base: Cells | undefined): Record<string, AchCell> {
  const o = ours ?? {};
  const t = theirs ?? {};
  const out: Record<string, AchCell> = {};
  for (const id of new Set([...Object.keys(o), ...Object.keys(t)])) {
    const merged = mergeCell(o[id], t[id], base ? (base[id] ?? null) : undefined);
    if (merged) out[id] = merged;
  }
  return out;
}

/** `base`: null when the common version had no rating there, undefined when no common version is known. */
function mergeCell(ours: AchCell | undefined, theirs: AchCell | undefined, base: AchCell | null | undefined): AchCell | undefined {
  if (same(ours, theirs)) return ours;
  if (base !== undefined) {
    if (same(ours, base ?? undefined)) return theirs;
    if (same(theirs, base ?? undefined)) return ours;
  }
  if (!ours) return theirs;
  if (!theirs) return ours;
  // Both rated it, differently: ours stays, every rating that differs from it is kept beside it.
  const others = unique([...(ours.others ?? []), plain(theirs), ...(theirs.others ?? [])].filter((r) => r.value !== ours.value));
  if (others.length === 0) {
    // One rating, with two notes or by two raters: no disagreement to show.
    return ours.note || !theirs.note ? ours : { ...ours, note: theirs.note };
  }
  const cell: AchCell = { ...ours, others };
  // A new disagreement needs the team's eye again, even if an older one was kept on record.
  if (!same(ours.others, others)) delete cell.kept;
  return cell;
}

function plain(cell: AchCell): AchRating {
  const { others: _others, kept: _kept, ...rating } = cell;
  return rating;
}

function unique(ratings: readonly AchRating[]): AchRating[] {
  const seen = new Set<string>();
  return ratings.filter((r) => {
    const key = canonicalJson(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function same(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}
