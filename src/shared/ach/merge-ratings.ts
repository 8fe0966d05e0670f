import { AchRating as RatingSchema, type AchCell, type AchRating } from '../domain/ach';
import { canonicalJson } from '../exchange/canonical';

type Cells = Readonly<Record<string, AchCell>>;

/** The most `others` a cell holds: the bound of AchCell.others (a test holds the two together). */
export const MAX_OTHERS = 20;
const MAX_NOTE = RatingSchema.shape.note.unwrap().maxLength ?? 2_000;

/**
 * What our case remembers of one row's cells, so a merge can tell a partner's rating it has
 * already seen (and the team settled) from a new one. Both answer for one hypothesis's cell.
 */
export interface RatingMemory {
  /** Every version of the cell our history holds, oldest first (undefined: not rated then). */
  versions: (hypothesisId: string) => ReadonlyArray<AchCell | undefined>;
  /** Ratings of the cell that earlier merges of files from this same author brought in. */
  sentByThisAuthor: (hypothesisId: string) => ReadonlySet<string>;
  /**
   * Who signed the file (the name our trust list gives its key): a note their own rating carries
   * is theirs, whatever the rating's `by` says (editing only a note keeps the rater's `by`).
   */
  sender?: string;
}

const NO_MEMORY: RatingMemory = { versions: () => [], sentByThisAuthor: () => new Set() };

export interface RatingsMerge {
  ratings: Record<string, AchCell>;
  /** What the merge did not keep as it came, in words, by hypothesis id. */
  notes: Array<{ hypothesisId: string; note: string }>;
}

/**
 * A row's ratings from two analysts, merged cell by cell against their common version (`base`;
 * absent when none is known) and what our history remembers (docs/ach.md, "Several analysts"):
 * - a cell only one side changed takes that side;
 * - a rating of theirs we have already seen (and so perhaps settled) is not new: ours stands,
 *   until they change it;
 * - a new rating that differs from ours is listed under `others`; a rating this file's signer
 *   brought in before (keyed by their signing key, never by the free-text `by`) and no longer holds
 *   leaves `others`, so their newer one replaces it;
 * - the same rating with a different note adds their note to ours, credited to the file's signer
 *   when it is their own rating;
 * - `others` holds at most MAX_OTHERS: ours first, then the sender's own rating, then the most
 *   recent of those they forwarded; the plan says which were left out.
 * Never a conflict to settle before the merge: every new rating arrives.
 */
export function mergeRatings(ours: Cells | undefined, theirs: Cells | undefined, base: Cells | undefined, memory: RatingMemory = NO_MEMORY): RatingsMerge {
  const o = ours ?? {};
  const t = theirs ?? {};
  const out: Record<string, AchCell> = {};
  const notes: RatingsMerge['notes'] = [];
  for (const id of new Set([...Object.keys(o), ...Object.keys(t)])) {
    const merged = mergeCell(o[id], t[id], base ? (base[id] ?? null) : undefined, cellMemory(memory, id), (note) => notes.push({ hypothesisId: id, note }));
    if (merged) out[id] = merged;
  }
  return { ratings: out, notes };
}

interface CellMemory {
  /** True when our history held this very rating and its rater gave no other one since. */
  known: (rating: AchRating) => boolean;
  sent: ReadonlySet<string>;
  sender: string | undefined;
}

function cellMemory(memory: RatingMemory, id: string): CellMemory {
  const versions = memory.versions(id);
  return {
    sender: memory.sender,
    known: (rating) => {
      const key = canonicalJson(rating);
      let seen = -1;
      let since = -1;
      versions.forEach((cell, i) => {
        for (const r of ratingsOf(cell)) {
          if (canonicalJson(r) === key) seen = i;
          else if (rating.by !== undefined && r.by === rating.by) since = i;
        }
      });
      return seen >= 0 && seen >= since;
    },
    sent: memory.sentByThisAuthor(id),
  };
}

/** `base`: null when the common version had no rating there, undefined when no common version is known. */
function mergeCell(ours: AchCell | undefined, theirs: AchCell | undefined, base: AchCell | null | undefined, memory: CellMemory, say: (note: string) => void): AchCell | undefined {
  if (same(ours, theirs)) return ours;
  // What they hold of the cell now; what their author sent us before and no longer holds is withdrawn.
  const theirView = new Set(ratingsOf(theirs).map((r) => canonicalJson(r)));
  const kept = ours ? withdraw(ours, (r) => memory.sent.has(canonicalJson(r)) && !theirView.has(canonicalJson(r))) : undefined;
  if (base !== undefined) {
    if (same(ours, base ?? undefined)) return theirs;
    if (same(theirs, base ?? undefined)) return kept;
  }
  // Their ratings we have not seen yet; their own comes last, as the most recent.
  const fresh = unique([...(theirs?.others ?? []), ...(theirs ? [plain(theirs)] : [])].filter((r) => !memory.known(r)));
  // We hold no rating: theirs arrives, unless we cleared it after seeing it.
  if (!kept) return fresh.length > 0 ? theirs : undefined;
  if (!theirs || fresh.length === 0) return kept;
  let note = kept.note;
  const own = canonicalJson(plain(theirs));
  const differing: AchRating[] = [];
  for (const r of fresh) {
    if (r.value !== kept.value) differing.push(r);
    else if (r.note && !note?.includes(r.note)) {
      // One rating, two notes: theirs joins ours (unless it already holds ours, as after a round trip).
      const writer = canonicalJson(r) === own ? (memory.sender ?? r.by) : r.by;
      const joined = note === undefined || r.note.includes(note) ? r.note : `${note}\n\n— ${writer ?? 'partner'}: ${r.note}`;
      if (joined.length <= MAX_NOTE) note = joined;
      else differing.push(r); // Too long to join: kept beside ours rather than lost.
    }
  }
  const others = bounded(kept.others ?? [], differing, own, say);
  const cell: AchCell = { ...kept, ...(note !== undefined ? { note } : {}) };
  if (others.length > 0) cell.others = others;
  else delete cell.others;
  // A new disagreement needs the team's eye again, even if an older one was kept on record.
  if (differing.length > 0 || others.length === 0) delete cell.kept;
  return cell;
}

/**
 * `others` within MAX_OTHERS: ours first (a file cannot push them out), then the sender's own
 * rating, then the most recent of the ratings their file forwarded; says what was left out.
 */
function bounded(ours: readonly AchRating[], arriving: readonly AchRating[], own: string, say: (note: string) => void): AchRating[] {
  const mine = new Set(ours.map((r) => canonicalJson(r)));
  const fresh = unique(arriving).filter((r) => !mine.has(canonicalJson(r)));
  const room = Math.max(0, MAX_OTHERS - ours.length);
  const senders = fresh.filter((r) => canonicalJson(r) === own);
  const forwarded = fresh.filter((r) => canonicalJson(r) !== own);
  const keptForwarded = forwarded.slice(Math.max(0, forwarded.length - Math.max(0, room - senders.length)));
  const keep = new Set([...senders.slice(0, room), ...keptForwarded].map((r) => canonicalJson(r)));
  const left = fresh.filter((r) => !keep.has(canonicalJson(r)));
  if (left.length > 0) {
    const named = left.map((r) => `${r.value} by ${r.by ?? 'unnamed'}`).join(', ');
    say(`${left.length} rating(s) from their file left out (${named}): a cell keeps at most ${MAX_OTHERS} ratings by other analysts, ours first, then the sender's own, then the newest they forwarded`);
  }
  return [...ours.slice(0, MAX_OTHERS), ...fresh.filter((r) => keep.has(canonicalJson(r)))];
}

/**
 * Ours without the ratings this file's signer withdrew: brought in by their earlier files and no
 * longer in their copy (so a newer rating of theirs replaces their older one). Keyed by the signing
 * key, so a file cannot remove another analyst's rating by writing that analyst's name in `by`.
 */
function withdraw(ours: AchCell, withdrawn: (r: AchRating) => boolean): AchCell {
  if (!ours.others?.length) return ours;
  const others = ours.others.filter((r) => !withdrawn(r));
  if (others.length === ours.others.length) return ours;
  const { others: _o, kept: _k, ...rest } = ours;
  return others.length > 0 ? { ...rest, others, ...(ours.kept ? { kept: true } : {}) } : rest;
}

/** Each rating a cell holds: its own and the others on record. */
export function ratingsOf(cell: AchCell | undefined): AchRating[] {
  return cell ? [plain(cell), ...(cell.others ?? [])] : [];
}

export function plain(cell: AchCell): AchRating {
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
