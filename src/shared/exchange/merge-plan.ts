import type { AchMatrix, AchRow } from '../domain/ach';
import type { AuditEntry } from '../domain/audit';
import type { CaseDocument } from '../domain/case';
import type { AnyRecord, CollectionName } from '../domain/collections';
import type { Marking } from '../domain/marking';
import { EXCHANGED, canonicalJson, type Exchanged } from './canonical';
import { mergedAwayActors, renameActors } from '../domain/actor-merge';
import { cutRecord, keepsAt, overridesWithheld, restoreCut } from './cut';
import { achMemory, mergeAchField, type AchMemory } from './merge-ach';
import { boundHypotheses, restoreRatedHypotheses } from './merge-ach-columns';
import { planNeededRecords } from './merge-needed';
import { planReferencedDeletes } from './merge-references';
import type { IncomingPayload } from './manifest';
import { recordHistories, type RecordHistory } from './versions';
import { recordLabel } from '../text/format';

export type Resolution = 'ours' | 'theirs' | 'both';

/** One field both sides changed differently since their common version (or with none known). */
export interface FieldConflict {
  kind: 'field';
  key: string;
  collection: CollectionName;
  id: string;
  label: string;
  field: string;
  ours: unknown;
  theirs: unknown;
  base: unknown;
  /** 'both' is offered for lists (union) and descriptions (both texts kept). */
  options: Resolution[];
}

/** One side deleted the record, the other changed it after their common version. */
export interface DeleteConflict {
  kind: 'delete-vs-edit' | 'edit-vs-delete';
  key: string;
  collection: CollectionName;
  id: string;
  label: string;
  /** The record as it would come back ('delete-vs-edit': theirs) or stay ('edit-vs-delete': ours). */
  record: AnyRecord;
  /** 'delete-vs-edit': their records that point at it, left out unless it comes back ('theirs'). */
  neededBy?: Array<{ collection: CollectionName; id: string; label: string }>;
  options: Resolution[];
}

/**
 * A record we do not hold (we deleted it; their copy is one we had, so it stays deleted) that
 * records their file brings point at. 'theirs' restores it from their copy; 'ours' leaves it
 * deleted and leaves out the records that need it. Either way the rest of the file merges.
 */
export interface NeededConflict {
  kind: 'needed-by-theirs';
  key: string;
  collection: CollectionName;
  id: string;
  label: string;
  /** Their copy, which 'theirs' restores. */
  record: AnyRecord;
  /** Their records (new, changed, or coming back) that point at it. */
  neededBy: Array<{ collection: CollectionName; id: string; label: string }>;
  options: Resolution[];
}

/**
 * They deleted a record (an actor they merged away, a source) that our own records still point
 * at after the merge. 'ours' keeps it; 'theirs' (offered when their file names the actor that
 * survived their merge) re-points our references to that actor and deletes it.
 */
export interface ReferencedDeleteConflict {
  kind: 'still-referenced';
  key: string;
  collection: CollectionName;
  id: string;
  label: string;
  /** Our record, which stays unless 'theirs' is chosen. */
  record: AnyRecord;
  /** Our records that still point at it. */
  referrers: Array<{ collection: CollectionName; id: string; label: string }>;
  /** The actor their merge kept, named in their file by an alias "merged from actor … (id)". */
  survivor?: { id: string; label: string };
  options: Resolution[];
}

export type Conflict = FieldConflict | DeleteConflict | ReferencedDeleteConflict | NeededConflict;

/** One of our records that points at a record the file deletes, as it stands now. */
export interface Referrer {
  collection: CollectionName;
  record: AnyRecord;
}

export interface MergePlan {
  /** Records we do not have. */
  added: Array<{ collection: CollectionName; record: AnyRecord }>;
  /** Records only they changed since the common version (or fields merged cleanly). */
  changed: Array<{ collection: CollectionName; id: string; label: string; fields: string[]; merged: AnyRecord; before: AnyRecord }>;
  /** Records they deleted that we had not changed since. */
  deleted: Array<{ collection: CollectionName; id: string; label: string; before: AnyRecord }>;
  conflicts: Conflict[];
  /** Counts of records that need nothing: identical, or only we changed them. */
  unchanged: number;
  oursNewer: number;
  /** For each actor or source the file deletes (`collection/id`), our records that point at it now. */
  referrers: Record<string, Referrer[]>;
  /** What the merge does not take as it came, or brings back, in words (an ACH row kept in its matrix …). */
  /** `leftOut`: something of theirs the merge will not apply; listed again among what it skipped. */
  notes: Array<{ collection: CollectionName; id: string; label: string; note: string; leftOut?: true }>;
}

const LIST_FIELDS = new Set(['aliases', 'roles', 'nationality', 'tags', 'citations', 'responsibility', 'participants', 'authors', 'points', 'cites']);

export interface PlanOptions {
  /**
   * The marking the file was cut at (its manifest's scope). Our versions are compared as that
   * cut would carry them, so a cut-down copy of ours that comes back is not a rival edit, and
   * what the cut removed from our records stays. Default: nothing cut (TLP:RED).
   */
  cut?: Marking;
  /**
   * The fingerprint of the file's signer: what merges of their earlier files brought into our ACH
   * cells is theirs to change or withdraw (docs/ach.md, "Several analysts").
   */
  author?: string;
  /** The signer's name (as our trust list knows the key), credited with the notes they join to ours. */
  authorName?: string;
}

/**
 * The diff of an incoming case against ours, record by record. The common version of a record is
 * the newest version in OUR history whose hash, or the hash of its copy at the file's cut, also
 * appears in THEIR version list; a side whose current version is the common one did not change it.
 * See docs/exchange-format.md ("Merging", "Marking cuts").
 */
export function planMerge(ours: Pick<CaseDocument, Exchanged | 'history'>, incoming: IncomingPayload, versionOf: (r: AnyRecord) => string, options: PlanOptions = {}): MergePlan {
  const plan: MergePlan = { added: [], changed: [], deleted: [], conflicts: [], unchanged: 0, oursNewer: 0, referrers: {}, notes: [] };
  const wanted = new Set<string>([...EXCHANGED.flatMap((c) => ((incoming.records[c] ?? []) as AnyRecord[]).map((r) => r.id)), ...incoming.tombstones.map((t) => t.id)]);
  const histories = recordHistories(ours.history as AuditEntry[], versionOf, wanted);
  const max = options.cut ?? 'TLP:RED';
  const keeps = keepsAt(ours, max);
  // Actors we merged away: what their file names by such an id, we read as our surviving actor.
  const actorIds = new Set(ours.actors.map((a) => a.id));
  const survivorOf = mergedAwayActors(ours.history as AuditEntry[], (id) => actorIds.has(id));
  const remembered = achMemory(ours.history as AuditEntry[], options.author, options.authorName);
  const view = (collection: Exchanged): OurView => ({
    cut: (r) => cutRecord(collection, r, max, keeps),
    redirect: (r) => renameActors(collection, r, survivorOf),
    hashes: (r) => {
      const cut = cutRecord(collection, r, max, keeps);
      return cut && cut !== r ? [versionOf(r), versionOf(cut)] : [versionOf(r)];
    },
    restore: (field, theirs, mine) => restoreCut(field, theirs, mine, keeps),
    overrides: (field, theirs, mine) => overridesWithheld(field, theirs, mine, keeps),
    ach: remembered,
  });
  for (const collection of EXCHANGED) {
    const current = new Map((ours[collection] as AnyRecord[]).map((r) => [r.id, r]));
    const v = view(collection);
    for (const sent of (incoming.records[collection] ?? []) as AnyRecord[]) {
      const theirs = v.redirect(sent);
      // A link between an actor and one we merged into it: our merge removed it on purpose.
      if (!theirs) plan.unchanged++;
      else planRecord(plan, collection, current.get(theirs.id), theirs, histories.get(theirs.id), incoming.versions[theirs.id] ?? [], versionOf, v);
    }
    for (const tomb of incoming.tombstones.filter((t) => t.collection === collection)) {
      const mine = current.get(tomb.id);
      if (!mine) continue;
      const label = labelOf(mine);
      if (v.hashes(mine).some((h) => tomb.versions.includes(h))) plan.deleted.push({ collection, id: tomb.id, label, before: mine });
      else plan.conflicts.push({ kind: 'edit-vs-delete', key: `${collection}/${tomb.id}`, collection, id: tomb.id, label, record: mine, options: ['ours', 'theirs'] });
    }
  }
  const theirMatrices = (incoming.records.matrices ?? []) as AchMatrix[];
  const theirRows = (incoming.records.matrixRows ?? []) as AchRow[];
  restoreRatedHypotheses(plan, ours, theirMatrices, theirRows);
  boundHypotheses(plan, ours);
  planReferencedDeletes(plan, ours, incoming);
  const sent = new Map(EXCHANGED.flatMap((c) => ((incoming.records[c] ?? []) as AnyRecord[]).map((r): [string, AnyRecord] => [`${c}/${r.id}`, r])));
  planNeededRecords(plan, ours, (collection, id) => {
    const record = sent.get(`${collection}/${id}`);
    return record ? (view(collection as Exchanged).redirect(record) ?? undefined) : undefined;
  });
  return plan;
}

/** How one collection of ours looks at the file's cut. */
interface OurView {
  /** Our version as the file's cut would carry it; null when it would not leave. */
  cut: (record: AnyRecord) => AnyRecord | null;
  /** The hashes that stand for our version in their list: its own, and its cut copy's. */
  hashes: (record: AnyRecord) => string[];
  /** A record with the actors we merged away replaced by the survivors; null: a link to itself. */
  redirect: (record: AnyRecord) => AnyRecord | null;
  /** Their value of a field with what the cut took from ours put back. */
  restore: (field: string, theirs: unknown, mine: AnyRecord) => unknown;
  /** True when their value sets something where ours holds a part withheld from them. */
  overrides: (field: string, theirs: unknown, mine: AnyRecord) => boolean;
  /** What our history remembers of ACH rows (ratings seen, and brought in by this author). */
  ach: AchMemory;
}

function planRecord(plan: MergePlan, collection: CollectionName, mine: AnyRecord | undefined, theirs: AnyRecord, history: RecordHistory | undefined, theirVersions: string[], versionOf: (r: AnyRecord) => string, view: OurView): void {
  const label = labelOf(theirs);
  // The author states each record's current version (the last of its list); using it saves
  // hashing a whole case. A wrong statement only hides their change from us, which they could do anyway.
  const theirHash = theirVersions.at(-1) ?? versionOf(theirs);
  const ourHashes = new Set((history?.versions ?? []).flatMap((v) => view.hashes(v.record)));
  if (!mine) {
    if (!history?.deleted) plan.added.push({ collection, record: theirs });
    else if (ourHashes.has(theirHash)) plan.unchanged++;
    else plan.conflicts.push({ kind: 'delete-vs-edit', key: `${collection}/${theirs.id}`, collection, id: theirs.id, label, record: theirs, options: ['ours', 'theirs'] });
    return;
  }
  const myHashes = view.hashes(mine);
  // Theirs is our current version, or the copy of it this file's cut carries: nothing to do.
  if (myHashes.includes(theirHash)) return void plan.unchanged++;
  const theirSet = new Set(theirVersions);
  // Fields are compared as the cut carries them, and written onto our full record.
  const oursSeen = view.cut(mine) ?? mine;
  const onlyTheirs = myHashes.some((h) => theirSet.has(h));
  if (!onlyTheirs && ourHashes.has(theirHash)) return void plan.oursNewer++;
  const baseVersion = onlyTheirs ? mine : [...(history?.versions ?? [])].reverse().find((v) => view.hashes(v.record).some((h) => theirSet.has(h)))?.record;
  const base = baseVersion ? (view.redirect(view.cut(baseVersion) ?? baseVersion) ?? undefined) : undefined;
  const merged: Record<string, unknown> = { ...mine };
  const autoFields: string[] = [];
  const conflicts: FieldConflict[] = [];
  for (const field of changedFields(oursSeen, theirs)) {
    const o = (oursSeen as unknown as Record<string, unknown>)[field];
    const raw = (theirs as unknown as Record<string, unknown>)[field];
    const t = view.restore(field, raw, mine);
    const b = base ? (base as unknown as Record<string, unknown>)[field] : undefined;
    // A value of theirs where ours holds what was withheld from them is never taken silently.
    const rival = view.overrides(field, raw, mine);
    // ACH fields with rules of their own: ratings cell by cell, hypotheses by id, a row's matrix never.
    const ach = mergeAchField(collection, field, mine, t, b, base !== undefined, view.ach);
    if (ach) {
      for (const note of ach.notes) plan.notes.push({ collection, id: mine.id, label, note });
      if (ach.rival !== undefined) {
        conflicts.push({ kind: 'field', key: `${collection}/${mine.id}/${field}`, collection, id: mine.id, label, field, ours: ach.value, theirs: ach.rival, base: b, options: ['ours', 'theirs'] });
      }
      if (same(ach.value, (mine as unknown as Record<string, unknown>)[field])) continue;
      merged[field] = ach.value;
      autoFields.push(field);
    } else if (base && same(o, b) && !rival) {
      if (t === undefined) delete merged[field];
      else merged[field] = t;
      autoFields.push(field);
    } else if (base && !rival && same(view.restore(field, b, mine), t)) {
      continue;
    } else {
      const options: Resolution[] = LIST_FIELDS.has(field) || field === 'description' ? ['ours', 'theirs', 'both'] : ['ours', 'theirs'];
      const ourValue = (mine as unknown as Record<string, unknown>)[field];
      conflicts.push({ kind: 'field', key: `${collection}/${mine.id}/${field}`, collection, id: mine.id, label, field, ours: ourValue, theirs: t, base: b, options });
    }
  }
  if (conflicts.length > 0) plan.conflicts.push(...conflicts);
  if (autoFields.length > 0 || conflicts.length > 0) plan.changed.push({ collection, id: mine.id, label, fields: autoFields, merged: merged as unknown as AnyRecord, before: mine });
  else plan.oursNewer++;
}

function changedFields(a: AnyRecord, b: AnyRecord): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])).sort();
}

export function same(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

export function labelOf(record: AnyRecord): string {
  return recordLabel(record);
}
