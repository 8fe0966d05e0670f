import type { ActorKind } from '../../domain/actor';
import type { Confidence } from '../../domain/event';

/** Which STIX object an actor becomes, by kind (documented in docs/exchange-format.md). */
export const ACTOR_STIX_TYPE: Record<ActorKind, 'threat-actor' | 'intrusion-set' | 'identity'> = {
  organisation: 'threat-actor',
  faction: 'intrusion-set',
  person: 'identity',
  'media-outlet': 'identity',
  'state-body': 'identity',
};

/** STIX 2.1 Appendix "Low/Med/High" confidence scale. */
export const CONFIDENCE_SCORE: Record<Confidence, number> = { low: 15, medium: 50, high: 85 };

export function confidenceFromScore(score: unknown): Confidence {
  if (typeof score !== 'number') return 'medium';
  return score < 30 ? 'low' : score < 70 ? 'medium' : 'high';
}
