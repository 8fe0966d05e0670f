import type { EventCategory } from '../../domain/event';
import { interCode } from './columns';

/** ACLED's event types as its exports have named them since 2019. */
export const ACLED_EVENT_TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'] as const;
export type AcledEventType = (typeof ACLED_EVENT_TYPES)[number];

/**
 * What each type means in a case (the table in docs/import.md): its category, and whether ACLED
 * holds actor1's side to have done it. Only violence against civilians and explosions/remote
 * violence have a side that acted on the other; in a battle ACLED's order does not say who
 * started it, and protesters, rioters and the parties to a strategic development bear no
 * responsibility for an attack. Everyone named on those takes part as a participant.
 */
export const ACLED_TYPE_TABLE: Readonly<Record<AcledEventType, { category: EventCategory; attributed: boolean }>> = {
  Battles: { category: 'battle', attributed: false },
  'Explosions/Remote violence': { category: 'attack', attributed: true },
  'Violence against civilians': { category: 'attack', attributed: true },
  Protests: { category: 'protest', attributed: false },
  Riots: { category: 'riot', attributed: false },
  'Strategic developments': { category: 'strategic-development', attributed: false },
};

/** Strategic developments whose sub-event type has a category of its own. */
const STRATEGIC_CATEGORIES: ReadonlyArray<[string, EventCategory]> = [
  ['arrests', 'arrest'],
  ['disrupted weapons use', 'foiled-plot'],
];

/** Older type names (ACLED to 2018) → today's type, and the sub-event type the old name implies. */
const OLDER_TYPES: Readonly<Record<string, { type: AcledEventType; sub?: string }>> = {
  'battle-no change of territory': { type: 'Battles', sub: 'Armed clash' },
  'battle-government regains territory': { type: 'Battles', sub: 'Government regains territory' },
  'battle-non-state actor overtakes territory': { type: 'Battles', sub: 'Non-state actor overtakes territory' },
  'remote violence': { type: 'Explosions/Remote violence' },
  'non-violent transfer of territory': { type: 'Strategic developments', sub: 'Non-violent transfer of territory' },
  'headquarters or base established': { type: 'Strategic developments', sub: 'Headquarters or base established' },
  'strategic development': { type: 'Strategic developments' },
};

const CURRENT_BY_KEY = new Map<string, AcledEventType>(ACLED_EVENT_TYPES.map((t) => [typeKey(t), t]));

/** Lower case, single spaces, no space around hyphens, "Battles-…" as "Battle-…" (both spellings occur). */
function typeKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ ?- ?/g, '-').replace(/^battles-/, 'battle-');
}

const RIOT_SUBS = new Set(['violent demonstration', 'mob violence']);
const PROTEST_SUBS = new Set(['peaceful protest', 'protest with intervention', 'excessive force against protesters']);

/** The type of an event and how it was read: `type` null when the name is not one ACLED uses. */
export interface ReadType {
  type: AcledEventType | null;
  /** The sub-event type: the file's, else the one an older type name implies. */
  sub: string;
  category: EventCategory;
  attributed: boolean;
  /** An older "Riots/Protests" row that nothing told apart: taken as Protests. */
  guessed: boolean;
}

/**
 * Reads an ACLED event type, any era. An older "Riots/Protests" is told apart by its sub-event
 * type, else by its actor types (rioters 5, protesters 6, on either side or in the interaction
 * code), else taken as Protests (and `guessed`, so the preview can say so).
 */
export function readEventType(eventType: string, subEventType: string, inter1: number, inter2: number, interaction: number): ReadType {
  const key = typeKey(eventType);
  let type: AcledEventType | null = CURRENT_BY_KEY.get(key) ?? null;
  let sub = subEventType;
  let guessed = false;
  if (!type && key === 'riots/protests') {
    const side = riotOrProtest(subEventType, [inter1, inter2, Math.floor(interaction / 10), interaction % 10]);
    type = side ?? 'Protests';
    guessed = side === null;
  } else if (!type) {
    const older = OLDER_TYPES[key];
    if (older) {
      type = older.type;
      sub = sub || (older.sub ?? '');
    }
  }
  if (!type) return { type: null, sub, category: 'other', attributed: false, guessed: false };
  const rule = ACLED_TYPE_TABLE[type];
  const subKey = sub.trim().toLowerCase();
  const strategic = type === 'Strategic developments' ? STRATEGIC_CATEGORIES.find(([prefix]) => subKey.startsWith(prefix))?.[1] : undefined;
  return { type, sub, category: strategic ?? rule.category, attributed: rule.attributed, guessed };
}

function riotOrProtest(subEventType: string, codes: readonly number[]): 'Riots' | 'Protests' | null {
  const sub = subEventType.trim().toLowerCase();
  if (RIOT_SUBS.has(sub)) return 'Riots';
  if (PROTEST_SUBS.has(sub)) return 'Protests';
  if (codes.includes(5)) return 'Riots';
  if (codes.includes(6)) return 'Protests';
  return null;
}

/**
 * ACLED's interaction code: the two sides' inter codes, the smaller first (27), or one code
 * times ten for a side alone (20). Read from the file's number, or from the text newer exports
 * give ("Rebel group-Civilians", "Protesters only"), else made from inter1 and inter2.
 * 0 when nothing gives one.
 */
export function interactionCode(text: string, inter1: number, inter2: number): number {
  const t = text.trim();
  if (/^\d{2}$/.test(t)) {
    const n = Number(t);
    return validInteraction(n) ? n : 0;
  }
  if (t) {
    const only = /^(.*?)\s+only$/i.exec(t);
    const codes = only ? [interCode(only[1] ?? ''), 0] : t.split('-').map(interCode);
    if (codes.length === 2 && codes[0]! > 0) return pair(codes[0]!, codes[1]!);
  }
  return inter1 > 0 ? pair(inter1, inter2) : inter2 > 0 ? pair(inter2, 0) : 0;
}

function pair(a: number, b: number): number {
  if (b === 0) return a * 10;
  return Math.min(a, b) * 10 + Math.max(a, b);
}

function validInteraction(n: number): boolean {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return tens >= 1 && tens <= 8 && units <= 8;
}
