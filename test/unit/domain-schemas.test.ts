import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { Actor } from '../../src/shared/domain/actor';
import { AuditEntry } from '../../src/shared/domain/audit';
import { CaseDocument } from '../../src/shared/domain/case';
import { Citation } from '../../src/shared/domain/citation';
import { Count, Event } from '../../src/shared/domain/event';
import { Id, newId } from '../../src/shared/domain/ids';
import { isWithinMarking, Marking, markingRank, TLP2_STIX_IDS, TLP_LEVELS } from '../../src/shared/domain/marking';
import { RelationshipType } from '../../src/shared/domain/relationship';
import { plainActor, plainEvent } from '../helpers/records';

const firstIssue = (result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
  result.success ? null : { message: result.error!.issues[0]!.message, path: result.error!.issues[0]!.path.join('.') };

describe('Event', () => {
  const valid = plainEvent('event--ok', 'Kabul airport bombing', { fatalities: { min: 170, max: 183 }, injured: { min: 200, max: 200 } });

  it('accepts a well-formed event', () => {
    expect(Event.safeParse(valid).success).toBe(true);
  });

  it('rejects counts whose min exceeds max, saying so and where', () => {
    expect(firstIssue(Event.safeParse({ ...valid, fatalities: { min: 183, max: 170 } }))).toEqual({ message: 'min must not exceed max', path: 'fatalities.max' });
    expect(firstIssue(Event.safeParse({ ...valid, injured: { min: 5, max: 4 } }))).toEqual({ message: 'min must not exceed max', path: 'injured.max' });
  });

  it('rejects negative, fractional and bare-number counts', () => {
    expect(Count.safeParse({ min: -1, max: 3 }).success).toBe(false);
    expect(Count.safeParse({ min: 1.5, max: 3 }).success).toBe(false);
    expect(Event.safeParse({ ...valid, fatalities: 12 }).success).toBe(false); // the v1 shape
    expect(Count.safeParse({ min: 0, max: 0 }).success).toBe(true);
    expect(Count.safeParse({ min: 3, max: 3, approximate: true }).success).toBe(true);
  });

  it('requires ISO 3166-1 alpha-2 country codes', () => {
    for (const country of ['af', 'AFG', 'Afghanistan', 'A', '', '12']) {
      const issue = firstIssue(Event.safeParse({ ...valid, location: { ...valid.location, country } }));
      expect(issue, country).toEqual({ message: 'country must be an ISO 3166-1 alpha-2 code such as SO or FR: choose one', path: 'location.country' });
    }
    expect(Event.safeParse({ ...valid, location: { country: 'PK', geoPrecision: 'country' } }).success).toBe(true);
  });

  it('bounds coordinates, and knows its categories', () => {
    expect(Event.safeParse({ ...valid, location: { ...valid.location, lat: 91 } }).success).toBe(false);
    expect(Event.safeParse({ ...valid, location: { ...valid.location, lon: -181 } }).success).toBe(false);
    expect(Event.safeParse({ ...valid, category: 'skirmish' }).success).toBe(false);
  });

  it('requires a title and rejects unknown fields (strict)', () => {
    expect(firstIssue(Event.safeParse({ ...valid, title: '' }))?.message).toBe('an event needs a title');
    expect(Event.safeParse({ ...valid, casualties: 3 }).success).toBe(false);
  });

  it('checks each responsibility claim: its kind, its actor id, its citations', () => {
    const claim = { id: 'claim--1', actorId: 'actor--iskp', kind: 'claimed', confidence: 'high', citations: [{ sourceId: 'source--1', credibility: 2 }] };
    expect(Event.safeParse({ ...valid, responsibility: [claim, { ...claim, id: 'claim--2', kind: 'denied' }] }).success).toBe(true);
    expect(Event.safeParse({ ...valid, responsibility: [{ ...claim, kind: 'boasted' }] }).success).toBe(false);
    expect(Event.safeParse({ ...valid, responsibility: [{ ...claim, actorId: 'ISKP' }] }).success).toBe(false);
    expect(Event.safeParse({ ...valid, responsibility: [{ ...claim, citations: [{ sourceId: 'source--1', credibility: 7 }] }] }).success).toBe(false);
  });
});

describe('other records', () => {
  it('citations: credibility on the 1–6 Admiralty scale', () => {
    expect(Citation.safeParse({ sourceId: 'source--x', credibility: 1 }).success).toBe(true);
    expect(Citation.safeParse({ sourceId: 'source--x', credibility: 6, field: 'fatalities', locator: 'p. 4' }).success).toBe(true);
    for (const credibility of [0, 7, 2.5]) expect(Citation.safeParse({ sourceId: 'source--x', credibility }).success).toBe(false);
  });

  it('actors: BCP 47 alias languages, scripts, nationality codes', () => {
    const alias = { name: 'Вилаят Хорасан', language: 'ru', script: 'Cyrl' as const, citations: [] };
    expect(Actor.safeParse(plainActor('actor--a', 'A', { aliases: [alias, { ...alias, language: 'uz-Latn', script: 'Latn' as const }] })).success).toBe(true);
    expect(Actor.safeParse(plainActor('actor--a', 'A', { aliases: [{ ...alias, language: 'Russian' }] })).success).toBe(false);
    expect(Actor.safeParse(plainActor('actor--a', 'A', { aliases: [{ ...alias, name: 'אל-שבאב', language: 'he', script: 'Hebr' }] })).success).toBe(true);
    for (const script of ['Hebrew', 'hebr', 'Qwxy']) expect(Actor.safeParse(plainActor('actor--a', 'A', { aliases: [{ ...alias, script }] })).success).toBe(false);
    expect(Actor.safeParse(plainActor('actor--a', 'A', { nationality: ['tj'] })).success).toBe(false);
    expect(firstIssue(Actor.safeParse(plainActor('actor--a', '')))?.message).toBe('an actor needs a name');
  });

  it('relationship types: the built-in list or custom:<words>', () => {
    expect(RelationshipType.safeParse('media-arm-of').success).toBe(true);
    expect(RelationshipType.safeParse('custom:funded by').success).toBe(true);
    expect(RelationshipType.safeParse('custom:Funded By').success).toBe(false);
    expect(RelationshipType.safeParse('funded-by').success).toBe(false);
  });

  it('ids: "<prefix>--<token>"; newId makes valid ones', () => {
    for (const id of ['event--abc', 'actor--a.b_c-1', newId('event'), newId('relationship')]) expect(Id.safeParse(id).success, id).toBe(true);
    for (const id of ['Event--x', 'event-x', 'event--', 'event--has space', '--x', `event--${'x'.repeat(81)}`]) expect(Id.safeParse(id).success, id).toBe(false);
    expect(newId('event')).not.toBe(newId('event'));
  });

  it('audit entries: seq from 1, known kinds, reversible changes', () => {
    const e = plainEvent('event--a', 'A');
    const entry = { seq: 1, at: '2025-01-01T00:00:00.000Z', by: 'analyst', summary: 'Added', kind: 'edit', changes: [{ op: 'put', collection: 'events', id: e.id, before: null, after: e }] };
    expect(AuditEntry.safeParse(entry).success).toBe(true);
    expect(AuditEntry.safeParse({ ...entry, seq: 0 }).success).toBe(false);
    expect(AuditEntry.safeParse({ ...entry, kind: 'rewrite' }).success).toBe(false);
    expect(AuditEntry.safeParse({ ...entry, at: 'yesterday' }).success).toBe(false);
    expect(AuditEntry.safeParse({ ...entry, changes: [{ op: 'delete', collection: 'events', id: e.id }] }).success).toBe(false); // a delete must carry `before`
  });

  it('the synthetic case generator makes valid cases (the bench measures real documents)', () => {
    const result = CaseDocument.safeParse(generateCase({ events: 500, actors: 60 }));
    expect(firstIssue(result)).toBeNull();
  });
});

describe('markings (TLP 2.0)', () => {
  it('ranks from least to most restrictive', () => {
    expect(TLP_LEVELS.map(markingRank)).toEqual([0, 1, 2, 3, 4]);
    expect(markingRank('TLP:CLEAR')).toBeLessThan(markingRank('TLP:GREEN'));
    expect(markingRank('TLP:AMBER')).toBeLessThan(markingRank('TLP:AMBER+STRICT'));
    expect(markingRank('TLP:AMBER+STRICT')).toBeLessThan(markingRank('TLP:RED'));
  });

  it('isWithinMarking: a record may appear in a product capped at its level or above', () => {
    expect(isWithinMarking('TLP:CLEAR', 'TLP:CLEAR')).toBe(true);
    expect(isWithinMarking('TLP:CLEAR', 'TLP:RED')).toBe(true);
    expect(isWithinMarking('TLP:AMBER', 'TLP:AMBER+STRICT')).toBe(true);
    expect(isWithinMarking('TLP:AMBER+STRICT', 'TLP:AMBER')).toBe(false);
    expect(isWithinMarking('TLP:RED', 'TLP:AMBER')).toBe(false);
    expect(isWithinMarking('TLP:GREEN', 'TLP:CLEAR')).toBe(false);
    for (const a of TLP_LEVELS) for (const b of TLP_LEVELS) expect(isWithinMarking(a, b)).toBe(TLP_LEVELS.indexOf(a) <= TLP_LEVELS.indexOf(b));
  });

  it('knows only TLP 2.0 names, each with its own STIX marking-definition id', () => {
    expect(Marking.safeParse('TLP:WHITE').success).toBe(false); // TLP 1.0 name
    expect(Marking.safeParse('tlp:red').success).toBe(false);
    expect(new Set(Object.values(TLP2_STIX_IDS)).size).toBe(TLP_LEVELS.length);
    for (const id of Object.values(TLP2_STIX_IDS)) expect(id).toMatch(/^marking-definition--[0-9a-f-]{36}$/);
  });
});
