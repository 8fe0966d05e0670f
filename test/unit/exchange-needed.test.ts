import { afterAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/shared/domain/event';
import { resolutionsFor } from '../../src/shared/exchange';
import { ok, team, type Team } from '../helpers/exchange';
import { newCase, plainActor, plainEvent, removeTempDirs } from '../helpers/store';

/**
 * We deleted an actor our partner still holds; their file then brings records that need it (a new
 * event claiming it, a participant added to a shared event). The review offers a choice — restore
 * the actor from their copy, or leave those records out — and the rest of the file merges either way.
 */
afterAll(removeTempDirs);

const byId = <T extends { id: string }>(list: readonly T[], id: string): T | undefined => list.find((r) => r.id === id);

async function deletedHere(bobEditsD = false) {
  const doc = newCase('Alice');
  doc.actors.push(plainActor('actor--d', 'Splinter cell'));
  doc.events.push(plainEvent('event--shared', 'Shared attack', { marking: 'TLP:GREEN' }));
  const alice = await team('alice-needed', doc);
  const bob = await team('bob-needed');
  const aliceKey = (await alice.exchange.publicKey()).ageRecipient;
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const atBob = await bob.exchange.open((await alice.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [bobKey] })).bytes);
  await bob.exchange.merge(atBob.opened, atBob.plan, {});
  ok(await alice.cases.remove('actors', 'actor--d'));
  if (bobEditsD) ok(await bob.cases.put({ collection: 'actors', record: { ...byId(bob.cases.document!.actors, 'actor--d')!, description: 'Bob: active in Kunar' } }));
  ok(await bob.cases.put({ collection: 'events', record: plainEvent('event--new', 'Bob: new attack by the splinter cell', { marking: 'TLP:GREEN', responsibility: [{ id: 'claim--x', actorId: 'actor--d', kind: 'claimed', confidence: 'high', citations: [] }] }) }));
  ok(await bob.cases.put({ collection: 'events', record: plainEvent('event--other', 'Bob: unrelated arrest', { marking: 'TLP:GREEN' }) }));
  const shared = byId(bob.cases.document!.events, 'event--shared') as Event;
  ok(await bob.cases.put({ collection: 'events', record: { ...shared, participants: [{ actorId: 'actor--d', role: 'participant', citations: [] }] } }));
  const back = async () => alice.exchange.open((await bob.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [aliceKey] })).bytes);
  return { alice, back };
}

const has = (t: Team, collection: 'events' | 'actors', id: string): boolean => byId(t.cases.document![collection] as Array<{ id: string }>, id) !== undefined;

describe('their records need a record we deleted', () => {
  it('is a choice in the review; left alone (and --prefer ours) those records are left out and the rest merges', async () => {
    const { alice, back } = await deletedHere();
    const { opened, plan } = await back();
    const conflict = plan.conflicts.find((c) => c.key === 'actors/actor--d');
    expect(conflict).toMatchObject({ kind: 'needed-by-theirs', label: 'Splinter cell', options: ['ours', 'theirs'] });
    expect(conflict && 'neededBy' in conflict ? conflict.neededBy?.map((n) => n.id).sort() : []).toEqual(['event--new', 'event--shared']);
    const resolutions = resolutionsFor(plan, 'ours');
    const dry = await alice.exchange.merge(opened, plan, resolutions, { dryRun: true });
    const done = await alice.exchange.merge(opened, plan, resolutions);
    expect(done.counts).toEqual(dry.counts);
    expect(done.skipped).toEqual(dry.skipped);
    expect(done.skipped.join('\n')).toMatch(/event--new.*actor--d/);
    expect(has(alice, 'events', 'event--other')).toBe(true);
    expect(has(alice, 'events', 'event--new')).toBe(false);
    expect(has(alice, 'actors', 'actor--d')).toBe(false);
    expect((byId(alice.cases.document!.events, 'event--shared') as Event).participants ?? []).toEqual([]);
  });

  it('--prefer theirs or both restores the actor from their copy, and everything merges', async () => {
    for (const prefer of ['theirs', 'both'] as const) {
      const { alice, back } = await deletedHere();
      const { opened, plan } = await back();
      const resolutions = resolutionsFor(plan, prefer);
      expect(resolutions['actors/actor--d']).toBe('theirs');
      const dry = await alice.exchange.merge(opened, plan, resolutions, { dryRun: true });
      const done = await alice.exchange.merge(opened, plan, resolutions);
      expect(done.counts).toEqual(dry.counts);
      expect(done.skipped).toEqual([]);
      expect(byId(alice.cases.document!.actors, 'actor--d')?.name).toBe('Splinter cell');
      expect(has(alice, 'events', 'event--new')).toBe(true);
      expect((byId(alice.cases.document!.events, 'event--shared') as Event).participants?.map((p) => p.actorId)).toEqual(['actor--d']);
    }
  });

  it('when they also edited it (delete-vs-edit), keeping it deleted leaves the records that need it out instead of refusing the file', async () => {
    const { alice, back } = await deletedHere(true);
    const { opened, plan } = await back();
    const conflict = plan.conflicts.find((c) => c.key === 'actors/actor--d');
    expect(conflict).toMatchObject({ kind: 'delete-vs-edit' });
    expect(conflict && 'neededBy' in conflict ? conflict.neededBy?.map((n) => n.id).sort() : []).toEqual(['event--new', 'event--shared']);
    await alice.exchange.merge(opened, plan, {});
    expect(has(alice, 'events', 'event--other')).toBe(true);
    expect(has(alice, 'events', 'event--new')).toBe(false);
    expect(has(alice, 'actors', 'actor--d')).toBe(false);
  });
});
