import type { CitableCollection } from '../domain/ach';
import type { Actor } from '../domain/actor';
import { mergedAwayActors } from '../domain/actor-merge';
import type { AuditEntry } from '../domain/audit';
import type { Event, ResponsibilityClaim } from '../domain/event';
import type { Relationship } from '../domain/relationship';
import type { Source } from '../domain/source';

export interface CitableRecords {
  events: Event;
  sources: Source;
  actors: Actor;
  relationships: Relationship;
}

/** How ACH reads the records rows cite. */
export interface AchLookup {
  get<C extends CitableCollection>(collection: C, id: string): CitableRecords[C] | undefined;
  /** Where an actor merged away went, when the history says. */
  survivorOf?(actorId: string): string | undefined;
  /** The last title or name of a record since deleted, when the history has it. */
  lastLabel?(collection: CitableCollection, id: string): string | undefined;
}

/** A record's name for people: title, name, or for a relationship "A type B". */
export function citedLabel<C extends CitableCollection>(collection: C, record: CitableRecords[C], lookup: Pick<AchLookup, 'get'>): string {
  if (collection === 'relationships') {
    const r = record as Relationship;
    const name = (id: string) => lookup.get('actors', id)?.name ?? id;
    return `${name(r.sourceActorId)} ${r.type.replace(/^custom:/, '').replace(/-/g, ' ')} ${name(r.targetActorId)}`;
  }
  return 'title' in record ? record.title : (record as Actor).name;
}

export function claimLabel(claim: ResponsibilityClaim, lookup: Pick<AchLookup, 'get'>): string {
  const actor = lookup.get('actors', claim.actorId)?.name ?? claim.actorId;
  return `${claim.kind}: ${actor}${claim.by ? ` (by ${claim.by})` : ''}`;
}

/**
 * A lookup over the case: `get` reads records by id (the store's index, or maps over lists); the
 * history answers for records since deleted, read only when a row cites one (a scan of the history).
 */
export function caseLookup(get: AchLookup['get'], history: readonly AuditEntry[]): AchLookup {
  let survivors: ((id: string) => string) | null = null;
  const labels = new Map<string, string | undefined>();
  return {
    get,
    survivorOf(actorId) {
      survivors ??= mergedAwayActors(history, (id) => get('actors', id) !== undefined);
      return survivors(actorId);
    },
    lastLabel(collection, id) {
      const key = `${collection}/${id}`;
      if (!labels.has(key)) labels.set(key, lastLabelIn(history, collection, id));
      return labels.get(key);
    },
  };
}

function lastLabelIn(history: readonly AuditEntry[], collection: CitableCollection, id: string): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const changes = history[i]?.changes ?? [];
    for (let j = changes.length - 1; j >= 0; j--) {
      const c = changes[j];
      if (!c || c.id !== id || c.collection !== collection) continue;
      const record = (c.op === 'put' ? c.after : c.before) as { title?: string; name?: string };
      return record.title ?? record.name;
    }
  }
  return undefined;
}

/** A lookup over plain lists (the renderer's and the report's records), with maps built on first use. */
export function listLookup(records: { [C in CitableCollection]: readonly CitableRecords[C][] }, history: readonly AuditEntry[] = []): AchLookup {
  const maps = new Map<CitableCollection, Map<string, unknown>>();
  const get = <C extends CitableCollection>(collection: C, id: string): CitableRecords[C] | undefined => {
    let map = maps.get(collection);
    if (!map) {
      map = new Map((records[collection] as ReadonlyArray<{ id: string }>).map((r) => [r.id, r]));
      maps.set(collection, map);
    }
    return map.get(id) as CitableRecords[C] | undefined;
  };
  return caseLookup(get, history);
}
