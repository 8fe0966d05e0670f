import { describe, expect, it } from 'vitest';
import { CaseIndex } from '../../src/shared/domain/apply';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import type { Relationship } from '../../src/shared/domain/relationship';
import type { Series } from '../../src/shared/domain/series';
import { danglingReferences, referencesOf, referrersOf } from '../../src/shared/domain/references';
import { plainActor, plainEvent, plainSource } from '../helpers/records';

const cite = (sourceId: string) => ({ sourceId, credibility: 2 });

function caseWithRecords(): CaseDocument {
  const doc = emptyCase('case--refs', 'refs', '2025-01-01T00:00:00.000Z');
  doc.sources.push(plainSource('source--wire', 'Wire'), plainSource('source--amaq', 'Amaq'));
  doc.actors.push(
    plainActor('actor--iskp', 'ISKP', {
      aliases: [{ name: 'ولایت خراسان', language: 'ps', script: 'Arab', citations: [cite('source--amaq')] }],
      status: { value: 'active', citations: [cite('source--wire')] },
    }),
    plainActor('actor--amaq', 'Amaq News Agency', { kind: 'media-outlet' }),
    plainActor('actor--lonely', 'Nobody refers to me'),
  );
  const claimed: Event = plainEvent('event--crocus', 'Crocus City Hall attack', {
    responsibility: [{ id: 'claim--1', actorId: 'actor--iskp', kind: 'claimed', byActorId: 'actor--amaq', confidence: 'high', citations: [cite('source--amaq')] }],
    citations: [cite('source--wire')],
  });
  doc.events.push(claimed);
  const rel: Relationship = { id: 'relationship--1', type: 'media-arm-of', sourceActorId: 'actor--amaq', targetActorId: 'actor--iskp', confidence: 'medium', marking: 'TLP:CLEAR', citations: [] };
  doc.relationships.push(rel);
  const series: Series = { id: 'series--1', title: 'Claimed attacks', measure: 'attacks', unit: 'count', actorId: 'actor--iskp', points: [], marking: 'TLP:CLEAR', citations: [cite('source--wire')] };
  doc.series.push(series);
  return doc;
}

describe('referencesOf', () => {
  it('names every pointer of an event, with where it sits', () => {
    const doc = caseWithRecords();
    expect(referencesOf('events', doc.events[0]!)).toEqual([
      { collection: 'sources', id: 'source--wire', at: 'citations[0].sourceId' },
      { collection: 'actors', id: 'actor--iskp', at: 'responsibility[0].actorId' },
      { collection: 'actors', id: 'actor--amaq', at: 'responsibility[0].byActorId' },
      { collection: 'sources', id: 'source--amaq', at: 'responsibility[0].citations[0].sourceId' },
    ]);
  });

  it('names an event\'s targets and participants and the sources cited for them', () => {
    const event = plainEvent('event--raid', 'Raid', {
      participants: [
        { actorId: 'actor--amaq', role: 'target', citations: [cite('source--wire')] },
        { actorId: 'actor--lonely', role: 'participant', citations: [] },
      ],
    });
    expect(referencesOf('events', event)).toEqual([
      { collection: 'actors', id: 'actor--amaq', at: 'participants[0].actorId' },
      { collection: 'sources', id: 'source--wire', at: 'participants[0].citations[0].sourceId' },
      { collection: 'actors', id: 'actor--lonely', at: 'participants[1].actorId' },
    ]);
    const doc = caseWithRecords();
    doc.events.push(event);
    expect(referrersOf(doc, 'actors', 'actor--lonely')).toEqual([{ collection: 'events', id: 'event--raid' }]);
    expect(danglingReferences('events', { ...event, participants: [{ actorId: 'actor--ghost', role: 'target', citations: [] }] }, new CaseIndex(doc))).toEqual([
      { collection: 'actors', id: 'actor--ghost', at: 'participants[0].actorId' },
    ]);
  });

  it('covers actors (alias and status citations), relationships, series; sources point nowhere', () => {
    const doc = caseWithRecords();
    expect(referencesOf('actors', doc.actors[0]!).map((r) => r.at)).toEqual(['aliases[0].citations[0].sourceId', 'status.citations[0].sourceId']);
    expect(referencesOf('relationships', doc.relationships[0]!).map((r) => `${r.at}=${r.id}`)).toEqual(['sourceActorId=actor--amaq', 'targetActorId=actor--iskp']);
    expect(referencesOf('series', doc.series[0]!).map((r) => r.id)).toEqual(['actor--iskp', 'source--wire']);
    expect(referencesOf('sources', doc.sources[0]!)).toEqual([]);
  });
});

describe('danglingReferences', () => {
  it('is empty when everything pointed at exists', () => {
    const doc = caseWithRecords();
    const index = new CaseIndex(doc);
    for (const name of ['events', 'actors', 'relationships', 'series'] as const) {
      for (const record of doc[name]) expect(danglingReferences(name, record, index)).toEqual([]);
    }
  });

  it('lists each missing target, and only those', () => {
    const doc = caseWithRecords();
    const index = new CaseIndex(doc);
    const event = plainEvent('event--new', 'New', {
      responsibility: [
        { id: 'claim--a', actorId: 'actor--iskp', kind: 'claimed', confidence: 'low', citations: [cite('source--gone')] },
        { id: 'claim--b', actorId: 'actor--ghost', kind: 'suspected', confidence: 'low', citations: [] },
      ],
      citations: [cite('source--wire')],
    });
    expect(danglingReferences('events', event, index)).toEqual([
      { collection: 'sources', id: 'source--gone', at: 'responsibility[0].citations[0].sourceId' },
      { collection: 'actors', id: 'actor--ghost', at: 'responsibility[1].actorId' },
    ]);
    // A source id is not an actor id, even if the record exists in another collection.
    const rel: Relationship = { ...doc.relationships[0]!, targetActorId: 'source--wire' };
    expect(danglingReferences('relationships', rel, index)).toEqual([{ collection: 'actors', id: 'source--wire', at: 'targetActorId' }]);
  });
});

describe('referrersOf', () => {
  it('finds every record that points at an actor: claims, claimants, relationships, series', () => {
    const doc = caseWithRecords();
    expect(referrersOf(doc, 'actors', 'actor--iskp')).toEqual([
      { collection: 'events', id: 'event--crocus' },
      { collection: 'relationships', id: 'relationship--1' },
      { collection: 'series', id: 'series--1' },
    ]);
    expect(referrersOf(doc, 'actors', 'actor--amaq')).toEqual([
      { collection: 'events', id: 'event--crocus' },
      { collection: 'relationships', id: 'relationship--1' },
    ]);
    expect(referrersOf(doc, 'actors', 'actor--lonely')).toEqual([]);
  });

  it('finds citations of a source wherever they are, each referrer once', () => {
    const doc = caseWithRecords();
    expect(referrersOf(doc, 'sources', 'source--amaq')).toEqual([
      { collection: 'events', id: 'event--crocus' },
      { collection: 'actors', id: 'actor--iskp' },
    ]);
    expect(referrersOf(doc, 'sources', 'source--wire')).toEqual([
      { collection: 'events', id: 'event--crocus' },
      { collection: 'actors', id: 'actor--iskp' },
      { collection: 'series', id: 'series--1' },
    ]);
  });
});
