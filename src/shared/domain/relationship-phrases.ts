import type { RelationshipType } from './relationship';

/**
 * How a relationship reads from either end. A relationship runs source --type--> target; seen from
 * the source it reads in the active voice ("leader of al-Shabaab"), seen from the target in the
 * passive ("led by Godane"), so a profile never shows a type with a bare "(from)".
 */
export interface RelationshipPhrases {
  /** From the source: "<source> leader of <target>". */
  active: string;
  /** From the target: "<target> led by <source>". */
  passive: string;
  /** Which family the type belongs to, for the chart's line style and legend. */
  family: RelationshipFamily;
}

/** Structure (belongs to, leads), alliance, a break (split, defection) and hostility. */
export type RelationshipFamily = 'structure' | 'alliance' | 'break' | 'hostility' | 'other';

const BUILT_IN: Record<string, RelationshipPhrases> = {
  'member-of': { active: 'member of', passive: 'has member', family: 'structure' },
  'leader-of': { active: 'leader of', passive: 'led by', family: 'structure' },
  'affiliate-of': { active: 'affiliate of', passive: 'has affiliate', family: 'structure' },
  'media-arm-of': { active: 'media arm of', passive: 'has media arm', family: 'structure' },
  'ideologue-of': { active: 'ideologue of', passive: 'guided by ideologue', family: 'structure' },
  'recruited-for': { active: 'recruited for', passive: 'had recruiter', family: 'structure' },
  'allied-with': { active: 'allied with', passive: 'allied with', family: 'alliance' },
  'defected-from': { active: 'defected from', passive: 'lost defector', family: 'break' },
  'split-from': { active: 'split from', passive: 'has splinter group', family: 'break' },
  condemned: { active: 'condemned', passive: 'condemned by', family: 'hostility' },
  targeted: { active: 'targeted', passive: 'targeted by', family: 'hostility' },
  'killed-by': { active: 'killed by', passive: 'killed', family: 'hostility' },
};

/** The phrases of a built-in or user-defined (`custom:funded by`) type. */
export function relationshipPhrases(type: RelationshipType | string): RelationshipPhrases {
  const known = BUILT_IN[type];
  if (known) return known;
  const words = type.startsWith('custom:') ? type.slice('custom:'.length) : type.replace(/-/g, ' ');
  // A user's own words cannot be put in the passive reliably: an arrow says which way it runs.
  return { active: words, passive: `← ${words}`, family: 'other' };
}

/** The phrase for a relationship seen from `actorId`'s end. */
export function relationshipPhraseFrom(rel: { type: string; sourceActorId: string }, actorId: string): string {
  const phrases = relationshipPhrases(rel.type);
  return rel.sourceActorId === actorId ? phrases.active : phrases.passive;
}

export const RELATIONSHIP_FAMILY_NAMES: Record<RelationshipFamily, string> = {
  structure: 'Structure (member, leader, affiliate…)',
  alliance: 'Alliance',
  break: 'Split or defection',
  hostility: 'Hostility (targeted, condemned, killed)',
  other: 'Analyst-defined',
};
