import type { Actor, Alias } from './actor';
import type { AuditEntry, Change } from './audit';
import type { Citation } from './citation';
import { participantsOf, type Event, type EventParticipant } from './event';
import type { SavedView } from './filters';
import { markingRank } from './marking';
import type { Relationship } from './relationship';
import type { Series } from './series';
import { detectScript } from '../names/script';

/** The parts of a case a merge reads. */
export interface MergeSource {
  actors: readonly Actor[];
  events: readonly Event[];
  relationships: readonly Relationship[];
  series: readonly Series[];
  /** Saved views: those filtering on the merged actor filter on the kept one instead. */
  views?: readonly SavedView[];
}

export interface ActorMergePlan {
  /** The surviving actor after the merge. */
  merged: Actor;
  /** Every change, in order: the merged actor, moved references, then the removal of the other actor. */
  changes: Change[];
  summary: string;
  /** How many records of each kind point at the kept actor instead of the removed one. */
  moved: { claims: number; participants: number; relationships: number; series: number };
  /** Relationships between the two actors: they would link the merged actor to itself, so they are removed. */
  removedSelfLinks: Relationship[];
}

export class ActorMergeError extends Error {}

/**
 * Merges actor `mergeId` into actor `keepId`: every responsibility claim (actorId, byActorId),
 * event participant, relationship end and series that named the merged actor names the kept one, the merged actor's
 * name and aliases become aliases of the kept one with their provenance, and the merged actor is
 * removed. The result is a list of changes to commit as ONE audit entry, so one undo reverts it.
 */
export function planActorMerge(source: MergeSource, keepId: string, mergeId: string): ActorMergePlan {
  if (keepId === mergeId) throw new ActorMergeError('An actor cannot be merged into itself; pick two different actors.');
  const keep = source.actors.find((a) => a.id === keepId);
  const drop = source.actors.find((a) => a.id === mergeId);
  if (!keep || !drop) throw new ActorMergeError(`No actor with id ${keep ? mergeId : keepId}; it may have been deleted. Nothing was merged.`);

  const merged = mergeActorRecords(keep, drop);
  const changes: Change[] = [{ op: 'put', collection: 'actors', id: keep.id, before: keep, after: merged }];
  const moved = { claims: 0, participants: 0, relationships: 0, series: 0 };
  const swap = (id: string): string => (id === mergeId ? keepId : id);

  for (const event of source.events) {
    const inClaims = event.responsibility.some((c) => c.actorId === mergeId || c.byActorId === mergeId);
    const inParticipants = participantsOf(event).some((p) => p.actorId === mergeId);
    if (!inClaims && !inParticipants) continue;
    const responsibility = event.responsibility.map((claim) => {
      if (claim.actorId !== mergeId && claim.byActorId !== mergeId) return claim;
      moved.claims++;
      const next = { ...claim, actorId: swap(claim.actorId) };
      return claim.byActorId === undefined ? next : { ...next, byActorId: swap(claim.byActorId) };
    });
    const after: Event = { ...event, responsibility };
    if (inParticipants) {
      moved.participants += participantsOf(event).filter((p) => p.actorId === mergeId).length;
      after.participants = mergeParticipants(participantsOf(event).map((p) => ({ ...p, actorId: swap(p.actorId) })));
    }
    changes.push({ op: 'put', collection: 'events', id: event.id, before: event, after });
  }

  const removedSelfLinks: Relationship[] = [];
  for (const rel of source.relationships) {
    if (rel.sourceActorId !== mergeId && rel.targetActorId !== mergeId) continue;
    const after = { ...rel, sourceActorId: swap(rel.sourceActorId), targetActorId: swap(rel.targetActorId) };
    if (after.sourceActorId === after.targetActorId) {
      removedSelfLinks.push(rel);
      changes.push({ op: 'delete', collection: 'relationships', id: rel.id, before: rel });
      continue;
    }
    moved.relationships++;
    changes.push({ op: 'put', collection: 'relationships', id: rel.id, before: rel, after });
  }

  for (const series of source.series) {
    if (series.actorId !== mergeId) continue;
    moved.series++;
    changes.push({ op: 'put', collection: 'series', id: series.id, before: series, after: { ...series, actorId: keepId } });
  }

  for (const view of source.views ?? []) {
    const ids = view.filter.actorIds;
    if (!ids?.includes(mergeId)) continue;
    const after: SavedView = { ...view, filter: { ...view.filter, actorIds: union(ids.map(swap), []) } };
    changes.push({ op: 'put', collection: 'views', id: view.id, before: view, after });
  }

  changes.push({ op: 'delete', collection: 'actors', id: drop.id, before: drop });
  const summary = `Merged actor “${drop.name}” into “${keep.name}”`;
  return { merged, changes, summary, moved, removedSelfLinks };
}

/** The kept actor with everything the other one knew: names as aliases, roles, tags, citations. */
export function mergeActorRecords(keep: Actor, drop: Actor): Actor {
  const provenance = `merged from actor “${drop.name}” (${drop.id})`;
  const incoming: Alias[] = [
    { name: drop.name, language: guessLanguage(drop), script: primaryScript(drop), provenance, citations: drop.citations.filter((c) => c.field === 'name') },
    ...drop.aliases.map((alias) => ({ ...alias, provenance: alias.provenance ? `${provenance}; earlier: ${alias.provenance}` : provenance })),
  ];
  const aliases = [...keep.aliases];
  for (const alias of incoming) {
    if (alias.name === keep.name) continue;
    const same = aliases.findIndex((a) => a.name === alias.name && a.language === alias.language);
    if (same === -1) aliases.push(alias);
    else aliases[same] = { ...(aliases[same] as Alias), citations: unionCitations((aliases[same] as Alias).citations, alias.citations) };
  }
  const merged: Actor = {
    ...keep,
    aliases,
    roles: union(keep.roles, drop.roles),
    nationality: union(keep.nationality, drop.nationality),
    tags: union(keep.tags, drop.tags),
    marking: markingRank(drop.marking) > markingRank(keep.marking) ? drop.marking : keep.marking,
    citations: unionCitations(keep.citations, drop.citations),
  };
  const status = keep.status ?? drop.status;
  if (status) merged.status = status;
  const description = [keep.description, drop.description && drop.description !== keep.description ? `From “${drop.name}”: ${drop.description}` : undefined].filter(Boolean).join('\n\n');
  if (description) merged.description = description.slice(0, 20_000);
  return merged;
}

/** Two entries for the same actor in the same role (both merged actors were targets) become one, citations joined. */
function mergeParticipants(participants: readonly EventParticipant[]): EventParticipant[] {
  const out: EventParticipant[] = [];
  for (const p of participants) {
    const same = out.findIndex((q) => q.actorId === p.actorId && q.role === p.role);
    if (same === -1) out.push(p);
    else out[same] = { ...(out[same] as EventParticipant), citations: unionCitations((out[same] as EventParticipant).citations, p.citations) };
  }
  return out;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function unionCitations(a: readonly Citation[], b: readonly Citation[]): Citation[] {
  const seen = new Set(a.map((c) => JSON.stringify(c)));
  return [...a, ...b.filter((c) => !seen.has(JSON.stringify(c)))];
}

function primaryScript(actor: Actor): Alias['script'] {
  const script = detectScript(actor.name);
  return script === 'mixed' || script === 'other' ? 'Latn' : script;
}

/** A guess from the script alone: Arabic, Russian, English; 'und' (undetermined) for other scripts. */
function guessLanguage(actor: Actor): string {
  const script = primaryScript(actor);
  return script === 'Arab' ? 'ar' : script === 'Cyrl' ? 'ru' : script === 'Latn' ? 'en' : 'und';
}

/**
 * The record with every actor it names passed through `rename` (claims, who made them, event
 * participants, relationship ends, a series' actor); the same object when nothing changes, and
 * null for a relationship that would then link an actor to itself.
 */
export function renameActors<R extends { id: string }>(collection: string, record: R, rename: (id: string) => string): R | null {
  if (collection === 'events') {
    const event = record as unknown as Event;
    let changed = false;
    const swap = (id: string): string => {
      const to = rename(id);
      if (to !== id) changed = true;
      return to;
    };
    const responsibility = event.responsibility.map((c) => {
      const next = { ...c, actorId: swap(c.actorId) };
      if (c.byActorId !== undefined) next.byActorId = swap(c.byActorId);
      return next;
    });
    const participants = event.participants?.map((p) => ({ ...p, actorId: swap(p.actorId) }));
    if (!changed) return record;
    const after: Event = { ...event, responsibility };
    if (participants) after.participants = mergeParticipants(participants);
    return after as unknown as R;
  }
  if (collection === 'relationships') {
    const rel = record as unknown as Relationship;
    const sourceActorId = rename(rel.sourceActorId);
    const targetActorId = rename(rel.targetActorId);
    if (sourceActorId === rel.sourceActorId && targetActorId === rel.targetActorId) return record;
    return sourceActorId === targetActorId ? null : ({ ...rel, sourceActorId, targetActorId } as unknown as R);
  }
  if (collection === 'series') {
    const series = record as unknown as Series;
    const actorId = series.actorId === undefined ? undefined : rename(series.actorId);
    return actorId === series.actorId ? record : ({ ...series, actorId } as unknown as R);
  }
  return record;
}

/**
 * Where each actor merged away in this history went: an entry that deletes actor D and puts an
 * actor K carrying an alias "merged from actor … (D)" (an actor merge here, or a partner's one
 * received in an exchange merge) sends D to K; a later put of D (an undo) takes that back.
 * Returns a resolver that follows chains (D → K → L) to an actor `exists` knows.
 */
export function mergedAwayActors(history: readonly AuditEntry[], exists: (id: string) => boolean): (id: string) => string {
  const to = new Map<string, string>();
  for (const entry of history) {
    for (const change of entry.changes) {
      if (change.collection !== 'actors') continue;
      if (change.op === 'put') {
        to.delete(change.id);
        continue;
      }
      const marker = `(${change.id})`;
      const keeper = entry.changes.find((c) => c.op === 'put' && c.collection === 'actors' && c.id !== change.id && (c.after as Actor).aliases.some((a) => a.provenance?.includes(marker)));
      if (keeper) to.set(change.id, keeper.id);
    }
  }
  return (id) => {
    let at = id;
    for (let hops = 0; hops < 20 && !exists(at); hops++) {
      const next = to.get(at);
      if (next === undefined) break;
      at = next;
    }
    return exists(at) ? at : id;
  };
}
