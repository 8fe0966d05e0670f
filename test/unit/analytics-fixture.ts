import type { Actor } from '../../src/shared/domain/actor';
import type { Event } from '../../src/shared/domain/event';
import type { Series } from '../../src/shared/domain/series';
import type { Source } from '../../src/shared/domain/source';
import { partialDate } from '../../src/shared/domain/partial-date';

/**
 * A small case whose chart values are worked out by hand in the tests. Dates: E1 day, E2 month,
 * E3 and E5 year only; E5 has no province; E6 is abroad. E7 is TLP:RED (left out of reports).
 */
const base: Pick<Event, 'tags' | 'responsibility' | 'citations'> = { tags: [], responsibility: [], citations: [] };
const claimed = (id: string, sourceId = 'source--a', locator?: string) => [
  { id: `claim--${id}`, actorId: 'actor--isk', kind: 'claimed' as const, confidence: 'high' as const, citations: [{ sourceId, credibility: 2, ...(locator ? { locator } : {}) }] },
];

export const FIXTURE_EVENTS: Event[] = [
  { ...base, id: 'event--e1', title: 'E1 Nangarhar bombing', category: 'attack', date: partialDate('2021-03-15'), location: { country: 'AF', admin1: 'Nangarhar', place: 'Jalalabad', lat: 34.43, lon: 70.45, geoPrecision: 'near' }, fatalities: { min: 10, max: 12 }, scope: 'internal', marking: 'TLP:CLEAR', responsibility: claimed('e1', 'source--a', 'p. 3') },
  { ...base, id: 'event--e2', title: 'E2 Kabul attack', category: 'attack', date: partialDate('2021-03'), location: { country: 'AF', admin1: 'Kabul', geoPrecision: 'admin1' }, fatalities: { min: 5, max: 5 }, scope: 'internal', marking: 'TLP:CLEAR', responsibility: claimed('e2', 'source--a', 'p. 3') },
  { ...base, id: 'event--e3', title: 'E3 Bajaur attack', category: 'attack', date: partialDate('2021'), location: { country: 'PK', admin1: 'Khyber Pakhtunkhwa', geoPrecision: 'admin1' }, fatalities: { min: 3, max: 3 }, scope: 'internal', marking: 'TLP:GREEN', citations: [{ sourceId: 'source--b', credibility: 3 }] },
  { ...base, id: 'event--e4', title: 'E4 Raid in Nangarhar', category: 'counter-operation', date: partialDate('2022-06-01'), location: { country: 'AF', admin1: 'Nangarhar', geoPrecision: 'admin1' }, fatalities: { min: 20, max: 30 }, scope: 'internal', marking: 'TLP:GREEN', citations: [{ sourceId: 'source--amber', credibility: 2 }] },
  { ...base, id: 'event--e5', title: 'E5 Raids somewhere in Afghanistan', category: 'counter-operation', date: partialDate('2022'), location: { country: 'AF', geoPrecision: 'country' }, fatalities: { min: 4, max: 4 }, scope: 'internal', marking: 'TLP:CLEAR' },
  { ...base, id: 'event--e6', title: 'E6 Concert hall attack', category: 'attack', date: partialDate('2024-03-22'), location: { country: 'RU', admin1: 'Moscow Oblast', lat: 55.83, lon: 37.39, geoPrecision: 'exact' }, fatalities: { min: 145, max: 145 }, scope: 'external', marking: 'TLP:CLEAR', responsibility: claimed('e6', 'source--b') },
];

export const RED_EVENT: Event = { ...base, id: 'event--e7', title: 'E7 Secret informant meeting', category: 'statement', date: partialDate('2023-05-02'), location: { country: 'TJ', geoPrecision: 'country' }, scope: 'external', marking: 'TLP:RED', citations: [{ sourceId: 'source--a', credibility: 2 }] };

export const FIXTURE_SERIES: Series[] = [
  { id: 'series--s1', title: 'Claimed attacks per year', measure: 'claimed attacks', unit: 'attacks', points: [{ period: partialDate('2020'), value: 83 }, { period: partialDate('2021'), value: 353 }], marking: 'TLP:CLEAR', citations: [] },
  { id: 'series--s2', title: 'Operations 2022–2023', measure: 'operations', unit: 'attacks', points: [{ period: partialDate('2022'), until: partialDate('2023'), value: 75 }], marking: 'TLP:CLEAR', citations: [] },
];

export const FIXTURE_SOURCES: Source[] = [
  { id: 'source--a', title: 'Source A report', authors: ['A. Author'], publisher: 'CTC Sentinel', date: partialDate('2024-05'), kind: 'journal-article', language: 'en', reliability: 'B', marking: 'TLP:CLEAR' },
  { id: 'source--b', title: 'Source B wire', authors: [], kind: 'news-report', language: 'en', reliability: 'C', marking: 'TLP:CLEAR', url: 'https://example.org/b' },
  { id: 'source--amber', title: 'Amber liaison note', authors: [], kind: 'field-report', language: 'en', reliability: 'B', marking: 'TLP:AMBER' },
];

export const FIXTURE_ACTORS: Actor[] = [
  { id: 'actor--isk', kind: 'organisation', name: 'Islamic State Khorasan', aliases: [{ name: 'ولایت خراسان', language: 'ps', script: 'Arab', transliteration: 'Wilayat Khurasan', citations: [{ sourceId: 'source--a', credibility: 2, locator: 'p. 1' }] }], roles: [], nationality: [], tags: [], marking: 'TLP:CLEAR', citations: [{ sourceId: 'source--a', credibility: 2, locator: 'p. 3' }] },
  { id: 'actor--secret', kind: 'person', name: 'Red Informant', aliases: [], roles: [], nationality: [], tags: [], marking: 'TLP:RED', citations: [] },
];
