import { describe, expect, it } from 'vitest';
import { stixBundleToRecords } from '../../src/shared/formats/stix';

const t = '2024-03-22T10:00:00.000Z';
const u = (n: number): string => `0000000${n}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`.slice(-36);
const core = (type: string, n: number, extra: Record<string, unknown> = {}) => ({ type, spec_version: '2.1', id: `${type}--${u(n)}`, created: t, modified: t, ...extra });

/** A bundle as another tool would write it: no x_casefile_ properties, TLP 1.0 and 2.0 markings. */
const foreign = {
  type: 'bundle',
  id: `bundle--${u(1)}`,
  objects: [
    { type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:AMBER', definition: { tlp: 'amber' } },
    core('identity', 2, { name: 'Vendor CTI team', identity_class: 'organization' }),
    core('threat-actor', 3, { name: 'ISKP', aliases: ['ISIS-K', 'ولایت خراسان'], object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'], created_by_ref: `identity--${u(2)}`, x_vendor_score: 7 }),
    core('intrusion-set', 4, { name: 'Cell North' }),
    core('identity', 5, { name: 'Ahmad X', identity_class: 'individual' }),
    core('campaign', 6, { name: 'Spring offensive' }),
    core('incident', 7, { name: 'Crocus City Hall attack', object_marking_refs: ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'], external_references: [{ source_name: 'Reuters', url: 'https://example.org/a' }] }),
    core('location', 8, { country: 'ru', city: 'Krasnogorsk', latitude: 55.82, longitude: 37.33 }),
    core('relationship', 9, { relationship_type: 'attributed-to', source_ref: `incident--${u(7)}`, target_ref: `threat-actor--${u(3)}`, confidence: 90 }),
    core('relationship', 10, { relationship_type: 'located-at', source_ref: `incident--${u(7)}`, target_ref: `location--${u(8)}` }),
    core('relationship', 11, { relationship_type: 'member-of', source_ref: `identity--${u(5)}`, target_ref: `threat-actor--${u(3)}`, start_time: '2019-05-01T00:00:00.000Z' }),
    core('relationship', 12, { relationship_type: 'attributed-to', source_ref: `intrusion-set--${u(4)}`, target_ref: `threat-actor--${u(3)}` }),
    core('relationship', 13, { relationship_type: 'uses', source_ref: `threat-actor--${u(3)}`, target_ref: `malware--${u(99)}` }),
    core('sighting', 14, { sighting_of_ref: `threat-actor--${u(3)}` }),
    core('note', 15, { content: 'seen in chats', object_refs: [`threat-actor--${u(3)}`] }),
    core('opinion', 16, { opinion: 'agree', object_refs: [`incident--${u(7)}`] }),
    core('report', 17, { name: 'Quarterly ISKP review', published: t, object_refs: [`incident--${u(7)}`] }),
    core('malware', 18, { name: 'x', is_family: true }),
  ],
};

describe('reading foreign STIX bundles', () => {
  const result = stixBundleToRecords(foreign);
  const { records } = result;

  it('maps threat actors, intrusion sets and related identities to actors of the right kind', () => {
    const kinds = Object.fromEntries(records.actors.map((a) => [a.name, a.kind]));
    expect(kinds).toEqual({ ISKP: 'organisation', 'Cell North': 'faction', 'Ahmad X': 'person' });
    const iskp = records.actors.find((a) => a.name === 'ISKP');
    expect(iskp?.aliases.map((a) => [a.name, a.script])).toEqual([['ISIS-K', 'Latn'], ['ولایت خراسان', 'Arab']]);
    expect(iskp?.marking).toBe('TLP:GREEN');
  });

  it('maps an incident to an event with its attribution, location, TLP 1.0 marking and sources', () => {
    expect(records.events).toHaveLength(1);
    const event = records.events[0];
    expect(event?.marking).toBe('TLP:AMBER');
    expect(event?.date).toEqual({ value: '2024-03-22', precision: 'day' });
    expect(event?.location).toMatchObject({ country: 'RU', place: 'Krasnogorsk', geoPrecision: 'exact' });
    expect(event?.responsibility).toHaveLength(1);
    expect(event?.responsibility[0]).toMatchObject({ kind: 'attributed', confidence: 'high' });
    const cited = new Set(event?.citations.map((c) => c.sourceId));
    const titles = records.sources.filter((s) => cited.has(s.id)).map((s) => s.publisher ?? s.title);
    expect(titles.sort()).toEqual(['Quarterly ISKP review', 'Reuters'].sort());
  });

  it('keeps actor–actor relationships with their dates', () => {
    expect(records.relationships.map((r) => [r.type, r.from?.value])).toEqual(
      expect.arrayContaining([
        ['member-of', '2019-05-01'],
        ['custom:attributed to', undefined],
      ]),
    );
  });

  it('sets aside what has no counterpart, with a reason for each', () => {
    const aside = Object.fromEntries(result.keptAside.map((k) => [k.type + (k.id.endsWith(u(2)) ? ':author' : ''), k.reason]));
    expect(Object.keys(aside).sort()).toEqual(['campaign', 'identity:author', 'malware', 'note', 'opinion', 'relationship', 'sighting'].sort());
    for (const reason of Object.values(aside)) expect(reason.length).toBeGreaterThan(10);
  });

  it('reports dangling references and non-standard fields', () => {
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: `relationship--${u(13)}`, kind: 'dangling-ref' }),
        expect.objectContaining({ id: `threat-actor--${u(3)}`, kind: 'non-standard-field' }),
      ]),
    );
  });

  it('lists the markings it found with their TLP level', () => {
    expect(result.markings).toEqual([expect.objectContaining({ id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', tlp: 'TLP:AMBER', kind: 'tlp1' })]);
  });

  it('never throws on something that is not a bundle', () => {
    for (const junk of [null, 42, 'x', { type: 'bundle' }, { type: 'bundle', objects: [null, { type: 1 }] }]) {
      const r = stixBundleToRecords(junk);
      expect(r.records.events).toEqual([]);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('reading targets from foreign STIX', () => {
  const victim = core('identity', 21, { name: 'Kabul police', identity_class: 'organization' });
  const attack = core('incident', 22, { name: 'Checkpoint attack', first_seen: t });
  const bundle = {
    type: 'bundle',
    id: `bundle--${u(20)}`,
    objects: [
      victim,
      attack,
      core('threat-actor', 23, { name: 'ISKP' }),
      core('relationship', 24, { relationship_type: 'attributed-to', source_ref: attack.id, target_ref: `threat-actor--${u(23)}` }),
      core('relationship', 25, { relationship_type: 'targets', source_ref: attack.id, target_ref: victim.id, external_references: [{ source_name: 'Tolo News', url: 'https://example.org/t' }] }),
      core('relationship', 26, { relationship_type: 'targets', source_ref: attack.id, target_ref: `identity--${u(99)}` }),
      core('relationship', 27, { relationship_type: 'related-to', source_ref: attack.id, target_ref: `threat-actor--${u(23)}` }),
    ],
  };
  const result = stixBundleToRecords(bundle);

  it('makes the identity an incident targets an actor, and a target of the event, cited by its references', () => {
    const police = result.records.actors.find((a) => a.name === 'Kabul police');
    expect(police?.kind).toBe('organisation');
    const event = result.records.events[0];
    expect(event?.responsibility.map((c) => c.actorId)).toEqual([result.records.actors.find((a) => a.name === 'ISKP')?.id]);
    expect(event?.participants).toEqual([{ actorId: police?.id, role: 'target', citations: [{ sourceId: expect.any(String), credibility: 6 }] }]);
    const cited = result.records.sources.find((s) => s.id === event?.participants?.[0]?.citations[0]?.sourceId);
    expect(cited).toMatchObject({ publisher: 'Tolo News', url: 'https://example.org/t' });
  });

  it('reports a targets relationship to an object not in the bundle as a dangling reference, and keeps the rest', () => {
    expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ id: `relationship--${u(26)}`, kind: 'dangling-ref' })]));
    expect(result.keptAside).toEqual(expect.arrayContaining([expect.objectContaining({ id: `relationship--${u(26)}` })]));
    expect(result.records.events[0]?.participants).toHaveLength(1);
  });

  it('sets aside a foreign related-to between an incident and an actor (it says too little to be a participant)', () => {
    expect(result.keptAside).toEqual(expect.arrayContaining([expect.objectContaining({ id: `relationship--${u(27)}`, type: 'relationship' })]));
  });
});
