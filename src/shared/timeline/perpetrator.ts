import type { Event } from '../domain/event';

const RANK = { claimed: 0, attributed: 1, suspected: 2, denied: 3 } as const;

/** The actor held responsible first: a claim beats an attribution beats a suspicion; denials never count. '' when nobody. */
export function perpetratorOf(event: Event): string {
  let best = '';
  let bestRank = 3;
  for (const claim of event.responsibility) {
    const rank = RANK[claim.kind];
    if (rank < bestRank) {
      best = claim.actorId;
      bestRank = rank;
      if (rank === 0) break;
    }
  }
  return best;
}
