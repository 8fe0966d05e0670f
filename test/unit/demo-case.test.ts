import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/shared/domain/citation';
import { CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import { buildDemoCase, DEMO_PASSPHRASE } from '../../src/main/demo/isk-case';
import { recordsRevealingHigherOnes } from '../helpers/reveals';

const NOW = '2024-06-01T00:00:00.000Z';
const doc = buildDemoCase(NOW);

function findEvent(predicate: (e: Event) => boolean): Event | undefined {
  return doc.events.find(predicate);
}

function placeText(e: Event): string {
  return [e.location.admin1, e.location.admin2, e.location.place].filter(Boolean).join(' ');
}

describe('bundled ISK demo case', () => {
  it('parses as a CaseDocument', () => {
    const result = CaseDocument.safeParse(doc);
    if (!result.success) {
      const first = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      expect.fail(`demo case does not parse:\n${first.join('\n')}`);
    }
    expect(result.success).toBe(true);
  });

  it('has the expected header and history', () => {
    expect(doc.id).toBe('case--isk-demo');
    expect(doc.name).toBe('Islamic State Khorasan 2017–2024 (demo)');
    expect(doc.defaultMarking).toBe('TLP:GREEN');
    expect(doc.createdAt).toBe(NOW);
    expect(doc.history).toEqual([{ seq: 1, at: NOW, by: 'Casefile Workbench', summary: 'Demo case created', kind: 'create', changes: [] }]);
    expect(DEMO_PASSPHRASE).toBe('khorasan-demo');
  });

  it('returns a fresh copy each time', () => {
    const a = buildDemoCase(NOW);
    const b = buildDemoCase(NOW);
    a.events[0]!.title = 'changed';
    expect(b.events[0]!.title).not.toBe('changed');
  });

  it('has unique ids across all records and claims', () => {
    const ids = [
      ...doc.events.map((e) => e.id),
      ...doc.events.flatMap((e) => e.responsibility.map((c) => c.id)),
      ...doc.actors.map((a) => a.id),
      ...doc.relationships.map((r) => r.id),
      ...doc.sources.map((s) => s.id),
      ...doc.series.map((s) => s.id),
    ];
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('has no dangling references', () => {
    const sources = new Set(doc.sources.map((s) => s.id));
    const actors = new Set(doc.actors.map((a) => a.id));
    const dangling: string[] = [];
    const checkCitations = (where: string, citations: Citation[]) => {
      for (const c of citations) if (!sources.has(c.sourceId)) dangling.push(`${where} cites ${c.sourceId}`);
    };
    const checkActor = (where: string, id: string | undefined) => {
      if (id !== undefined && !actors.has(id)) dangling.push(`${where} -> ${id}`);
    };
    for (const e of doc.events) {
      checkCitations(e.id, e.citations);
      for (const c of e.responsibility) {
        checkActor(`${c.id}.actorId`, c.actorId);
        checkActor(`${c.id}.byActorId`, c.byActorId);
        checkCitations(c.id, c.citations);
      }
      for (const [i, p] of (e.participants ?? []).entries()) {
        checkActor(`${e.id}.participants[${i}]`, p.actorId);
        checkCitations(`${e.id}.participants[${i}]`, p.citations);
      }
    }
    for (const a of doc.actors) {
      checkCitations(a.id, a.citations);
      for (const alias of a.aliases) checkCitations(`${a.id} alias ${alias.name}`, alias.citations);
      if (a.status) checkCitations(`${a.id} status`, a.status.citations);
    }
    for (const r of doc.relationships) {
      checkActor(`${r.id}.source`, r.sourceActorId);
      checkActor(`${r.id}.target`, r.targetActorId);
      checkCitations(r.id, r.citations);
    }
    for (const s of doc.series) {
      checkActor(`${s.id}.actorId`, s.actorId);
      checkCitations(s.id, s.citations);
    }
    expect(dangling).toEqual([]);
  });

  it('cites at least one source for every event, relationship and series', () => {
    expect(doc.events.filter((e) => e.citations.length === 0).map((e) => e.id)).toEqual([]);
    expect(doc.relationships.filter((r) => r.citations.length === 0).map((r) => r.id)).toEqual([]);
    expect(doc.series.filter((s) => s.citations.length === 0).map((s) => s.id)).toEqual([]);
  });

  it('contains the key events', () => {
    const tehran = findEvent((e) => e.date.value === '2017-06-07' && e.location.country === 'IR');
    expect(tehran?.category).toBe('attack');
    expect(tehran?.fatalities).toEqual({ min: 17, max: 17, approximate: true });

    const kerman = findEvent((e) => e.date.value === '2024-01-03' && e.location.country === 'IR');
    expect(kerman && placeText(kerman)).toContain('Kerman');

    const moscow = findEvent((e) => e.date.value === '2024-03-22' && e.location.country === 'RU');
    expect(moscow && placeText(moscow)).toContain('Moscow');
    expect(moscow?.responsibility.map((c) => c.kind)).toEqual(expect.arrayContaining(['claimed', 'attributed']));

    const istanbul = findEvent((e) => e.date.value.startsWith('2024-01') && e.location.country === 'TR' && e.category === 'attack');
    expect(istanbul && placeText(istanbul)).toContain('Istanbul');

    const bamyan = findEvent((e) => e.date.value.startsWith('2024') && e.location.country === 'AF' && placeText(e).includes('Bamyan'));
    expect(bamyan?.fatalities).toEqual({ min: 4, max: 4 });

    const kandahar = doc.events.filter((e) => e.date.value.startsWith('2024') && e.location.country === 'AF' && placeText(e).includes('Kandahar'));
    expect(kandahar.length).toBeGreaterThanOrEqual(2);
  });

  it('names the targets of attacks and counter-operations as actors', () => {
    const targetsOf = (id: string) => (doc.events.find((e) => e.id === id)?.participants ?? []).filter((p) => p.role === 'target').map((p) => p.actorId);
    expect(targetsOf('event--2023-07-khar-jui-f-suicide-bombing')).toEqual(['actor--jui-f']);
    expect(targetsOf('event--2023-taliban-kill-qari-fateh-kawtar')).toContain('actor--qari-fateh-kawtar');
    const talibanTargeted = doc.events.filter((e) => (e.participants ?? []).some((p) => p.actorId === 'actor--taliban' && p.role === 'target'));
    expect(talibanTargeted.length).toBeGreaterThanOrEqual(2);
  });

  it('contains a foiled plot in Europe and at least one arrest', () => {
    const europe = new Set(['AT', 'BE', 'DE', 'DK', 'ES', 'FR', 'GB', 'IT', 'NL', 'SE']);
    expect(doc.events.some((e) => e.category === 'foiled-plot' && europe.has(e.location.country))).toBe(true);
    expect(doc.events.some((e) => e.category === 'arrest')).toBe(true);
  });

  it('has the claimed-attacks-per-year series for 2020–2023', () => {
    const series = doc.series.find((s) => s.id === 'series--isk-claimed-attacks-per-year');
    expect(series).toBeDefined();
    const byYear = new Map(series!.points.map((p) => [p.period.value, p.value]));
    expect([...byYear.keys()].sort()).toEqual(['2020', '2021', '2022', '2023']);
    expect(byYear.get('2021')).toBe(353);
  });

  it('keeps every record within the case markings and has some TLP:AMBER records', () => {
    const all = [...doc.events, ...doc.actors, ...doc.relationships, ...doc.sources, ...doc.series];
    expect(all.some((r) => r.marking === 'TLP:AMBER')).toBe(true);
    expect(all.filter((r) => r.marking === 'TLP:RED' || r.marking === 'TLP:AMBER+STRICT')).toEqual([]);
  });

  it('separates internal and external scope', () => {
    const internalOutside = doc.events.filter((e) => e.scope === 'internal' && !['AF', 'PK'].includes(e.location.country));
    const externalInside = doc.events.filter((e) => e.scope === 'external' && ['AF', 'PK'].includes(e.location.country));
    expect(internalOutside.map((e) => e.id)).toEqual([]);
    expect(externalInside.map((e) => e.id)).toEqual([]);
  });

  it('models good practice: no record’s text reveals a record marked above it', () => {
    // Each finding names the lower record, the higher one and what gives it away (see test/helpers/reveals.ts).
    expect(recordsRevealingHigherOnes(doc)).toEqual([]);
  });
});
