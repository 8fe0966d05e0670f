import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/domain/actor';
import { stixBundleToRecords } from '../../src/shared/formats/stix';
import { ActorMatcher, mentionKey } from '../../src/shared/import/actors';
import { buildStixPlan } from '../../src/shared/import/stix-plan';
import { suggestedMarking } from '../../src/shared/import/marking-choice';
import { planImport } from '../../src/main/services/import/prepare';
import { applyPlan, blankCase, planFixture, plannedEvents } from '../fixtures/import/helpers';
import type { CaseDocument } from '../../src/shared/domain/case';

const INTRUSION_SET = {
  type: 'bundle',
  id: 'bundle--5d0f3a4e-54f4-4c4b-9f2e-2c1d6f7a8b90',
  objects: [
    {
      type: 'intrusion-set',
      spec_version: '2.1',
      id: 'intrusion-set--1e6e5a3a-0b0e-4d8b-9d55-0c9f3b9c2a11',
      created: '2020-01-01T00:00:00.000Z',
      modified: '2020-01-01T00:00:00.000Z',
      name: 'Harakat al-Shabaab al-Mujahideen',
      aliases: ['Al-Shabaab'],
    },
  ],
};

/** A case that holds the intrusion set, imported from STIX as an analyst would. */
function caseWithIntrusionSet(defaultMarking: CaseDocument['defaultMarking'] = 'TLP:AMBER'): CaseDocument {
  const doc = { ...blankCase(), defaultMarking };
  const plan = buildStixPlan(stixBundleToRecords(INTRUSION_SET, { defaultMarking }), doc, 'set.json', defaultMarking);
  const actors = plan.changes.filter((c) => c.op === 'put' && c.collection === 'actors').map((c) => (c.op === 'put' ? (c.after as Actor) : null)!);
  expect(actors.map((a) => a.name)).toEqual(['Harakat al-Shabaab al-Mujahideen']);
  return { ...doc, actors };
}

const SET_ID = INTRUSION_SET.objects[0]!.id.replace('intrusion-set--', 'actor--');

describe('import actor matching through the cross-spelling name index', () => {
  it('"Al Shabaab" is the actor whose alias is "Al-Shabaab", without asking', () => {
    const doc = caseWithIntrusionSet();
    const matcher = new ActorMatcher(doc.actors, 'TLP:CLEAR', 'test');
    expect(matcher.resolve({ name: 'Al Shabaab', kind: 'organisation', as: 'attributed' })).toBe(SET_ID);
    expect(matcher.resolve({ name: 'AL-SHABAAB', kind: 'organisation', as: 'attributed' })).toBe(SET_ID);
    expect(matcher.created).toEqual([]);
    expect(matcher.proposalList()).toEqual([]);
    expect(mentionKey('Al-Shabaab')).toBe(mentionKey('al shabaab'));
  });

  it('importing ACLED after the STIX intrusion set leaves one actor, and proposes the spelling variant', async () => {
    const doc = caseWithIntrusionSet();
    const { plan } = await planFixture('acled-somalia.csv', {}, doc);
    const after = applyPlan(doc, plan);
    // "Al Shabaab" (5 rows) is the intrusion set; "Al Shabab" (1 row) is proposed, not taken unasked.
    expect(after.actors.filter((a) => /shabaa?b/i.test(a.name)).map((a) => a.name).sort()).toEqual(['Al Shabab', 'Harakat al-Shabaab al-Mujahideen']);
    expect(plan.proposals).toEqual([
      expect.objectContaining({ name: 'Al Shabab', actorId: SET_ID, actorName: 'Harakat al-Shabaab al-Mujahideen', matchedName: 'Al-Shabaab', score: 0.9, rows: 1, accepted: false }),
    ]);
    expect(plannedEvents(plan).get('event--acled-SOM9001')?.participants?.map((p) => p.actorId)).toContain(SET_ID);
  });

  it('a confirmed proposal files the rows under the case actor; a rejected one makes a new actor', async () => {
    const doc = caseWithIntrusionSet();
    const { prepared } = await planFixture('acled-somalia.csv', {}, doc);
    const key = mentionKey('Al Shabab');
    const confirmed = planImport(prepared, doc, false, false, { accepted: { [key]: SET_ID } });
    expect(confirmed.proposals[0]).toMatchObject({ key, accepted: true });
    expect(confirmed.counts.actorsNew).toBe(applyPlan(doc, confirmed).actors.length - 1);
    expect(applyPlan(doc, confirmed).actors.filter((a) => /shabab/i.test(a.name))).toEqual([]);
    expect(plannedEvents(confirmed).get('event--acled-SOM9002')?.responsibility.map((c) => c.actorId)).toEqual([SET_ID]);
    // An acceptance naming another actor than the one proposed is not a confirmation.
    const wrong = planImport(prepared, doc, false, false, { accepted: { [key]: 'actor--someone-else' } });
    expect(wrong.proposals[0]?.accepted).toBe(false);
    expect(applyPlan(doc, wrong).actors.map((a) => a.name)).toContain('Al Shabab');
    const all = planImport(prepared, doc, false, false, { accepted: 'all' });
    expect(all.proposals.every((p) => p.accepted)).toBe(true);
  });

  it('proposes a name all of whose words are in a longer case name, scored lower than a spelling variant', () => {
    const doc = { ...blankCase(), actors: [{ ...caseWithIntrusionSet().actors[0]!, aliases: [] }] };
    const matcher = new ActorMatcher(doc.actors, 'TLP:CLEAR', 'test');
    const id = matcher.resolve({ name: 'Al Shabaab', kind: 'organisation', as: 'attributed' });
    expect(id).not.toBe(SET_ID);
    const [proposal] = matcher.proposalList();
    expect(proposal).toMatchObject({ actorId: SET_ID, matchedName: 'Harakat al-Shabaab al-Mujahideen', accepted: false });
    expect(proposal!.score).toBeLessThan(0.9);
    expect(proposal!.reason).toContain('every word of “Al Shabaab” is in “Harakat al-Shabaab al-Mujahideen”');
    // Unrelated names are not proposed.
    matcher.resolve({ name: 'Military Forces of Somalia (2012-2017)', kind: 'state-body', as: 'participant' });
    expect(matcher.proposalList()).toHaveLength(1);
  });

  it('proposes the case actor for spellings search finds: joined article, French, Arabic, Hebrew and Ethiopic script', () => {
    const doc = caseWithIntrusionSet();
    const matcher = new ActorMatcher(doc.actors, 'TLP:CLEAR', 'test');
    const spellings = ['Alshabaab', 'Al-Chabab', 'الشباب', 'אל-שבאב', 'አልሸባብ'];
    for (const name of spellings) expect(matcher.resolve({ name, kind: 'organisation', as: 'attributed' }), name).not.toBe(SET_ID);
    expect(matcher.proposalList().map((p) => [p.name, p.actorId, p.accepted])).toEqual(
      expect.arrayContaining(spellings.map((name) => [name, SET_ID, false])),
    );
    // Other groups sharing the article are new actors, not proposals.
    for (const name of ['Jaish al-Adl', 'Ansar al-Sharia', 'Boko Haram']) matcher.resolve({ name, kind: 'organisation', as: 'attributed' });
    expect(matcher.proposalList()).toHaveLength(spellings.length);
    expect(matcher.created.map((a) => a.name).sort()).toEqual(['Ansar al-Sharia', 'Boko Haram', 'Jaish al-Adl', ...spellings].sort());
  });
});

describe('the marking of imported records', () => {
  it('suggests TLP:CLEAR for public datasets whatever the case default, the case default otherwise', () => {
    expect(suggestedMarking('acled', 'TLP:AMBER').marking).toBe('TLP:CLEAR');
    expect(suggestedMarking('gtd', 'TLP:RED').marking).toBe('TLP:CLEAR');
    expect(suggestedMarking('csv', 'TLP:AMBER').marking).toBe('TLP:AMBER');
    expect(suggestedMarking('acled', 'TLP:AMBER').reason).toContain("the case's default is TLP:AMBER");
  });

  it('marks every new record with the chosen marking, keeps the marking of events already in the case, and says so in the summary', async () => {
    const doc = caseWithIntrusionSet('TLP:AMBER');
    const { prepared, plan: suggested } = await planFixture('acled-somalia.csv', {}, doc);
    expect(suggested.marking).toBe('TLP:CLEAR');
    expect(suggested.summary).toMatch(/; new records marked TLP:CLEAR$/);
    const green = planImport(prepared, doc, false, false, { marking: 'TLP:GREEN' });
    const put = green.changes.filter((c) => c.op === 'put' && c.before === null).map((c) => (c.op === 'put' ? (c.after as { marking: string }).marking : ''));
    expect(put.length).toBeGreaterThan(6);
    expect(new Set(put)).toEqual(new Set(['TLP:GREEN']));
    expect(green.summary).toContain('new records marked TLP:GREEN');
    // The analyst's own marking on an event already imported survives a re-import at another marking.
    const imported = applyPlan(doc, green);
    const marked = { ...imported, events: imported.events.map((e) => (e.id === 'event--acled-SOM9001' ? { ...e, marking: 'TLP:RED' as const, title: 'Edited' } : e)) };
    const { prepared: again } = await planFixture('acled-somalia.csv', {}, marked);
    const redo = planImport(again, marked, false, false, { marking: 'TLP:CLEAR' });
    expect(plannedEvents(redo).get('event--acled-SOM9001')?.marking).toBe('TLP:RED');
  });
});
