import { participantsOf, type Event } from './event';

/**
 * How an actor figures in an event, strongest tie first: "perpetrator" when a claim that is not a
 * denial (claimed, attributed, suspected) names it; "target" when the event lists it as a target;
 * "participant" when the event lists it as a participant, or it made a claim or attribution
 * (`byActorId`), or the only claim naming it is a denial.
 */
export type EventRole = 'perpetrator' | 'target' | 'participant';

/** The actor's role in the event, or null when the event does not name it. */
export function actorRoleIn(event: Event, actorId: string): EventRole | null {
  let named = false;
  for (const claim of event.responsibility) {
    if (claim.actorId === actorId && claim.kind !== 'denied') return 'perpetrator';
    if (claim.actorId === actorId || claim.byActorId === actorId) named = true;
  }
  let target = false;
  for (const part of participantsOf(event)) {
    if (part.actorId !== actorId) continue;
    if (part.role === 'target') target = true;
    named = true;
  }
  if (target) return 'target';
  return named ? 'participant' : null;
}
