const DAY = 86_400_000;
/** Sort keys pack the day and the position in one float: positions below 2^21, days within ±2^22. */
const POSITION_BITS = 2 ** 21;
const DAY_OFFSET = 2 ** 22;

/**
 * Every event of a case placed on the time axis, ordered by start: what the timeline's window
 * queries search with a binary search, instead of looking at every event. Built once per case
 * version (main keeps it until the next edit) from the event columns; filters take subsets of it
 * in the same order.
 */
export interface PlacedEvents {
  /** Positions in the case's events array, ordered by start. */
  positions: Int32Array;
  /** UTC ms of the first instant, ascending. */
  starts: Float64Array;
  /** UTC ms just after the last instant. */
  ends: Float64Array;
  /** Precision letters as char codes: d, m, y; upper case (D, M, Y) when approximate. */
  letters: Uint8Array;
}

/** True for a day-precise (point) event's letter, d or D. */
export function isPointLetter(letter: number): boolean {
  return letter === 100 || letter === 68;
}

/** Orders events, given in the case's order, by start (ties by position). */
export function orderByStart(columns: { starts: Float64Array; ends: Float64Array; letters: Uint8Array }): PlacedEvents {
  const { starts: rawStarts, ends: rawEnds, letters: rawLetters } = columns;
  const n = rawStarts.length;
  let dayAligned = n < POSITION_BITS;
  for (let i = 0; i < n && dayAligned; i++) {
    const start = rawStarts[i]!;
    if (start % DAY !== 0 || Math.abs(start / DAY) >= DAY_OFFSET) dayAligned = false;
  }
  const order = dayAligned ? packedOrder(rawStarts) : Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rawStarts[a]! - rawStarts[b]! || a - b);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const letters = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    starts[k] = rawStarts[i]!;
    ends[k] = rawEnds[i]!;
    letters[k] = rawLetters[i]!;
  }
  return { positions: order, starts, ends, letters };
}

/** The order by start through one native sort of packed keys (day · 2^21 + position): far faster than a comparator. */
function packedOrder(starts: Float64Array): Int32Array {
  const n = starts.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (starts[i]! / DAY + DAY_OFFSET) * POSITION_BITS + i;
  keys.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = keys[k]! % POSITION_BITS;
  return order;
}
