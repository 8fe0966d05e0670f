import { afterAll, describe, expect, it } from 'vitest';
import { newVersionHasher } from '../../src/main/services/exchange/hashing';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import type { Relationship } from '../../src/shared/domain/relationship';
import type { Series } from '../../src/shared/domain/series';
import { ok, team, type Team } from '../helpers/exchange';
import { newCase, plainActor, plainEvent, plainSource, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

/**
 * Alice's case mixes GREEN and AMBER: GREEN records that cite an AMBER source, name an AMBER
 * actor, or (a series) belong to one; and a record that was AMBER under another title before
 * it was re-marked GREEN.
 */
function aliceCase(): CaseDocument {
  const doc = newCase('Mixed markings');
  doc.sources.push({ ...plainSource('source--green', 'Wire report'), marking: 'TLP:GREEN' }, { ...plainSource('source--amber', 'Liaison note'), marking: 'TLP:AMBER' });
  doc.actors.push(
    plainActor('actor--green', 'ISKP', { citations: [{ sourceId: 'source--green', credibility: 2 }, { sourceId: 'source--amber', credibility: 2 }] }),
    plainActor('actor--amber', 'Informant network', { marking: 'TLP:AMBER' }),
  );
  doc.events.push(
    plainEvent('event--one', 'Checkpoint attack', {
      marking: 'TLP:GREEN',
      citations: [{ sourceId: 'source--green', credibility: 2 }, { sourceId: 'source--amber', credibility: 3, locator: 'p. 4' }],
      responsibility: [
        { id: 'claim--green', actorId: 'actor--green', kind: 'claimed', confidence: 'high', citations: [{ sourceId: 'source--amber', credibility: 2 }], by: 'Courier of the informant network', byActorId: 'actor--amber' },
        { id: 'claim--amber', actorId: 'actor--amber', kind: 'suspected', confidence: 'low', citations: [] },
      ],
      participants: [{ actorId: 'actor--amber', role: 'participant', citations: [] }],
    }),
    plainEvent('event--two', 'Market bombing', { marking: 'TLP:GREEN' }),
  );
  doc.series.push({ id: 'series--attacks', title: 'Claimed attacks', measure: 'attacks', unit: 'count', actorId: 'actor--amber', points: [], marking: 'TLP:GREEN', citations: [] } satisfies Series);
  return doc;
}

const byId = <T extends { id: string }>(list: readonly T[], id: string): T => list.find((r) => r.id === id) as T;
const snapshot = (t: Team): string => JSON.stringify((['events', 'actors', 'relationships', 'sources', 'series'] as const).map((c) => [...t.cases.document![c]].sort((a, b) => a.id.localeCompare(b.id))));

async function roundTrip() {
  const alice = await team('alice-cut', aliceCase());
  // event--two was AMBER under a telling title, then re-marked GREEN under a neutral one.
  const secret = { ...byId(alice.cases.document!.events, 'event--two'), title: 'Raid on the Jalalabad safe house', marking: 'TLP:AMBER' as const };
  ok(await alice.cases.put({ collection: 'events', record: secret }));
  ok(await alice.cases.put({ collection: 'events', record: { ...secret, title: 'Market bombing', marking: 'TLP:GREEN' } }));
  const bob = await team('bob-cut');
  const aliceKey = (await alice.exchange.publicKey()).ageRecipient;
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const toBob = await alice.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [bobKey] });
  const atBob = await bob.exchange.open(toBob.bytes);
  ok({ ok: true, value: await bob.exchange.merge(atBob.opened, atBob.plan, {}) });
  const back = async () => alice.exchange.open((await bob.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [aliceKey] })).bytes);
  return { alice, bob, secret, atBob, back };
}

describe('a GREEN exchange round trip across a marking cut', () => {
  it('sends no hash of a withheld version: a guessed old AMBER title cannot be confirmed', async () => {
    const { alice, secret, atBob } = await roundTrip();
    const hash = newVersionHasher();
    const versions = atBob.opened.payload.versions;
    expect(versions['event--two']).toBeDefined();
    expect(versions['event--two']).not.toContain(hash(secret));
    // Nor the full copy of a record whose AMBER parts were cut: only what was sent is hashed.
    const full = byId(alice.cases.document!.events, 'event--one');
    expect(versions['event--one']).not.toContain(hash(full));
    expect(versions['event--one']?.at(-1)).toBe(hash(byId(atBob.opened.payload.records.events, 'event--one')));
    expect(Object.values(versions).flat()).not.toContain(hash(byId(alice.cases.document!.actors, 'actor--green')));
  });

  it('a claim whose author is withheld leaves without the link and without the author\'s name, and gets both back', async () => {
    const { alice, atBob, back } = await roundTrip();
    const sent = byId(atBob.opened.payload.records.events, 'event--one') as Event;
    expect(sent.responsibility.find((c) => c.id === 'claim--green')).not.toHaveProperty('by');
    expect(sent.responsibility.find((c) => c.id === 'claim--green')).not.toHaveProperty('byActorId');
    expect(JSON.stringify(atBob.opened.payload)).not.toContain('Courier of the informant network');
    const { opened, plan } = await back();
    await alice.exchange.merge(opened, plan, {});
    expect((byId(alice.cases.document!.events, 'event--one') as Event).responsibility.find((c) => c.id === 'claim--green')).toMatchObject({ by: 'Courier of the informant network', byActorId: 'actor--amber' });
  });

  it('A → B → A with no edits: no conflicts, and nothing of A is lost even when theirs is preferred', async () => {
    const { alice, back } = await roundTrip();
    const before = snapshot(alice);
    const { opened, plan } = await back();
    expect(plan.conflicts).toEqual([]);
    expect(plan.changed).toEqual([]);
    expect(plan.added).toEqual([]);
    const theirs = Object.fromEntries(plan.conflicts.map((c) => [c.key, 'theirs' as const]));
    await alice.exchange.merge(opened, plan, theirs);
    expect(snapshot(alice)).toBe(before);
  });

  it('a partner edit of a cut-down copy is merged onto our full record, keeping what was cut', async () => {
    const { alice, bob, back } = await roundTrip();
    ok(await bob.cases.put({ collection: 'events', record: { ...byId(bob.cases.document!.events, 'event--one'), title: 'Checkpoint attack (Bob)' } }));
    ok(await bob.cases.put({ collection: 'series', record: { ...byId(bob.cases.document!.series, 'series--attacks'), unit: 'attacks' } }));
    const { opened, plan } = await back();
    expect(plan.conflicts).toEqual([]);
    expect(plan.changed.map((c) => [c.id, c.fields])).toEqual([
      ['event--one', ['title']],
      ['series--attacks', ['unit']],
    ]);
    await alice.exchange.merge(opened, plan, {});
    const one = byId(alice.cases.document!.events, 'event--one') as Event;
    expect(one.title).toBe('Checkpoint attack (Bob)');
    expect(one.citations.map((c) => c.sourceId)).toEqual(['source--green', 'source--amber']);
    expect(one.responsibility.map((c) => [c.id, c.citations.length])).toEqual([
      ['claim--green', 1],
      ['claim--amber', 0],
    ]);
    expect(one.participants?.map((p) => p.actorId)).toEqual(['actor--amber']);
    expect(byId(alice.cases.document!.series, 'series--attacks')).toMatchObject({ unit: 'attacks', actorId: 'actor--amber' });
  });
});

describe('a relationship across a marking cut', () => {
  async function aliceWithLink() {
    const alice = await team('alice-rel', aliceCase());
    const cited: Relationship = {
      id: 'relationship--ab',
      type: 'allied-with',
      sourceActorId: 'actor--green',
      targetActorId: 'actor--green',
      confidence: 'medium',
      marking: 'TLP:GREEN',
      citations: [{ sourceId: 'source--amber', credibility: 2, locator: 'para 3: informant AHMAD at the Peshawar madrasa' }],
    };
    ok(await alice.cases.put({ collection: 'relationships', record: cited }));
    const bob = await team('bob-rel');
    const send = async () => bob.exchange.open((await alice.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [(await bob.exchange.publicKey()).ageRecipient] })).bytes);
    return { alice, bob, cited, send };
  }

  it('sends no hash of a version that cited a withheld source, while it lives and after it is deleted', async () => {
    const { alice, cited, send } = await aliceWithLink();
    ok(await alice.cases.put({ collection: 'relationships', record: { ...cited, citations: [{ sourceId: 'source--green', credibility: 3 }] } }));
    const hash = newVersionHasher();
    const live = await send();
    expect(live.opened.payload.versions['relationship--ab']).toBeDefined();
    expect(live.opened.payload.versions['relationship--ab']).not.toContain(hash(cited));
    ok(await alice.cases.remove('relationships', 'relationship--ab'));
    const gone = await send();
    const tomb = gone.opened.payload.tombstones.find((t) => t.id === 'relationship--ab');
    expect(tomb).toBeDefined();
    expect(tomb?.versions).not.toContain(hash(cited));
  });

  it('leaves without its citation of a withheld source (its locator stays behind), and gets it back on return', async () => {
    const { alice, bob, send } = await aliceWithLink();
    const atBob = await send();
    const sent = byId(atBob.opened.payload.records.relationships, 'relationship--ab');
    expect(sent.citations).toEqual([]);
    expect(JSON.stringify(atBob.opened.payload)).not.toContain('informant AHMAD');
    await bob.exchange.merge(atBob.opened, atBob.plan, {});
    const back = await alice.exchange.open((await bob.exchange.exportCasefile({ maxMarking: 'TLP:GREEN', recipients: [(await alice.exchange.publicKey()).ageRecipient] })).bytes);
    expect(back.plan.conflicts).toEqual([]);
    expect(back.plan.changed).toEqual([]);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(byId(alice.cases.document!.relationships, 'relationship--ab').citations.map((c) => c.sourceId)).toEqual(['source--amber']);
  });
});

describe('a partner who sets what we withheld from them', () => {
  it('an author they give a claim whose author we withheld is a conflict, not a silent replacement; --prefer and the dry run agree', async () => {
    const { alice, bob, back } = await roundTrip();
    ok(await bob.cases.put({ collection: 'actors', record: plainActor('actor--amaq', 'Amaq News Agency') }));
    const ev = byId(bob.cases.document!.events, 'event--one') as Event;
    ok(await bob.cases.put({ collection: 'events', record: { ...ev, responsibility: ev.responsibility.map((c) => ({ ...c, by: 'Amaq', byActorId: 'actor--amaq' })) } }));
    const { opened, plan } = await back();
    const conflict = plan.conflicts.find((c) => c.key === 'events/event--one/responsibility');
    expect(conflict).toMatchObject({ kind: 'field', field: 'responsibility' });
    // Unresolved (and --prefer ours): our withheld author stays.
    const dryOurs = await alice.exchange.merge(opened, plan, {}, { dryRun: true });
    const theirs = { [conflict!.key]: 'theirs' as const };
    const dryTheirs = await alice.exchange.merge(opened, plan, theirs, { dryRun: true });
    const done = await alice.exchange.merge(opened, plan, theirs);
    expect(done.counts).toEqual(dryTheirs.counts);
    expect(dryOurs.counts.conflictsResolved).toBe(0);
    const claim = (byId(alice.cases.document!.events, 'event--one') as Event).responsibility.find((c) => c.id === 'claim--green');
    expect(claim).toMatchObject({ by: 'Amaq', byActorId: 'actor--amaq' });
  });

  it('keeps ours when the conflict is left alone: the withheld author and its text stay', async () => {
    const { alice, bob, back } = await roundTrip();
    const ev = byId(bob.cases.document!.events, 'event--one') as Event;
    // Only words, no linked actor: still a value where ours holds the withheld author.
    ok(await bob.cases.put({ collection: 'events', record: { ...ev, responsibility: ev.responsibility.map((c) => ({ ...c, by: 'A caller to Pajhwok' })) } }));
    const { opened, plan } = await back();
    const conflict = plan.conflicts.find((c) => c.key === 'events/event--one/responsibility');
    expect(conflict).toMatchObject({ kind: 'field' });
    expect(JSON.stringify(conflict && 'theirs' in conflict ? conflict.theirs : null)).toContain('A caller to Pajhwok');
    await alice.exchange.merge(opened, plan, {});
    const claim = (byId(alice.cases.document!.events, 'event--one') as Event).responsibility.find((c) => c.id === 'claim--green');
    expect(claim).toMatchObject({ by: 'Courier of the informant network', byActorId: 'actor--amber' });
  });

  it('a series actor they set where ours is withheld is a conflict', async () => {
    const { alice, bob, back } = await roundTrip();
    ok(await bob.cases.put({ collection: 'series', record: { ...byId(bob.cases.document!.series, 'series--attacks'), actorId: 'actor--green' } }));
    const { opened, plan } = await back();
    expect(plan.conflicts.map((c) => c.key)).toEqual(['series/series--attacks/actorId']);
    await alice.exchange.merge(opened, plan, {});
    expect(byId(alice.cases.document!.series, 'series--attacks').actorId).toBe('actor--amber');
  });
});
