import { afterAll, describe, expect, it } from 'vitest';
import { planActorMerge } from '../../src/shared/domain/actor-merge';
import type { Event } from '../../src/shared/domain/event';
import { danglingReferences } from '../../src/shared/domain/references';
import { CaseIndex } from '../../src/shared/domain/apply';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { newCase, plainActor, plainEvent, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

const claim = (actorId: string, n: number) => ({ responsibility: [{ id: `claim--${n}`, actorId, kind: 'claimed' as const, confidence: 'high' as const, citations: [] }], marking: 'TLP:GREEN' as const });
const byId = <T extends { id: string }>(list: readonly T[], id: string): T | undefined => list.find((r) => r.id === id);

/** Merges actor `drop` into `keep` the way the Actors view does (one batch). */
async function mergeActors(t: Team, keep: string, drop: string): Promise<void> {
  ok(await t.cases.commitBatch('merge', () => planActorMerge(t.cases.document!, keep, drop)));
}

/** Alice and Bob share a case naming ISK (to be merged away) and ISKP (the survivor). */
async function sharedCase(): Promise<{ alice: Team; bob: Team; aliceToBob: () => Promise<Awaited<ReturnType<Team['exchange']['open']>>> }> {
  const doc = newCase('Shared');
  doc.actors.push(plainActor('actor--isk', 'ISK'), plainActor('actor--iskp', 'ISKP'));
  doc.events.push(plainEvent('event--a', 'Attack A', claim('actor--isk', 1)), plainEvent('event--b', 'Attack B', claim('actor--isk', 2)));
  const alice = await team('alice-actors', doc);
  const bob = await team('bob-actors');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const aliceToBob = async () => bob.exchange.open((await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] })).bytes);
  const first = await aliceToBob();
  await bob.exchange.merge(first.opened, first.plan, {});
  return { alice, bob, aliceToBob };
}

function dangling(t: Team): string[] {
  const doc = t.cases.document!;
  const index = new CaseIndex(doc);
  return doc.events.flatMap((e) => danglingReferences('events', e, index).map((r) => `${e.id} → ${r.id}`));
}

describe('a partner merged away an actor our own records still name', () => {
  it('is a choice in the review: keep the actor, or re-point our references to their surviving actor', async () => {
    const { alice, bob, aliceToBob } = await sharedCase();
    await mergeActors(alice, 'actor--iskp', 'actor--isk');
    ok(await bob.cases.put({ collection: 'events', record: plainEvent('event--bob', 'Bob’s new event', claim('actor--isk', 3)) }));

    const { opened, plan } = await aliceToBob();
    const choice = plan.conflicts.find((c) => c.key === 'actors/actor--isk');
    expect(choice).toMatchObject({ kind: 'still-referenced', options: ['ours', 'theirs'], survivor: { id: 'actor--iskp', label: 'ISKP' } });
    expect(plan.deleted).toEqual([]);

    // Keep (the default): the actor stays, nothing points at nothing, the rest of the merge applies.
    const kept = await bob.exchange.merge(opened, plan, {});
    expect(byId(bob.cases.document!.actors, 'actor--isk')).toBeDefined();
    expect(dangling(bob)).toEqual([]);
    expect(byId(bob.cases.document!.events, 'event--a')?.responsibility[0]?.actorId).toBe('actor--iskp');
    expect(kept.skipped.join(' ')).toMatch(/actor--isk: not deleted/);
    ok(await bob.cases.undo());

    // Re-point: our event names their survivor, and the merged-away actor goes.
    const again = await aliceToBob();
    await bob.exchange.merge(again.opened, again.plan, { 'actors/actor--isk': 'theirs' });
    expect(byId(bob.cases.document!.actors, 'actor--isk')).toBeUndefined();
    expect(byId(bob.cases.document!.events, 'event--bob')?.responsibility[0]?.actorId).toBe('actor--iskp');
    expect(dangling(bob)).toEqual([]);
  });
});

describe('a partner file that names an actor we merged away', () => {
  it('merges onto our surviving actor, and the dry run says exactly what the merge does', async () => {
    const { alice, bob, aliceToBob } = await sharedCase();
    await mergeActors(bob, 'actor--iskp', 'actor--isk');
    // Alice still has ISK: she adds an event naming it and edits the two she had.
    ok(await alice.cases.put({ collection: 'events', record: plainEvent('event--new', 'Attack C', claim('actor--isk', 4)) }));
    for (const id of ['event--a', 'event--b']) {
      const e = byId(alice.cases.document!.events, id) as Event;
      ok(await alice.cases.put({ collection: 'events', record: { ...e, title: `${e.title} (revised)` } }));
    }
    const { opened, plan } = await aliceToBob();
    expect(plan.added.map((a) => a.record.id)).toEqual(['event--new']);
    expect(plan.changed.map((c) => [c.id, c.fields])).toEqual([
      ['event--a', ['title']],
      ['event--b', ['title']],
    ]);
    expect(plan.conflicts).toEqual([]);
    const dry = await bob.exchange.merge(opened, plan, {}, { dryRun: true });
    const done = await bob.exchange.merge(opened, plan, {});
    expect(dry).toMatchObject({ seq: null, counts: done.counts, skipped: done.skipped });
    expect(done.counts).toMatchObject({ added: 1, changed: 2 });
    expect(byId(bob.cases.document!.events, 'event--new')?.responsibility[0]?.actorId).toBe('actor--iskp');
    expect(byId(bob.cases.document!.events, 'event--a')).toMatchObject({ title: 'Attack A (revised)', responsibility: [{ actorId: 'actor--iskp' }] });
    expect(dangling(bob)).toEqual([]);
  });
});
