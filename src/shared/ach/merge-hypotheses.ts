import type { Hypothesis } from '../domain/ach';
import { canonicalJson } from '../exchange/canonical';

export interface HypothesesMerge {
  /** The merged columns, each id once; where both reworded one differently, with our wording. */
  value: Hypothesis[];
  /** The same columns with their wording where both reworded one differently; absent when none. */
  theirWording?: Hypothesis[];
}

/**
 * A matrix's hypotheses from two analysts, merged by id against their common version (`base`,
 * undefined when none is known), so a column is never doubled and the ratings keyed to it stay
 * with it (docs/ach.md, "Several analysts"):
 * - a hypothesis either side added is kept; one side removed and the other left as it was is
 *   removed; one side removed and the other reworded is kept (nothing written is lost);
 * - a wording only one side changed takes that side; both changed differently is the one choice
 *   left to the analyst (ours or theirs);
 * - the order is theirs when only they reordered, else ours, with the other side's new columns
 *   after the column they follow there.
 */
export function mergeHypotheses(ours: readonly Hypothesis[], theirs: readonly Hypothesis[], base: readonly Hypothesis[] | undefined): HypothesesMerge {
  const o = new Map(ours.map((h) => [h.id, h]));
  const t = new Map(theirs.map((h) => [h.id, h]));
  const b = new Map((base ?? []).map((h) => [h.id, h]));
  const ourWords = new Map<string, Hypothesis>();
  const theirWords = new Map<string, Hypothesis>();
  let rival = false;
  for (const id of new Set([...o.keys(), ...t.keys()])) {
    const mine = o.get(id);
    const their = t.get(id);
    const was = b.get(id);
    if (mine && their) {
      if (same(mine, their) || (was && same(their, was))) keep(id, mine, mine);
      else if (was && same(mine, was)) keep(id, their, their);
      else {
        keep(id, mine, their);
        rival = true;
      }
    } else if (mine) {
      // Not in theirs: they removed it (it was in the common version) or it is ours alone.
      if (!(was && same(mine, was))) keep(id, mine, mine);
    } else if (their) {
      if (!(was && same(their, was))) keep(id, their, their);
    }
  }
  function keep(id: string, ourWording: Hypothesis, theirWording: Hypothesis): void {
    ourWords.set(id, ourWording);
    theirWords.set(id, theirWording);
  }
  const order = columnOrder(ours, theirs, base, new Set(ourWords.keys()));
  const value = order.map((id) => ourWords.get(id)!);
  return rival ? { value, theirWording: order.map((id) => theirWords.get(id)!) } : { value };
}

function columnOrder(ours: readonly Hypothesis[], theirs: readonly Hypothesis[], base: readonly Hypothesis[] | undefined, kept: ReadonlySet<string>): string[] {
  const ids = (list: readonly Hypothesis[]) => list.map((h) => h.id);
  const common = (list: readonly Hypothesis[]) => ids(list).filter((id) => ids(ours).includes(id) && ids(theirs).includes(id) && (!base || base.some((h) => h.id === id)));
  const onlyTheyReordered = base !== undefined && canonicalJson(common(ours)) === canonicalJson(common(base)) && canonicalJson(common(theirs)) !== canonicalJson(common(base));
  const [first, second] = onlyTheyReordered ? [theirs, ours] : [ours, theirs];
  const out = ids(first).filter((id) => kept.has(id));
  ids(second).forEach((id, i) => {
    if (!kept.has(id) || out.includes(id)) return;
    // After the nearest column before it (in that side's order) that is already placed.
    // After the nearest column before it (in that side's order) that is already placed, and after
    // the first side's own new columns that follow that one.
    const before = ids(second).slice(0, i).reverse().find((p) => out.includes(p));
    let at = before === undefined ? 0 : out.indexOf(before) + 1;
    while (at < out.length && !ids(second).includes(out[at]!)) at++;
    out.splice(at, 0, id);
  });
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
