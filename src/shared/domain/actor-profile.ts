import type { Actor } from './actor';
import type { Citation } from './citation';
import { participantsOf, type Event, type EventParticipant, type ResponsibilityClaim } from './event';
import { actorRoleIn, type EventRole } from './actor-roles';
import { comparePartialDates } from './partial-date';
import type { Relationship } from './relationship';
import type { Source } from './source';

/** The roles in the order the profile shows them, with their labels. */
export const EVENT_ROLES: ReadonlyArray<{ role: EventRole; label: string }> = [
  { role: 'perpetrator', label: 'Perpetrator' },
  { role: 'target', label: 'Target' },
  { role: 'participant', label: 'Participant' },
];

export const roleLabel = (role: EventRole): string => EVENT_ROLES.find((r) => r.role === role)?.label ?? role;

export interface ActorEvent {
  event: Event;
  /** The strongest tie (see actorRoleIn). */
  role: EventRole;
  /** The claims that tie the actor to the event (naming it, or made by it). */
  claims: ResponsibilityClaim[];
  /** The event's target and participant entries for the actor. */
  parties: EventParticipant[];
}

export function actorEvents(actorId: string, events: readonly Event[]): ActorEvent[] {
  const out: ActorEvent[] = [];
  for (const event of events) {
    const claims = event.responsibility.filter((c) => c.actorId === actorId || c.byActorId === actorId);
    const parties = participantsOf(event).filter((p) => p.actorId === actorId);
    if (claims.length === 0 && parties.length === 0) continue;
    out.push({ event, role: actorRoleIn(event, actorId) ?? 'participant', claims, parties });
  }
  return out.sort((a, b) => comparePartialDates(a.event.date, b.event.date));
}

/** Every way the actor is tied to the event, in words: "claimed", "made the claim", "denied", "target". */
export function roleTies(entry: ActorEvent, actorId: string): string[] {
  const ties = [
    ...entry.claims.map((c) => (c.actorId === actorId ? c.kind : 'made the claim')),
    ...entry.parties.map((p) => p.role),
  ];
  return [...new Set(ties)];
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

/**
 * Every source cited by the actor, its aliases and status, its relationships, and the events'
 * entries naming it as a target or participant, with what each supports.
 */
export function actorSources(
  actor: Actor,
  relationships: readonly Relationship[],
  events: readonly ActorEvent[],
  sources: readonly Source[],
  name: (id: string) => string,
): CitedSource[] {
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
  // Claim citations stay with the events (they would list most of a group's sources many times over).
  for (const { event, parties } of events) for (const p of parties) note(p.citations, `${p.role} in “${event.title}”`);
  return [...found.entries()].flatMap(([id, supports]) => {
    const source = byId.get(id);
    return source ? [{ source, supports: [...supports] }] : [];
  });
}
