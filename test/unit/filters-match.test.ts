import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/shared/domain/event';
import { columnMask, eventColumns } from '../../src/shared/domain/event-columns';
import { eventMatches, type EventFilter } from '../../src/shared/domain/filters';
import { partialDateSpan, type PartialDate } from '../../src/shared/domain/partial-date';

const event = (date: PartialDate, extra: Partial<Event> = {}): Event => ({
  id: 'event--x',
  title: 'Attack in Kerman',
  category: 'attack',
  date,
  location: { country: 'IR', admin1: 'Kerman', place: 'Golzar-e Shohada cemetery', geoPrecision: 'near' },
  scope: 'external',
  tags: ['mass-casualty'],
  marking: 'TLP:CLEAR',
  responsibility: [],
  citations: [],
  ...extra,
});

const partialDateArb: fc.Arbitrary<PartialDate> = fc
  .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('year', 'month', 'day'))
  .map(([y, m, d, precision]) => {
    const mm = String(m).padStart(2, '0');
    const dd = String(d).padStart(2, '0');
    const value = precision === 'year' ? `${y}` : precision === 'month' ? `${y}-${mm}` : `${y}-${mm}-${dd}`;
    return { value, precision } as PartialDate;
  });

describe('the shared event filter', () => {
  it('keeps an event exactly when its date span overlaps [from, to], at any precision', () => {
    fc.assert(
      fc.property(partialDateArb, partialDateArb, partialDateArb, (date, from, to) => {
        const span = partialDateSpan(date);
        const expected = span.end > partialDateSpan(from).start && span.start < partialDateSpan(to).end;
        expect(eventMatches(event(date), { from, to })).toBe(expected);
        expect(eventMatches(event(date), { from })).toBe(span.end > partialDateSpan(from).start);
        expect(eventMatches(event(date), { to })).toBe(span.start < partialDateSpan(to).end);
      }),
      { numRuns: 2000 },
    );
  });

  it('matches every word of the text, case-insensitively, in title, description, place, province or tags', () => {
    const e = event({ value: '2024-01-03', precision: 'day' }, { description: 'Twin bombings at a memorial' });
    expect(eventMatches(e, { text: 'kerman' })).toBe(true);
    expect(eventMatches(e, { text: 'MEMORIAL golzar' })).toBe(true);
    expect(eventMatches(e, { text: 'mass-casualty' })).toBe(true);
    expect(eventMatches(e, { text: 'kerman moscow' })).toBe(false);
    // Words are text, not patterns.
    expect(eventMatches(e, { text: 'k.rman' })).toBe(false);
    expect(eventMatches(e, { text: '(' })).toBe(false);
  });

  it('finds an actor\'s events as perpetrator, target or participant, but only its claims when a responsibility kind is set', () => {
    const claim = { id: 'claim--1', actorId: 'actor--isk', kind: 'claimed' as const, confidence: 'high' as const, citations: [] };
    const raid = event({ value: '2024-03', precision: 'month' }, { responsibility: [claim], participants: [{ actorId: 'actor--fsb', role: 'participant', citations: [] }, { actorId: 'actor--taliban', role: 'target', citations: [] }] });
    const old = event({ value: '2024-03', precision: 'month' }, { responsibility: [claim] }); // written before participants existed
    expect(eventMatches(raid, { actorIds: ['actor--isk'] })).toBe(true);
    expect(eventMatches(raid, { actorIds: ['actor--taliban'] })).toBe(true);
    expect(eventMatches(raid, { actorIds: ['actor--fsb'] })).toBe(true);
    expect(eventMatches(raid, { actorIds: ['actor--amaq'] })).toBe(false);
    expect(eventMatches(old, { actorIds: ['actor--taliban'] })).toBe(false);
    // "Claimed by the Taliban" is not "the Taliban were targeted".
    expect(eventMatches(raid, { actorIds: ['actor--taliban'], responsibilityKinds: ['claimed'] })).toBe(false);
    expect(eventMatches(raid, { actorIds: ['actor--isk'], responsibilityKinds: ['claimed'] })).toBe(true);
  });
});

describe("filters on ACLED's own fields", () => {
  const day: PartialDate = { value: '2016-03-02', precision: 'day' };
  const riot = event(day, {
    id: 'event--acled-SOM2',
    category: 'riot',
    location: { country: 'SO', admin1: 'Banadir', admin2: 'Mogadishu', admin3: 'Hodan', place: 'Mogadishu', geoPrecision: 'exact' },
    acled: { eventType: 'Riots', subEventType: 'Mob violence', disorderType: 'Demonstrations', inter1: 5, inter2: 7, interaction: 57, civilianTargeting: true, sourceScale: 'National' },
  });
  const older = event(day, { id: 'event--acled-SOM110', category: 'attack', acled: { eventType: 'Violence against civilians', inter1: 2, inter2: 7, interaction: 27 } });
  const own = event(day, { id: 'event--analyst' });
  const events = [riot, older, own];
  const picked = (filter: EventFilter) => events.filter((e) => eventMatches(e, filter)).map((e) => e.id);

  it('selects by event type, sub-event type, disorder type, interaction, civilian targeting, source scale, admin2 and admin3', () => {
    expect(picked({ acledEventTypes: ['Riots'] })).toEqual(['event--acled-SOM2']);
    expect(picked({ acledEventTypes: ['Riots', 'Violence against civilians'] })).toEqual(['event--acled-SOM2', 'event--acled-SOM110']);
    expect(picked({ subEventTypes: ['Mob violence'] })).toEqual(['event--acled-SOM2']);
    expect(picked({ disorderTypes: ['Political violence'] })).toEqual([]);
    expect(picked({ interactions: [27] })).toEqual(['event--acled-SOM110']);
    expect(picked({ sourceScales: ['National'] })).toEqual(['event--acled-SOM2']);
    expect(picked({ admin2s: ['Mogadishu'] })).toEqual(['event--acled-SOM2']);
    expect(picked({ admin3s: ['Hodan'] })).toEqual(['event--acled-SOM2']);
    // The older file has no civilian_targeting column: it is neither "targeted" nor "not targeted".
    expect(picked({ civilianTargeting: true })).toEqual(['event--acled-SOM2']);
    expect(picked({ civilianTargeting: false })).toEqual([]);
    expect(picked({})).toHaveLength(3);
  });

  it('column masks agree with eventMatches on these filters', () => {
    const columns = eventColumns(events);
    for (const filter of [{ acledEventTypes: ['Riots'] }, { interactions: [27] }, { civilianTargeting: true }, { admin3s: ['Hodan'] }, { categories: ['riot' as const] }]) {
      expect([...columnMask(columns, events, filter)], JSON.stringify(filter)).toEqual(events.map((e) => (eventMatches(e, filter) ? 1 : 0)));
    }
  });
});
