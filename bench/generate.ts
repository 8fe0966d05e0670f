import type { Actor } from '../src/shared/domain/actor';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../src/shared/domain/case';
import type { Citation } from '../src/shared/domain/citation';
import type { Event, EventCategory } from '../src/shared/domain/event';
import type { Marking } from '../src/shared/domain/marking';
import type { PartialDate } from '../src/shared/domain/partial-date';
import type { Relationship } from '../src/shared/domain/relationship';
import type { Source } from '../src/shared/domain/source';

/**
 * A generator of synthetic but realistic-looking cases, for the bench and for tests that need a
 * case of some size. Deterministic for a given seed. Every record it makes passes the schemas.
 * An event serialises to about 650 bytes of JSON on average (title, partial date, located place,
 * attack and target types and disputed counts where they apply, competing responsibility claims,
 * citations); UUID-shaped ids make up about a third of that.
 */
export interface GenerateOptions {
  events: number;
  actors: number;
  /** Sources cited by the records; defaults to max(20, events / 50). */
  sources?: number;
  seed?: number;
  /** Case id; defaults to a seed-derived one. */
  id?: string;
  name?: string;
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

/** A stable id shaped like "<prefix>--<uuid>", derived from the prefix, a number and the seed. */
export function syntheticId(prefix: string, n: number, seed = 1): string {
  const hex = (v: number, len: number) => (v >>> 0).toString(16).padStart(len, '0').slice(-len);
  const r = prng(n * 7919 + seed * 104729);
  const a = Math.floor(r() * 2 ** 32);
  const b = Math.floor(r() * 2 ** 32);
  return `${prefix}--${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-8${hex(n, 3)}-${hex(n, 12)}`;
}

interface Place {
  country: string;
  admin1: string;
  admin2: string;
  place: string;
  lat: number;
  lon: number;
}

const PLACES: readonly Place[] = [
  { country: 'AF', admin1: 'Nangarhar', admin2: 'Achin', place: 'Mamand valley', lat: 34.08, lon: 70.68 },
  { country: 'AF', admin1: 'Nangarhar', admin2: 'Jalalabad', place: 'Jalalabad city', lat: 34.43, lon: 70.45 },
  { country: 'AF', admin1: 'Kabul', admin2: 'Kabul', place: 'Dasht-e Barchi', lat: 34.5, lon: 69.1 },
  { country: 'AF', admin1: 'Kunar', admin2: 'Chawkay', place: 'Chawkay bazaar', lat: 34.83, lon: 70.95 },
  { country: 'AF', admin1: 'Kunduz', admin2: 'Kunduz', place: 'Kunduz city', lat: 36.73, lon: 68.86 },
  { country: 'AF', admin1: 'Balkh', admin2: 'Mazar-e Sharif', place: 'Mazar-e Sharif', lat: 36.71, lon: 67.11 },
  { country: 'AF', admin1: 'Herat', admin2: 'Herat', place: 'Herat city', lat: 34.35, lon: 62.2 },
  { country: 'AF', admin1: 'Kandahar', admin2: 'Kandahar', place: 'Kandahar city', lat: 31.61, lon: 65.71 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Bajaur', place: 'Khar', lat: 34.72, lon: 71.52 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Peshawar', place: 'Peshawar', lat: 34.01, lon: 71.58 },
  { country: 'PK', admin1: 'Balochistan', admin2: 'Mastung', place: 'Mastung', lat: 29.8, lon: 66.85 },
  { country: 'PK', admin1: 'Khyber Pakhtunkhwa', admin2: 'Orakzai', place: 'Kalaya', lat: 33.6, lon: 70.95 },
  { country: 'TJ', admin1: 'Khatlon', admin2: 'Vose', place: 'Vose district', lat: 37.8, lon: 69.64 },
  { country: 'UZ', admin1: 'Surxondaryo', admin2: 'Termiz', place: 'Termez', lat: 37.22, lon: 67.28 },
  { country: 'RU', admin1: 'Moscow Oblast', admin2: 'Krasnogorsk', place: 'Krasnogorsk', lat: 55.82, lon: 37.33 },
  { country: 'IR', admin1: 'Kerman', admin2: 'Kerman', place: 'Kerman', lat: 30.28, lon: 57.08 },
  { country: 'TR', admin1: 'Istanbul', admin2: 'Sariyer', place: 'Sariyer', lat: 41.17, lon: 29.05 },
];

const ATTACK_TYPES = ['suicide bombing', 'IED', 'armed assault', 'targeted killing', 'rocket attack', 'VBIED', 'kidnapping', 'grenade attack'] as const;
const TARGET_TYPES = ['religious gathering', 'security forces', 'government officials', 'civilians', 'political rally', 'education', 'media', 'diplomatic mission'] as const;
const CATEGORIES: readonly EventCategory[] = ['attack', 'attack', 'attack', 'attack', 'foiled-plot', 'arrest', 'counter-operation', 'propaganda-release', 'statement'];
const MARKINGS: readonly Marking[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const TAGS = ['sectarian', 'cross-border', 'claimed-by-amaq', 'disputed-toll', 'urban', 'rural', 'checkpoint', 'mosque', 'shrine', 'prison-break'] as const;
const NAME_PARTS = ['Abdul', 'Rahman', 'Mawlawi', 'Hafiz', 'Saeed', 'Khan', 'Orakzai', 'Muhajir', 'Farooqi', 'Aslam', 'Shahab', 'Zia', 'Tajiki', 'Uzbeki'] as const;
const ORG_WORDS = ['Front', 'Brigade', 'Media Office', 'Province', 'Movement', 'Battalion', 'Cell', 'Council'] as const;
const PUBLISHERS = ['Amaq News Agency', 'Al-Azaim Foundation', 'TOLOnews', 'Dawn', 'Reuters', 'UN Security Council Monitoring Team', 'Khaama Press', 'Asia-Plus'] as const;

function partialDateFrom(rand: Rand): PartialDate {
  const year = int(rand, 2014, 2025);
  const roll = rand();
  if (roll < 0.08) return { value: String(year), precision: 'year' };
  const month = String(int(rand, 1, 12)).padStart(2, '0');
  if (roll < 0.2) return { value: `${year}-${month}`, precision: 'month', approximate: true };
  const day = String(int(rand, 1, 28)).padStart(2, '0');
  return { value: `${year}-${month}-${day}`, precision: 'day' };
}

function citations(rand: Rand, sourceIds: readonly string[], max: number): Citation[] {
  const n = int(rand, 1, max);
  const out: Citation[] = [];
  for (let i = 0; i < n; i++) {
    const c: Citation = { sourceId: pick(rand, sourceIds), credibility: int(rand, 1, 6) };
    if (rand() < 0.4) c.locator = `p. ${int(rand, 1, 240)}`;
    if (rand() < 0.2) c.field = 'fatalities';
    out.push(c);
  }
  return out;
}

export function generateSource(n: number, seed = 1): Source {
  const rand = prng(seed * 31 + n);
  const publisher = pick(rand, PUBLISHERS);
  return {
    id: syntheticId('source', n, seed),
    title: `${publisher} report ${n}: ${pick(rand, ATTACK_TYPES)} in ${pick(rand, PLACES).admin1}`,
    publisher,
    authors: rand() < 0.5 ? [`${pick(rand, NAME_PARTS)} ${pick(rand, NAME_PARTS)}`] : [],
    date: partialDateFrom(rand),
    kind: pick(rand, ['news-report', 'group-propaganda', 'official-statement', 'journal-article', 'dataset'] as const),
    language: pick(rand, ['en', 'ps', 'fa-AF', 'ru', 'ar']),
    reliability: pick(rand, ['A', 'B', 'C', 'D', 'E', 'F'] as const),
    marking: pick(rand, MARKINGS),
  };
}

export function generateActor(n: number, sourceIds: readonly string[], seed = 1): Actor {
  const rand = prng(seed * 17 + n);
  const isPerson = rand() < 0.6;
  const name = isPerson
    ? `${pick(rand, NAME_PARTS)} ${pick(rand, NAME_PARTS)} ${pick(rand, NAME_PARTS)} (${n})`
    : `${pick(rand, PLACES).admin1} ${pick(rand, ORG_WORDS)} ${n}`;
  return {
    id: syntheticId('actor', n, seed),
    kind: isPerson ? 'person' : pick(rand, ['organisation', 'faction', 'media-outlet'] as const),
    name,
    aliases: [
      { name: isPerson ? `ابو ${n}` : `ولایت خراسان ${n}`, language: 'ps', script: 'Arab', transliteration: `Abu ${n}`, citations: citations(rand, sourceIds, 1) },
      { name: `Вилаят ${n}`, language: 'ru', script: 'Cyrl', citations: [] },
    ],
    status: { value: pick(rand, ['active', 'deceased', 'detained', 'unknown'] as const), from: partialDateFrom(rand), citations: citations(rand, sourceIds, 1) },
    roles: isPerson ? [pick(rand, ['commander', 'spokesman', 'recruiter', 'financier'])] : [],
    nationality: [pick(rand, PLACES).country],
    description: `Synthetic actor ${n} for benchmarks and tests; active around ${pick(rand, PLACES).place}.`,
    tags: [pick(rand, TAGS)],
    marking: pick(rand, MARKINGS),
    citations: citations(rand, sourceIds, 2),
  };
}

export function generateEvent(n: number, actorIds: readonly string[], sourceIds: readonly string[], seed = 1): Event {
  const rand = prng(seed * 13 + n);
  const place = pick(rand, PLACES);
  const category = pick(rand, CATEGORIES);
  const violent = category === 'attack' || category === 'counter-operation';
  const attackType = pick(rand, ATTACK_TYPES);
  const targetType = pick(rand, TARGET_TYPES);
  const fatalMin = int(rand, 0, 40);
  const title =
    category === 'attack' || category === 'foiled-plot'
      ? `${category === 'foiled-plot' ? 'Foiled ' : `${attackType[0]?.toUpperCase()}`}${category === 'foiled-plot' ? attackType : attackType.slice(1)} on ${targetType} in ${place.place}`
      : `${category[0]?.toUpperCase()}${category.slice(1).replace('-', ' ')} in ${place.place}`;
  const event: Event = {
    id: syntheticId('event', n, seed),
    title,
    category,
    date: partialDateFrom(rand),
    location: { ...place, lat: round3(place.lat + (rand() - 0.5) / 10), lon: round3(place.lon + (rand() - 0.5) / 10), geoPrecision: pick(rand, ['exact', 'near', 'admin2'] as const) },
    scope: place.country === 'AF' || place.country === 'PK' ? 'internal' : 'external',
    tags: rand() < 0.5 ? [pick(rand, TAGS)] : [],
    marking: pick(rand, MARKINGS),
    responsibility: [],
    citations: citations(rand, sourceIds, 1),
  };
  if (category === 'attack' || category === 'foiled-plot') {
    event.attackType = attackType;
    event.targetType = targetType;
  }
  if (violent) {
    event.fatalities = rand() < 0.3 ? { min: fatalMin, max: fatalMin + int(rand, 1, 20) } : { min: fatalMin, max: fatalMin };
    if (rand() < 0.5) event.injured = { min: int(rand, 0, 90), max: int(rand, 90, 120) };
  }
  if (rand() < 0.15) event.description = `Figures for the ${category.replace('-', ' ')} in ${place.admin1} differ between sources.`;
  if (actorIds.length > 0 && (category === 'attack' || category === 'foiled-plot' || category === 'propaganda-release')) {
    event.responsibility.push({
      id: syntheticId('claim', n * 2, seed),
      actorId: pick(rand, actorIds),
      kind: pick(rand, ['claimed', 'attributed', 'suspected'] as const),
      ...(rand() < 0.5 ? { by: pick(rand, PUBLISHERS) } : {}),
      confidence: pick(rand, ['low', 'medium', 'high'] as const),
      citations: rand() < 0.5 ? citations(rand, sourceIds, 1) : [],
    });
    if (rand() < 0.1) {
      event.responsibility.push({
        id: syntheticId('claim', n * 2 + 1, seed),
        actorId: pick(rand, actorIds),
        kind: 'denied',
        confidence: 'medium',
        citations: citations(rand, sourceIds, 1),
      });
    }
  }
  return event;
}

export function generateRelationship(n: number, actorIds: readonly string[], sourceIds: readonly string[], seed = 1): Relationship {
  const rand = prng(seed * 19 + n);
  return {
    id: syntheticId('relationship', n, seed),
    type: pick(rand, ['member-of', 'leader-of', 'affiliate-of', 'media-arm-of', 'allied-with'] as const),
    sourceActorId: pick(rand, actorIds),
    targetActorId: pick(rand, actorIds),
    from: partialDateFrom(rand),
    confidence: pick(rand, ['low', 'medium', 'high'] as const),
    marking: pick(rand, MARKINGS),
    citations: citations(rand, sourceIds, 1),
  };
}

/** A whole case; every reference points at a record in it. */
export function generateCase(options: GenerateOptions): CaseDocument {
  const seed = options.seed ?? 1;
  const sourceCount = options.sources ?? Math.max(20, Math.floor(options.events / 50));
  const sources = Array.from({ length: sourceCount }, (_, i) => generateSource(i, seed));
  const sourceIds = sources.map((s) => s.id);
  const actors = Array.from({ length: options.actors }, (_, i) => generateActor(i, sourceIds, seed));
  const actorIds = actors.map((a) => a.id);
  const events = Array.from({ length: options.events }, (_, i) => generateEvent(i, actorIds, sourceIds, seed));
  const relationships = Array.from({ length: Math.floor(options.actors / 2) }, (_, i) => generateRelationship(i, actorIds, sourceIds, seed));
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: options.id ?? syntheticId('case', 0, seed),
    name: options.name ?? `Synthetic case (${options.events} events, ${options.actors} actors)`,
    createdAt: '2025-01-01T00:00:00.000Z',
    defaultMarking: 'TLP:AMBER',
    events,
    actors,
    relationships,
    sources,
    series: [],
    views: [],
    attachments: [],
    matrices: [],
    matrixRows: [],
    reports: [],
    history: [],
  };
}
