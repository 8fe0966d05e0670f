import type { Actor } from '../../../shared/domain/actor';
import type { Citation } from '../../../shared/domain/citation';
import type { Event, ResponsibilityClaim } from '../../../shared/domain/event';
import { comparePartialDates } from '../../../shared/domain/partial-date';
import type { Relationship } from '../../../shared/domain/relationship';
import type { Source } from '../../../shared/domain/source';

/**
 * How an actor figures in an event. The event model links actors only through responsibility
 * claims, so "perpetrator" is a claim naming the actor (claimed, attributed, suspected) and
 * "participant" is the actor having made the claim or attribution (byActorId) or denied it.
 */
export type EventRole = 'perpetrator' | 'participant';

export interface ActorEvent {
  event: Event;
  role: EventRole;
  /** The claims that tie the actor to the event. */
  claims: ResponsibilityClaim[];
}

export function actorEvents(actorId: string, events: readonly Event[]): ActorEvent[] {
  const out: ActorEvent[] = [];
  for (const event of events) {
    const claims = event.responsibility.filter((c) => c.actorId === actorId || c.byActorId === actorId);
    if (claims.length === 0) continue;
    const perpetrator = claims.some((c) => c.actorId === actorId && c.kind !== 'denied');
    out.push({ event, role: perpetrator ? 'perpetrator' : 'participant', claims });
  }
  return out.sort((a, b) => comparePartialDates(a.event.date, b.event.date));
}

export function actorRelationships(actorId: string, relationships: readonly Relationship[]): Relationship[] {
  return relationships
    .filter((r) => r.sourceActorId === actorId || r.targetActorId === actorId)
    .sort((a, b) => (a.from && b.from ? comparePartialDates(a.from, b.from) : a.from ? -1 : b.from ? 1 : a.type.localeCompare(b.type)));
}

export interface CitedSource {
  source: Source;
  /** Where in the profile it is cited: "name", "alias ولاية خراسان", "relationship member of …". */
  supports: string[];
}

/** Every source cited by the actor, its aliases and status, and its relationships, with what each supports. */
export function actorSources(actor: Actor, relationships: readonly Relationship[], sources: readonly Source[], name: (id: string) => string): CitedSource[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const found = new Map<string, Set<string>>();
  const note = (citations: readonly Citation[], what: string) => {
    for (const c of citations) {
      const set = found.get(c.sourceId) ?? new Set<string>();
      set.add(c.field ? `${what} (${c.field})` : what);
      found.set(c.sourceId, set);
    }
  };
  note(actor.citations, 'the actor');
  actor.aliases.forEach((a) => note(a.citations, `alias “${a.name}”`));
  if (actor.status) note(actor.status.citations, 'status');
  for (const r of relationships) note(r.citations, `${r.type.replace(/^custom:/, '').replace(/-/g, ' ')} ${name(r.sourceActorId === actor.id ? r.targetActorId : r.sourceActorId)}`);
  return [...found.entries()].flatMap(([id, supports]) => {
    const source = byId.get(id);
    return source ? [{ source, supports: [...supports] }] : [];
  });
}
