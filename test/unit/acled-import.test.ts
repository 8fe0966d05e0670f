import { describe, expect, it } from 'vitest';
import { Event } from '../../src/shared/domain/event';
import { Actor } from '../../src/shared/domain/actor';
import { Source } from '../../src/shared/domain/source';
import { applyTimePrecision, geoPrecisionOf } from '../../src/shared/formats/acled/map';
import { interCode } from '../../src/shared/formats/acled/columns';
import { applyPlan, blankCase, planFixture, plannedEvents } from '../fixtures/import/helpers';
import { plainActor } from '../helpers/store';

describe('ACLED current export', () => {
  it('maps every row with its date, place, precision, fatalities, notes, actors and sources', async () => {
    const { prepared, plan } = await planFixture('acled-current.csv');
    expect(prepared.kind === 'table' && prepared.read.format).toBe('acled');
    expect(plan.counts).toMatchObject({ add: 4, update: 0, duplicate: 0 });
    const events = plannedEvents(plan);
    const kabul = events.get('event--acled-AFG1001');
    expect(kabul).toBeDefined();
    expect(Event.safeParse(kabul).success).toBe(true);
    expect(kabul?.date).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(kabul?.location).toEqual({ country: 'AF', admin1: 'Kabul', admin2: 'Kabul', place: 'Kabul', lat: 34.5553, lon: 69.2075, geoPrecision: 'exact' });
    expect(kabul?.fatalities).toEqual({ min: 21, max: 21 });
    expect(kabul?.description).toContain('including "civilians"');
    expect(kabul?.targetType).toBe('Civilians (Afghanistan)');
    // "22 March 2024" with time_precision 2: the day ACLED chose, marked approximate; geo 2 → near.
    const jalalabad = events.get('event--acled-AFG1002');
    expect(jalalabad?.date).toEqual({ value: '2024-03-22', precision: 'day', approximate: true });
    expect(jalalabad?.location.geoPrecision).toBe('near');
    expect(jalalabad?.description).toBe('Clash reported.\nSecond line of the note.');
    // time_precision 3 → month; geo 3 with an admin2 → admin2; iso 586 → PK.
    const bajaur = events.get('event--acled-PAK2001');
    expect(bajaur?.date).toEqual({ value: '2024-02', precision: 'month' });
    expect(bajaur?.location).toMatchObject({ country: 'PK', admin2: 'Bajaur', geoPrecision: 'admin2' });
    expect(events.get('event--acled-AFG1003')?.category).toBe('arrest');
    // Every change is a valid record of its collection.
    for (const c of plan.changes) {
      if (c.op !== 'put') continue;
      const schema = c.collection === 'events' ? Event : c.collection === 'actors' ? Actor : Source;
      expect(schema.safeParse(c.after).success, `${c.collection} ${c.id}`).toBe(true);
    }
  });

  it('reuses one Source per publisher across rows and cites the dataset with the event id', async () => {
    const { plan } = await planFixture('acled-current.csv');
    const sources = plan.changes.filter((c) => c.op === 'put' && c.collection === 'sources').map((c) => (c.op === 'put' ? (c.after as Source) : null));
    const titles = sources.map((s) => s?.title).sort();
    expect(titles).toEqual(['ACLED (Armed Conflict Location & Event Data)', 'Dawn', 'Khaama Press', 'Pajhwok Afghan News', 'Tolo News']);
    const pajhwok = sources.find((s) => s?.title === 'Pajhwok Afghan News')?.id;
    // A news outlet a row names is the citation's container, not its publisher.
    expect(sources.find((s) => s?.title === 'Dawn')).toMatchObject({ kind: 'news-report', outlet: 'Dawn' });
    expect(sources.find((s) => s?.title === 'Dawn')?.publisher).toBeUndefined();
    const events = plannedEvents(plan);
    expect(events.get('event--acled-AFG1001')?.citations.map((c) => c.sourceId)).toContain(pajhwok);
    expect(events.get('event--acled-AFG1002')?.citations.map((c) => c.sourceId)).toContain(pajhwok);
    expect(events.get('event--acled-AFG1001')?.citations[0]?.locator).toBe('ACLED AFG1001');
  });

  it('turns actor1 and associated actors into attributed claims, but not civilians', async () => {
    const { plan } = await planFixture('acled-current.csv');
    const actors = plan.changes.filter((c) => c.op === 'put' && c.collection === 'actors').map((c) => (c.op === 'put' ? (c.after as Actor) : null));
    const names = actors.map((a) => a?.name);
    expect(names).toContain('Islamic State Khorasan Province');
    expect(names).toContain('Unidentified Armed Group (Pakistan)');
    expect(names.some((n) => n?.startsWith('Civilians'))).toBe(false);
    const state = actors.find((a) => a?.name === 'Military Forces of Afghanistan (2021-)');
    expect(state?.kind).toBe('state-body'); // inter1 given as the text "State forces"
    const bajaur = plannedEvents(plan).get('event--acled-PAK2001');
    expect(bajaur?.responsibility.map((r) => r.kind)).toEqual(['attributed', 'attributed']);
  });

  it('makes actor2 and assoc_actor_2 into actors named as targets, and both sides of a battle into participants', async () => {
    const { plan } = await planFixture('acled-current.csv');
    const actors = new Map(plan.changes.filter((c) => c.op === 'put' && c.collection === 'actors').map((c) => [c.id, c.op === 'put' ? (c.after as Actor) : null]));
    const named = (id: string | undefined) => (id ? actors.get(id)?.name : undefined);
    const events = plannedEvents(plan);
    const bajaur = events.get('event--acled-PAK2001');
    expect(bajaur?.participants?.map((p) => [named(p.actorId), p.role])).toEqual([['Police Forces of Pakistan (2018-)', 'target']]);
    expect(bajaur?.participants?.[0]?.citations).toEqual([{ sourceId: expect.any(String), locator: 'ACLED PAK2001', credibility: 6 }]);
    const police = [...actors.values()].find((a) => a?.name === 'Police Forces of Pakistan (2018-)');
    expect(police?.kind).toBe('state-body'); // inter2 = 1
    const jalalabad = events.get('event--acled-AFG1002');
    expect(jalalabad?.responsibility).toEqual([]);
    expect(jalalabad?.participants?.map((p) => [named(p.actorId), p.role])).toEqual([
      ['Military Forces of Afghanistan (2021-)', 'participant'],
      ['Islamic State (Afghanistan)', 'participant'],
    ]);
    // Civilians are a target type, not an actor.
    expect(events.get('event--acled-AFG1001')?.participants).toBeUndefined();
  });

  it('matches actors to existing ones through aliases, case- and diacritics-insensitively', async () => {
    const doc = blankCase();
    doc.actors.push(
      plainActor('actor--iskp', 'ISIS-K', {
        aliases: [{ name: 'Islamic State Khorāsān Province', language: 'en', script: 'Latn', citations: [] }],
      }),
    );
    const { plan } = await planFixture('acled-current.csv', {}, doc);
    const kabul = plannedEvents(plan).get('event--acled-AFG1001');
    expect(kabul?.responsibility[0]?.actorId).toBe('actor--iskp');
    expect(plan.counts.actorsMatched).toBe(1);
    const created = plan.changes.filter((c) => c.collection === 'actors').map((c) => (c.op === 'put' ? (c.after as Actor).name : ''));
    expect(created).not.toContain('Islamic State Khorasan Province');
  });

  it('reads a header-less file by its column count', async () => {
    const { plan } = await planFixture('acled-no-header.csv');
    expect([...plannedEvents(plan).keys()].sort()).toEqual(['event--acled-AFG1001', 'event--acled-AFG1002']);
  });
});

describe('older ACLED files', () => {
  for (const name of ['acled-older-1252.csv', 'acled-older-bom.csv', 'acled-older-no-header.csv']) {
    it(`reads ${name}: upper case, ALLY_ACTOR, GEO_PRECIS, dd/mm/yyyy, CRLF`, async () => {
      const { prepared, plan } = await planFixture(name);
      expect(prepared.kind === 'table' && prepared.read.format).toBe('acled');
      if (name.includes('1252')) expect(prepared.kind === 'table' && prepared.read.encoding).toBe('windows-1252');
      const events = plannedEvents(plan);
      const bosso = events.get('event--acled-NIR101');
      expect(bosso?.date).toEqual({ value: '2015-01-05', precision: 'day' });
      expect(bosso?.location).toMatchObject({ country: 'NE', admin1: 'Diffa', place: 'Bosso', geoPrecision: 'exact' });
      expect(bosso?.description).toBe('Attaque près de Bosso; réfugiés déplacés');
      const diffa = events.get('event--acled-NIR102');
      expect(diffa?.date).toEqual({ value: '2015-02-17', precision: 'day', approximate: true });
      expect(diffa?.fatalities).toEqual({ min: 12, max: 12 });
      expect(diffa?.description).toBe('Combats à Diffa (côté nigérien)');
      // A battle: both sides, ALLY_ACTOR_1 included, take part; nobody is made responsible.
      expect(diffa?.responsibility).toEqual([]);
      expect(diffa?.participants?.map((p) => p.role)).toEqual(['participant', 'participant', 'participant']);
      // Violence against civilians: the group is attributed, the civilians stay target-type text.
      expect(bosso?.responsibility).toHaveLength(1);
      expect(bosso?.participants).toBeUndefined();
      expect(bosso?.targetType).toBe('Civilians (Niger)');
    });
  }
});

describe('re-importing a newer extract', () => {
  it('updates changed events by event_id_cnty, skips unchanged ones and reports the ones ACLED dropped', async () => {
    const first = await planFixture('acled-current.csv');
    const doc = applyPlan(first.doc, first.plan);
    const second = await planFixture('acled-current-newer.csv', {}, doc);
    expect(second.plan.counts).toMatchObject({ add: 1, update: 1, unchanged: 2, actorsNew: 0, sourcesNew: 0, missing: 1 });
    expect(second.plan.missing.map((m) => m.id)).toEqual(['event--acled-AFG1003']);
    const updated = second.plan.changes.find((c) => c.id === 'event--acled-AFG1001');
    expect(updated?.op === 'put' && (updated.after as Event).fatalities).toEqual({ min: 23, max: 23 });
    expect(updated?.op === 'put' && updated.before).not.toBeNull();
    // Kept by default; removed when the analyst asks.
    expect(second.plan.changes.some((c) => c.op === 'delete')).toBe(false);
  });

  it('keeps what the analyst added to an imported event', async () => {
    const first = await planFixture('acled-current.csv');
    const doc = applyPlan(first.doc, first.plan);
    const at = doc.events.findIndex((e) => e.id === 'event--acled-AFG1001');
    const analystTarget = { actorId: doc.actors[0]!.id, role: 'target' as const, citations: [] };
    const edited = { ...(doc.events[at] as Event), marking: 'TLP:RED' as const, scope: 'internal' as const, tags: [...(doc.events[at] as Event).tags, 'analyst-note'], participants: [analystTarget] };
    doc.events[at] = edited;
    const second = await planFixture('acled-current-newer.csv', {}, doc);
    const after = second.plan.changes.find((c) => c.id === 'event--acled-AFG1001');
    const event = after?.op === 'put' ? (after.after as Event) : null;
    expect(event?.marking).toBe('TLP:RED');
    expect(event?.scope).toBe('internal');
    expect(event?.tags).toContain('analyst-note');
    expect(event?.participants).toEqual([analystTarget]);
  });
});

describe('ACLED codes', () => {
  it('reads inter codes as numbers or text', () => {
    expect(interCode('1')).toBe(1);
    expect(interCode('State forces')).toBe(1);
    expect(interCode('Civilians')).toBe(7);
    expect(interCode('External/Other forces')).toBe(8);
    expect(interCode('')).toBe(0);
  });

  it('maps time_precision and geo_precision as documented', () => {
    const day = { value: '2024-03-22', precision: 'day' } as const;
    expect(applyTimePrecision(day, '1')).toEqual(day);
    expect(applyTimePrecision(day, '2')).toEqual({ ...day, approximate: true });
    expect(applyTimePrecision(day, '3')).toEqual({ value: '2024-03', precision: 'month' });
    expect(geoPrecisionOf('1', true)).toBe('exact');
    expect(geoPrecisionOf('2', true)).toBe('near');
    expect(geoPrecisionOf('3', true)).toBe('admin2');
    expect(geoPrecisionOf('3', false)).toBe('admin1');
  });
});
