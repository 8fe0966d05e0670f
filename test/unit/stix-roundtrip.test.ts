import { describe, expect, it } from 'vitest';
import { participantsOf, type Event } from '../../src/shared/domain/event';
import { caseToStixBundle, stixBundleToRecords, type StixObject, type StixRecords } from '../../src/shared/formats/stix';
import { stixIdFor } from '../../src/shared/formats/stix';
import { ACTOR_STIX_TYPE } from '../../src/shared/formats/stix/mapping';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { buildStixPlan } from '../../src/shared/import/stix-plan';
import { selectForExport } from '../../src/shared/exchange';
import { stixValidator } from '../helpers/stix-schemas';

const demo = buildDemoCase('2026-01-01T00:00:00.000Z');
const [personActor, groupActor] = [demo.actors.find((a) => a.kind === 'person') ?? demo.actors[0]!, demo.actors.find((a) => a.kind === 'organisation') ?? demo.actors[1]!];
const [firstSource, secondSource] = [demo.sources[0]!, demo.sources[1] ?? demo.sources[0]!];
/** The demo events, with targets and participants (cited, one actor twice), an empty list, and one written before participants existed. */
const events: Event[] = demo.events.map((event, i) => {
  if (i === 0) {
    return {
      ...event,
      participants: [
        { actorId: personActor.id, role: 'target', citations: [{ sourceId: firstSource.id, locator: 'p. 2', credibility: 2, field: 'participants' }] },
        { actorId: groupActor.id, role: 'participant', citations: [{ sourceId: secondSource.id, credibility: 3 }] },
        { actorId: groupActor.id, role: 'target', citations: [] },
      ],
    };
  }
  if (i === 1) return { ...event, participants: [{ actorId: groupActor.id, role: 'target', citations: [{ sourceId: secondSource.id, credibility: 4 }] }] };
  if (i === 2) return { ...event, participants: [] };
  if (i === 4) return { ...event, acled: { eventType: 'Riots', subEventType: 'Mob violence', disorderType: 'Demonstrations', inter1: 5, inter2: 7, interaction: 57, civilianTargeting: true, sourceScale: 'National' } };
  const { participants: _unset, ...older } = event;
  return i === 3 ? older : event;
});
const records: StixRecords = { events, actors: demo.actors, relationships: demo.relationships, sources: demo.sources, series: demo.series };
const participantCount = events.reduce((n, e) => n + participantsOf(e).length, 0);
const validator = stixValidator();

const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('STIX 2.1 export', () => {
  const bundle = caseToStixBundle(records, { caseName: demo.name, caseId: demo.id, now: '2026-01-02T03:04:05.000Z' });

  it('validates against the official OASIS STIX 2.1 schemas, object by object', () => {
    expect(validator.errors(bundle)).toEqual([]);
  });

  it('maps events to incidents, actors by kind, claims to attributed-to, series to notes, markings to TLP 2.0 ids', () => {
    const types = (t: string): StixObject[] => bundle.objects.filter((o) => o.type === t);
    expect(types('incident')).toHaveLength(demo.events.length);
    const claimCount = demo.events.reduce((n, e) => n + e.responsibility.length, 0);
    expect(types('relationship')).toHaveLength(demo.relationships.length + claimCount + participantCount);
    expect(types('note')).toHaveLength(demo.series.length);
    expect(types('threat-actor').length + types('intrusion-set').length + types('identity').length).toBe(demo.actors.length);
    const amber = demo.events.find((e) => e.marking === 'TLP:AMBER');
    if (amber) {
      const incident = types('incident').find((o) => o['x_casefile_id'] === amber.id);
      expect(incident?.['object_marking_refs']).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    }
    const cited = types('incident').find((o) => Array.isArray(o['external_references']));
    expect(cited).toBeDefined();
    for (const object of bundle.objects) for (const key of Object.keys(object)) expect(key.startsWith('x_') ? key.startsWith('x_casefile_') : true).toBe(true);
  });

  it('reading our own export back gives the same case, with nothing kept aside and no problems', () => {
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(bundle)));
    expect(decoded.keptAside).toEqual([]);
    expect(decoded.problems).toEqual([]);
    expect(byId(decoded.records.events)).toEqual(byId(events));
    expect(byId(decoded.records.actors)).toEqual(byId(demo.actors));
    expect(byId(decoded.records.relationships)).toEqual(byId(demo.relationships));
    expect(byId(decoded.records.sources)).toEqual(byId(demo.sources));
    // The citation fields (schema 8) travel with the sources.
    const cited = decoded.records.sources.find((s) => s.id === 'source--ctc-isk-mapping-2024');
    expect(cited).toMatchObject({ outlet: 'CTC Sentinel', publisher: 'Combating Terrorism Center at West Point' });
    expect(decoded.records.sources.find((s) => s.id === 'source--acled-2022-2023')?.accessed).toEqual({ value: '2024-05', precision: 'month' });
    expect(byId(decoded.records.series)).toEqual(byId(demo.series));
  });

  it('maps targets to `targets` and other participants to `related-to` relationships from the incident to the actor', () => {
    const incident = stixIdFor('incident', events[0]!.id);
    const links = bundle.objects.filter((o) => o.type === 'relationship' && o['source_ref'] === incident && o['x_casefile_participant_role'] !== undefined);
    expect(links.map((o) => [o['relationship_type'], o['target_ref']])).toEqual([
      ['targets', stixIdFor(ACTOR_STIX_TYPE[personActor.kind], personActor.id)],
      ['related-to', stixIdFor(ACTOR_STIX_TYPE[groupActor.kind], groupActor.id)],
      ['targets', stixIdFor(ACTOR_STIX_TYPE[groupActor.kind], groupActor.id)],
    ]);
    expect(links[0]?.['external_references']).toEqual([expect.objectContaining({ external_id: firstSource.id })]);
    expect(new Set(links.map((o) => o.id)).size).toBe(3);
  });

  it('brings the participants back with their roles, order and citations', () => {
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(bundle)));
    const back = new Map(decoded.records.events.map((e) => [e.id, e]));
    expect(back.get(events[0]!.id)?.participants).toEqual(events[0]!.participants);
    expect(back.get(events[1]!.id)?.participants).toEqual(events[1]!.participants);
    expect(back.get(events[2]!.id)?.participants).toEqual([]);
    expect(back.get(events[3]!.id)).not.toHaveProperty('participants');
  });

  it('importing our export into the case it came from changes nothing; into an empty case, events arrive with their participants', () => {
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(bundle)));
    const again = buildStixPlan(decoded, records, 'case.stix.json');
    expect(again.dangling).toEqual([]);
    expect(again.counts).toMatchObject({ add: 0, update: 0 });
    const fresh = buildStixPlan(decoded, { events: [], actors: [], relationships: [], sources: [], series: [] }, 'case.stix.json');
    expect(fresh.dangling).toEqual([]);
    const added = fresh.changes.flatMap((c) => (c.op === 'put' && c.collection === 'events' ? [c.after as Event] : []));
    expect(added.find((e) => e.id === events[0]!.id)?.participants).toEqual(events[0]!.participants);
  });

  it('re-importing our own GREEN export changes nothing: what the marking cut left out is not read as removed', () => {
    const green = selectForExport(demo, 'TLP:GREEN');
    expect(green.leftOut.some((l) => /pointer/.test(l.reason))).toBe(true);
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(caseToStixBundle(green.records, { caseName: demo.name, caseId: demo.id }))));
    const plan = buildStixPlan(decoded, demo, 'green.stix.json');
    expect(plan.dangling).toEqual([]);
    expect(plan.counts).toMatchObject({ add: 0, update: 0 });
  });

  it('a real change in a re-imported cut-down record is taken, and what the cut left out stays', () => {
    const green = selectForExport(demo, 'TLP:GREEN');
    const cut = green.leftOut.find((l) => l.collection === 'events' && /pointer/.test(l.reason))!;
    const bundle = caseToStixBundle({ ...green.records, events: green.records.events.map((e) => (e.id === cut.id ? { ...e, title: `${e.title} (revised)` } : e)) }, { caseName: demo.name, caseId: demo.id });
    const plan = buildStixPlan(stixBundleToRecords(JSON.parse(JSON.stringify(bundle))), demo, 'green.stix.json');
    expect(plan.counts).toMatchObject({ add: 0, update: 1 });
    const ours = demo.events.find((e) => e.id === cut.id)!;
    expect(plan.changes[0]).toMatchObject({ op: 'put', id: cut.id, after: { ...ours, title: `${ours.title} (revised)` } });
  });

  it('the same records export to the same STIX ids every time', () => {
    const again = caseToStixBundle(records, { caseName: demo.name, caseId: demo.id, now: '2026-01-02T03:04:05.000Z' });
    expect(again.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id));
  });
});
