import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/shared/domain/event';
import { eventMatches } from '../../src/shared/domain/filters';
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
