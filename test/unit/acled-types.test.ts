import { describe, expect, it } from 'vitest';
import { Actor } from '../../src/shared/domain/actor';
import { Event } from '../../src/shared/domain/event';
import type { ImportPlan } from '../../src/shared/import/plan';
import { applyPlan, planFixture, plannedEvents } from '../fixtures/import/helpers';

/** Actor names by id, from the actors a plan creates. */
function actorNames(plan: ImportPlan): Map<string, string> {
  return new Map(plan.changes.flatMap((c) => (c.op === 'put' && c.collection === 'actors' ? [[c.id, (c.after as Actor).name] as const] : [])));
}

/** Who the event holds responsible and who took part, by name. */
function parties(event: Event | undefined, names: Map<string, string>) {
  return {
    responsible: (event?.responsibility ?? []).map((c) => [names.get(c.actorId), c.kind]),
    taking: (event?.participants ?? []).map((p) => [names.get(p.actorId), p.role]),
  };
}

describe('ACLED event types keep their meaning (current export)', () => {
  it('gives protests, riots, battles and strategic developments their own category, never "attack" or "statement"', async () => {
    const { plan } = await planFixture('acled-types.csv');
    const events = plannedEvents(plan);
    const category = (id: string) => events.get(`event--acled-${id}`)?.category;
    expect(category('SOM1')).toBe('protest');
    expect(category('SOM2')).toBe('riot');
    expect(category('SOM3')).toBe('battle');
    expect(category('SOM4')).toBe('strategic-development'); // non-violent transfer of territory
    expect(category('SOM5')).toBe('strategic-development'); // headquarters or base established
    expect(category('SOM6')).toBe('attack');
    expect(category('SOM7')).toBe('attack');
    // A type this build does not know is not made an attack.
    expect(category('SOM8')).toBe('other');
    for (const event of events.values()) expect(Event.safeParse(event).success, event.id).toBe(true);
  });

  it('attributes only violence against civilians and explosions to actor1; everyone else takes part without responsibility', async () => {
    const { plan } = await planFixture('acled-types.csv');
    const events = plannedEvents(plan);
    const names = actorNames(plan);
    const of = (id: string) => parties(events.get(`event--acled-${id}`), names);
    // Students do not "perpetrate" a protest; the crowd itself is no actor.
    expect(of('SOM1')).toEqual({ responsible: [], taking: [['Students (Somalia)', 'participant']] });
    expect(of('SOM2')).toEqual({ responsible: [], taking: [['Hawiye Clan Militia (Somalia)', 'participant']] });
    // Battles: both sides, the associated AMISOM included, take part; nobody is attributed.
    expect(of('SOM3')).toEqual({
      responsible: [],
      taking: [
        ['Military Forces of Somalia (2012-)', 'participant'],
        ['AMISOM: African Union Mission in Somalia (2007-2022)', 'participant'],
        ['Al Shabaab', 'participant'],
      ],
    });
    expect(of('SOM4')).toEqual({ responsible: [], taking: [['Al Shabaab', 'participant']] });
    expect(of('SOM5')).toEqual({ responsible: [], taking: [['Al Shabaab', 'participant']] });
    expect(of('SOM6')).toEqual({ responsible: [['Al Shabaab', 'attributed']], taking: [] });
    expect(of('SOM7')).toEqual({ responsible: [['Al Shabaab', 'attributed']], taking: [['Military Forces of Somalia (2012-)', 'target']] });
    expect(of('SOM8')).toEqual({ responsible: [], taking: [['Al Shabaab', 'participant']] });
  });

  it("keeps ACLED's own fields on the event", async () => {
    const { plan } = await planFixture('acled-types.csv');
    const events = plannedEvents(plan);
    const riot = events.get('event--acled-SOM2');
    expect(riot?.acled).toEqual({ eventType: 'Riots', subEventType: 'Mob violence', disorderType: 'Demonstrations', inter1: 5, inter2: 7, interaction: 57, civilianTargeting: true, sourceScale: 'National' });
    expect(riot?.location).toMatchObject({ admin2: 'Mogadishu', admin3: 'Hodan' });
    // Inter codes and the interaction given as text, as newer exports write them.
    const protest = events.get('event--acled-SOM1');
    expect(protest?.acled).toEqual({ eventType: 'Protests', subEventType: 'Peaceful protest', disorderType: 'Demonstrations', inter1: 6, interaction: 60, civilianTargeting: false, sourceScale: 'National' });
    expect(events.get('event--acled-SOM3')?.acled?.sourceScale).toBe('National-International');
  });
});

describe('older ACLED files name the types differently', () => {
  it('maps each older type to its current one', async () => {
    const { plan } = await planFixture('acled-older-types.csv');
    const events = plannedEvents(plan);
    const got = (id: number) => {
      const e = events.get(`event--acled-SOM${id}`);
      return [e?.category, e?.acled?.eventType, e?.acled?.subEventType];
    };
    expect(got(101)).toEqual(['battle', 'Battles', 'Armed clash']);
    expect(got(102)).toEqual(['battle', 'Battles', 'Government regains territory']);
    expect(got(103)).toEqual(['battle', 'Battles', 'Non-state actor overtakes territory']);
    expect(got(104)).toEqual(['attack', 'Explosions/Remote violence', undefined]);
    expect(got(105)).toEqual(['riot', 'Riots', undefined]); // rioters (inter 5)
    expect(got(106)).toEqual(['protest', 'Protests', undefined]); // protesters (inter 6)
    expect(got(107)).toEqual(['protest', 'Protests', undefined]); // nothing tells: taken as a protest, and said so
    expect(got(108)).toEqual(['strategic-development', 'Strategic developments', 'Non-violent transfer of territory']);
    expect(got(109)).toEqual(['strategic-development', 'Strategic developments', 'Headquarters or base established']);
    expect(got(110)).toEqual(['attack', 'Violence against civilians', undefined]);
    // The file's own name for the type is kept as a tag.
    expect(events.get('event--acled-SOM101')?.tags).toContain('Battle-No change of territory');
    expect(plan.notes.join('\n')).toMatch(/1 "Riots\/Protests" row .*taken as Protests.*line 8/);
  });

  it('holds nobody responsible for older battles, riots, protests or transfers of territory', async () => {
    const { plan } = await planFixture('acled-older-types.csv');
    const events = plannedEvents(plan);
    const attributed = [...events.values()].filter((e) => e.responsibility.length > 0).map((e) => e.id.replace('event--acled-', '')).sort();
    expect(attributed).toEqual(['SOM104', 'SOM110']);
  });
});

describe('re-importing the same file corrects events imported with the old mapping', () => {
  it('updates category and responsibility by event_id_cnty and the preview says how many change', async () => {
    const first = await planFixture('acled-types.csv');
    const doc = applyPlan(first.doc, first.plan);
    // What the old mapping wrote: battles and transfers of territory as attacks, protests as
    // statements, actor1's side attributed, and none of ACLED's own fields.
    const claim = (eventId: string, actorId: string) => ({ id: `${eventId.replace('event--', 'claim--')}-1`, actorId, kind: 'attributed' as const, by: 'ACLED', confidence: 'medium' as const, citations: [] });
    const oldCategory: Record<string, Event['category']> = { SOM1: 'statement', SOM2: 'statement', SOM3: 'attack', SOM4: 'attack', SOM5: 'attack', SOM8: 'attack' };
    doc.events = doc.events.map((e) => {
      const key = e.id.replace('event--acled-', '');
      const { acled: _dropped, ...old } = e;
      const category = oldCategory[key] ?? e.category;
      if (key === 'SOM1' || key === 'SOM4') {
        const { participants: _p, ...rest } = old;
        return { ...rest, category, responsibility: [claim(e.id, e.participants?.[0]?.actorId ?? '')] };
      }
      return { ...old, category };
    });
    const again = await planFixture('acled-types.csv', {}, doc);
    expect(again.plan.counts).toMatchObject({ add: 0, update: 8, recategorised: 6, responsibilityChanged: 2 });
    expect(again.plan.notes.join('\n')).toContain('6 events change category: Attack → Battle 1, Attack → Other 1, Attack → Strategic development 2, Statement → Protest 1, Statement → Riot 1');
    expect(again.plan.notes.join('\n')).toContain('2 events change who is held responsible');
    const fixed = applyPlan(doc, again.plan);
    const event = (id: string) => fixed.events.find((e) => e.id === `event--acled-${id}`);
    expect(event('SOM1')?.category).toBe('protest');
    expect(event('SOM1')?.responsibility).toEqual([]);
    expect(event('SOM1')?.participants?.map((p) => p.role)).toEqual(['participant']);
    expect(event('SOM4')?.category).toBe('strategic-development');
    expect(event('SOM4')?.responsibility).toEqual([]);
    expect(event('SOM3')?.acled?.eventType).toBe('Battles');
    // A third import finds nothing left to correct.
    const third = await planFixture('acled-types.csv', {}, fixed);
    expect(third.plan.counts).toMatchObject({ update: 0, unchanged: 8, recategorised: 0, responsibilityChanged: 0 });
  });
});
