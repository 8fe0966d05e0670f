import { cutRow } from '../ach/cut-row';
import type { AchCite } from '../domain/ach';
import type { AuditEntry } from '../domain/audit';
import type { CaseDocument } from '../domain/case';
import type { Citation } from '../domain/citation';
import type { AnyRecord, CollectionName, CollectionRecords } from '../domain/collections';
import type { Event, EventParticipant, ResponsibilityClaim } from '../domain/event';
import { isWithinMarking, type Marking } from '../domain/marking';
import { canonicalJson, type Exchanged } from './canonical';

/**
 * A marking cut: what a file capped at one marking carries. Records above the cap stay behind; a
 * record that leaves loses its pointers to withheld records (citations of withheld sources, claims
 * and participants naming withheld actors, a series' withheld actor); a relationship with a
 * withheld end stays behind. The same cut is applied to
 * every past version whose hash a file lists, and, on receipt, to our own versions, so a
 * cut-down copy that comes back is recognised as ours (docs/exchange-format.md, "Marking cuts").
 */

/** True when a file at this cut carries the record a pointer names. */
export type Keeps = (collection: CollectionName, id: string) => boolean;

/** A cut judged from our case, which can also tell whether one claim of an event leaves (an ACH row may cite it). */
export type CaseKeeps = Keeps & { claim(eventId: string, claimId: string): boolean };

type KeepsDoc = Pick<CaseDocument, 'actors' | 'sources' | 'history'> & Partial<Pick<CaseDocument, 'events' | 'relationships' | 'matrices'>>;

/**
 * Which records a file cut at `max` carries, judged from our case: by their current marking, or by
 * the last marking our history knows for one since deleted (its tombstone travels when that
 * marking is within the cut, so pointing at it reveals nothing withheld). Actors and sources are
 * what most records point at; events, relationships and matrices (which ACH rows point at) are
 * read only when asked about. A relationship leaves only with both its ends; a claim only when
 * its event leaves and its actor does.
 */
export function keepsAt(doc: KeepsDoc, max: Marking): CaseKeeps {
  const current = new Map<string, Marking>();
  for (const a of doc.actors) current.set(`actors/${a.id}`, a.marking);
  for (const s of doc.sources) current.set(`sources/${s.id}`, s.marking);
  let gone: Map<string, Marking> | null = null;
  let more: Map<string, { id: string; marking: Marking }> | null = null;
  const others = () => {
    if (more) return more;
    more = new Map();
    for (const name of ['events', 'relationships', 'matrices'] as const) for (const r of doc[name] ?? []) more.set(`${name}/${r.id}`, r);
    return more;
  };
  const keeps = (collection: CollectionName, id: string): boolean => {
    const key = `${collection}/${id}`;
    const found = collection === 'actors' || collection === 'sources' ? current.get(key) : others().get(key)?.marking;
    const marking = found ?? (gone ??= lastKnownMarkings(doc.history)).get(key);
    if (marking === undefined || !isWithinMarking(marking, max)) return false;
    if (collection !== 'relationships') return true;
    const rel = others().get(key) as CollectionRecords['relationships'] | undefined;
    return !rel || (keeps('actors', rel.sourceActorId) && keeps('actors', rel.targetActorId));
  };
  const claim = (eventId: string, claimId: string): boolean => {
    if (!keeps('events', eventId)) return false;
    const event = others().get(`events/${eventId}`) as Event | undefined;
    const found = event?.responsibility.find((c) => c.id === claimId);
    return found !== undefined && keeps('actors', found.actorId);
  };
  return Object.assign(keeps, { claim });
}

function lastKnownMarkings(history: readonly AuditEntry[]): Map<string, Marking> {
  const out = new Map<string, Marking>();
  for (const entry of history) {
    for (const change of entry.changes) {
      if (change.collection === 'views' || change.collection === 'attachments' || change.collection === 'reports') continue;
      const record = (change.op === 'put' ? change.after : change.before) as { marking: Marking };
      out.set(`${change.collection}/${change.id}`, record.marking);
    }
  }
  return out;
}

/**
 * What a file at this cut would carry of one version of a record: null when the version would
 * not leave at all (marked above the cut, or a relationship with a withheld end), the very same
 * object when nothing is cut (so cached hashes stay valid), else a cut-down copy.
 */
export function cutRecord<R extends AnyRecord>(collection: Exchanged, record: R, max: Marking, keeps: Keeps): R | null {
  if (!isWithinMarking((record as { marking: Marking }).marking, max)) return null;
  if (collection === 'matrices') return record;
  // A row stays behind with its matrix; its basis never leaves, at any cut (local bookkeeping).
  if (collection === 'matrixRows') {
    const row = record as CollectionRecords['matrixRows'];
    if (!keeps('matrices', row.matrixId)) return null;
    return cutRow(row, keeps, 'claim' in keeps ? (keeps as CaseKeeps).claim : undefined) as R;
  }
  // Nothing is withheld at the highest marking: spare a whole case the copying.
  if (max === 'TLP:RED') return record;
  if (collection === 'relationships') {
    const r = record as CollectionRecords['relationships'];
    // A link with a withheld end stays behind; one that leaves loses its citations of withheld sources, like any record.
    if (!keeps('actors', r.sourceActorId) || !keeps('actors', r.targetActorId)) return null;
  }
  return withoutPointers(record as CollectionRecords[Exchanged], keeps) as R;
}

/** A copy without the pointers `keeps` refuses; the same object when there are none. */
export function withoutPointers<R extends CollectionRecords[Exchanged]>(record: R, keeps: Keeps): R {
  let cut = false;
  const cite = (list: readonly Citation[]): Citation[] => {
    const kept = list.filter((c) => keeps('sources', c.sourceId));
    if (kept.length !== list.length) cut = true;
    return kept;
  };
  const copy: Record<string, unknown> = { ...record };
  if ('citations' in record) copy['citations'] = cite(record.citations);
  if ('aliases' in record) copy['aliases'] = record.aliases.map((a) => ({ ...a, citations: cite(a.citations) }));
  if ('status' in record && record.status) copy['status'] = { ...record.status, citations: cite(record.status.citations) };
  if ('responsibility' in record) {
    copy['responsibility'] = record.responsibility.flatMap((claim) => {
      if (!keeps('actors', claim.actorId)) return (cut = true), [];
      const c: ResponsibilityClaim = { ...claim, citations: cite(claim.citations) };
      if (c.byActorId && !keeps('actors', c.byActorId)) {
        // The free-text author names the same withheld actor: it stays behind with the link.
        delete c.byActorId;
        delete c.by;
        cut = true;
      }
      return [c];
    });
  }
  if ('participants' in record && record.participants) {
    copy['participants'] = record.participants.flatMap((p) => (keeps('actors', p.actorId) ? [{ ...p, citations: cite(p.citations) }] : ((cut = true), [])));
  }
  if ('actorId' in record && record.actorId && !keeps('actors', record.actorId)) {
    delete copy['actorId'];
    cut = true;
  }
  return cut ? (copy as R) : record;
}

/**
 * Their value of one field, with what the cut took from OUR value of it put back: they never saw
 * those parts, so their copy cannot have meant to remove them. `theirs` is their value of
 * `field`; `mine` our full record.
 */
export function restoreCut(field: string, theirs: unknown, mine: AnyRecord, keeps: Keeps): unknown {
  const withheld = (list: readonly Citation[] | undefined): Citation[] => (list ?? []).filter((c) => !keeps('sources', c.sourceId));
  const plus = <T extends { citations: Citation[] }>(item: T, ours: { citations: Citation[] } | undefined): T => {
    const extra = withheld(ours?.citations);
    return extra.length > 0 ? { ...item, citations: [...item.citations, ...extra] } : item;
  };
  const m = mine as unknown as Record<string, unknown>;
  switch (field) {
    case 'citations': {
      const extra = withheld(m['citations'] as Citation[] | undefined);
      return extra.length > 0 ? [...((theirs as Citation[] | undefined) ?? []), ...extra] : theirs;
    }
    case 'aliases': {
      const ours = (m['aliases'] as Array<{ name: string; language: string; citations: Citation[] }> | undefined) ?? [];
      return (theirs as typeof ours | undefined)?.map((a) => plus(a, ours.find((o) => o.name === a.name && o.language === a.language)));
    }
    case 'status': {
      const ours = m['status'] as { citations: Citation[] } | undefined;
      return theirs ? plus(theirs as { citations: Citation[] }, ours) : theirs;
    }
    case 'responsibility': {
      const ours = (m['responsibility'] as ResponsibilityClaim[] | undefined) ?? [];
      const list = ((theirs as ResponsibilityClaim[] | undefined) ?? []).map((claim) => {
        const o = ours.find((x) => x.id === claim.id);
        const next = plus(claim, o);
        // Our withheld author comes back only where they left the place empty; a value of theirs there is a conflict (overridesWithheld).
        if (!o?.byActorId || claim.byActorId !== undefined || claim.by !== undefined || keeps('actors', o.byActorId)) return next;
        return { ...next, byActorId: o.byActorId, ...(o.by !== undefined ? { by: o.by } : {}) };
      });
      const ids = new Set(list.map((c) => c.id));
      return [...list, ...ours.filter((c) => !keeps('actors', c.actorId) && !ids.has(c.id))];
    }
    case 'participants': {
      const ours = (m['participants'] as Event['participants']) ?? [];
      const hidden = ours.filter((p) => !keeps('actors', p.actorId));
      const list = (theirs as EventParticipant[] | undefined)?.map((p) => plus(p, ours.find((o) => o.actorId === p.actorId && o.role === p.role)));
      return hidden.length > 0 ? [...(list ?? []), ...hidden] : list;
    }
    case 'cites': {
      // An ACH row's cites of records withheld at this cut (matrixRows is the one collection with this field).
      const ours = (m['cites'] as AchCite[] | undefined) ?? [];
      const hidden = ours.filter((c) => !keeps(c.collection, c.id) || (c.claimId !== undefined && !('claim' in keeps && (keeps as CaseKeeps).claim(c.id, c.claimId))));
      return hidden.length > 0 ? [...((theirs as AchCite[] | undefined) ?? []), ...hidden] : theirs;
    }
    case 'actorId': {
      const ours = m['actorId'] as string | undefined;
      return theirs === undefined && ours && !keeps('actors', ours) ? ours : theirs;
    }
    default:
      return theirs;
  }
}

/**
 * True when their value of `field` sets something in a place where ours holds a part withheld
 * from them (a claim's author, a series' actor): they never saw ours, so theirs is not an edit
 * of it but a rival value. The merge makes it a conflict, never a silent replacement.
 */
export function overridesWithheld(field: string, theirs: unknown, mine: AnyRecord, keeps: Keeps): boolean {
  const m = mine as unknown as Record<string, unknown>;
  if (field === 'responsibility') {
    const ours = new Map(((m['responsibility'] as ResponsibilityClaim[] | undefined) ?? []).map((c) => [c.id, c]));
    return ((theirs as ResponsibilityClaim[] | undefined) ?? []).some((claim) => {
      const o = ours.get(claim.id);
      if (!o?.byActorId || keeps('actors', o.byActorId)) return false;
      if (claim.by === undefined && claim.byActorId === undefined) return false;
      return claim.by !== o.by || claim.byActorId !== o.byActorId;
    });
  }
  if (field === 'actorId') {
    const ours = m['actorId'] as string | undefined;
    return ours !== undefined && !keeps('actors', ours) && theirs !== undefined && theirs !== ours;
  }
  return false;
}

/**
 * Their whole record read back onto ours across a cut: a field where theirs is what the cut
 * carries of ours keeps our full value; any other field is theirs with the cut parts put back.
 */
export function uncut<R extends AnyRecord>(collection: Exchanged, theirs: R, mine: R, keeps: Keeps): R {
  const seen = withoutPointers(mine as CollectionRecords[Exchanged], keeps) as unknown as Record<string, unknown>;
  const t = theirs as unknown as Record<string, unknown>;
  const m = mine as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(m), ...Object.keys(t)])) {
    const value = canonicalJson(t[field]) === canonicalJson(seen[field]) ? m[field] : restoreCut(field, t[field], mine, keeps);
    if (value !== undefined) out[field] = value;
  }
  return out as unknown as R;
}
