import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Event } from '../../src/shared/domain/event';
import { planMerge, resolveMerge, versionHasher } from '../../src/shared/exchange';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { plainActor, plainEvent, plainSource, removeTempDirs, newCase } from '../helpers/store';

afterAll(removeTempDirs);

/** Alice sends her case to Bob; both then edit; Alice sends again. */
async function twoTeams(): Promise<{ alice: Team; bob: Team; send: () => Promise<Awaited<ReturnType<Team['exchange']['open']>>> }> {
  const doc = newCase('Shared case');
  doc.sources.push(plainSource('source--wire', 'Wire report'));
  doc.actors.push(plainActor('actor--iskp', 'ISKP'));
  for (const id of ['a', 'b', 'c', 'd']) doc.events.push(plainEvent(`event--${id}`, `Event ${id}`));
  const alice = await team('alice', doc);
  const bob = await team('bob');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const send = async () => {
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    return bob.exchange.open(bytes);
  };
  const first = await send();
  await bob.exchange.merge(first.opened, first.plan, {});
  return { alice, bob, send };
}

const event = (t: Team, id: string): Event => t.cases.document!.events.find((e) => e.id === id) as Event;

describe('merging a received case file', () => {
  it('finds new records, changes only they made, conflicts where both changed a field, and delete-vs-edit both ways', async () => {
    const { alice, bob, send } = await twoTeams();
    expect(bob.cases.document!.events).toHaveLength(4);
    // a: only Alice changes the title → taken automatically.
    ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--a'), title: 'A, renamed by Alice' } }));
    // b: both change the description → conflict; Alice also changes tags, Bob does not → merged cleanly.
    ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--b'), description: 'alice says', tags: ['x'] } }));
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--b'), description: 'bob says' } }));
    // c: Bob deletes, Alice edits → delete-vs-edit.
    ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--c'), title: 'C edited' } }));
    ok(await bob.cases.remove('events', 'event--c'));
    // d: Alice deletes, Bob edits → edit-vs-delete.
    ok(await alice.cases.remove('events', 'event--d'));
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--d'), title: 'D edited by Bob' } }));
    // e: new at Alice.
    ok(await alice.cases.put({ collection: 'events', record: plainEvent('event--e', 'Event e') }));
    // Bob edits a's place only on his side? No: a stays untouched at Bob.

    const { plan } = await send();
    expect(plan.added.map((a) => a.record.id)).toEqual(['event--e']);
    expect(plan.changed.find((c) => c.id === 'event--a')?.fields).toEqual(['title']);
    const conflicts = Object.fromEntries(plan.conflicts.map((c) => [c.key, c.kind]));
    expect(conflicts).toEqual({ 'events/event--b/description': 'field', 'events/event--c': 'delete-vs-edit', 'events/event--d': 'edit-vs-delete' });
    expect(plan.changed.find((c) => c.id === 'event--b')?.fields).toEqual(['tags']);
  });

  it('applies the chosen resolutions as ONE undoable step, keeping provenance', async () => {
    const { alice, bob, send } = await twoTeams();
    ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--b'), description: 'alice says', tags: ['x'] } }));
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--b'), description: 'bob says', tags: [] } }));
    ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--c'), title: 'C edited' } }));
    ok(await bob.cases.remove('events', 'event--c'));
    const { opened, plan } = await send();
    const before = JSON.stringify(bob.cases.document!.events.map((e) => e.id).sort());
    const outcome = await bob.exchange.merge(opened, plan, { 'events/event--b/description': 'both', 'events/event--c': 'theirs' });
    const b = event(bob, 'event--b');
    expect(b.description).toMatch(/^bob says\n\n\[alice .*\] alice says$/);
    expect(b.tags).toEqual(['x']);
    expect(event(bob, 'event--c').title).toBe('C edited');
    const entry = bob.cases.document!.history.at(-1)!;
    expect(entry.kind).toBe('merge');
    expect(entry.summary).toContain(`author=${opened.signer.fingerprint}`);
    expect(outcome.seq).toBe(entry.seq);
    ok(await bob.cases.undo());
    expect(JSON.stringify(bob.cases.document!.events.map((e) => e.id).sort())).toBe(before);
    expect(event(bob, 'event--b').description).toBe('bob says');
  });

  it('a file changed by nobody since the last merge proposes nothing; ours-only changes stay', async () => {
    const { bob, send } = await twoTeams();
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--a'), title: 'Bob only' } }));
    const { plan } = await send();
    expect(plan.added).toEqual([]);
    expect(plan.changed).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.oursNewer).toBe(1);
  });

  it('warns when a file is older than one already merged from the same author (rollback)', async () => {
    const { alice, bob } = await twoTeams();
    const bobKey = (await bob.exchange.publicKey()).ageRecipient;
    const older = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    const newer = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    const n = await bob.exchange.open(newer.bytes);
    await bob.exchange.merge(n.opened, n.plan, {});
    const o = await bob.exchange.open(older.bytes);
    expect(o.opened.warnings.join(' ')).toMatch(/Rollback: this file is number 2 from this author, but you already merged number 3/);
  });
});

describe('source attachments', () => {
  it('travel inside the case file and arrive with the merge, into the receiver\'s blob store', async () => {
    const { createHash } = await import('node:crypto');
    const content = Buffer.from('%PDF-1.4 field report scan');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const doc = newCase('With attachment');
    doc.sources.push({ ...plainSource('source--scan', 'Scanned report'), attachment: { name: 'scan.pdf', mediaType: 'application/pdf', size: content.length, sha256 } });
    doc.attachments.push({ id: `attachment--${sha256}`, name: 'scan.pdf', mediaType: 'application/pdf', size: content.length, sha256 });
    const alice = await team('alice-att', doc);
    await alice.cases.blobs!.add((async function* () {
      yield content;
    })());
    const bob = await team('bob-att');
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [(await bob.exchange.publicKey()).ageRecipient] });
    const { opened, plan } = await bob.exchange.open(bytes);
    expect(opened.manifest.parts.map((p) => p.path)).toContain(`attachments/${sha256}`);
    await bob.exchange.merge(opened, plan, {});
    expect(bob.cases.document!.attachments.find((a) => a.sha256 === sha256)).toMatchObject({ name: 'scan.pdf', size: content.length });
    const pieces: Buffer[] = [];
    for await (const piece of bob.cases.blobs!.read(sha256)) pieces.push(piece);
    expect(Buffer.concat(pieces).toString()).toBe(content.toString());
  });
});

describe('merging event participants', () => {
  it('offers "both" when the two sides list different participants, and both then keeps every entry once', () => {
    const base = plainEvent('event--p', 'Checkpoint attack');
    const ours = { ...base, participants: [{ actorId: 'actor--police', role: 'target' as const, citations: [] }] };
    const theirs = { ...base, participants: [{ actorId: 'actor--police', role: 'target' as const, citations: [] }, { actorId: 'actor--nds', role: 'participant' as const, citations: [] }] };
    const versionOf = versionHasher((text) => createHash('sha256').update(text).digest('hex'));
    const plan = planMerge({ ...newCase('Ours'), events: [ours], history: [] }, { records: { events: [theirs], actors: [], relationships: [], sources: [], series: [] }, versions: {}, tombstones: [] }, versionOf);
    const conflict = plan.conflicts.find((c) => c.kind === 'field' && c.field === 'participants');
    expect(conflict?.options).toEqual(['ours', 'theirs', 'both']);
    const merged = resolveMerge(plan, { [conflict!.key]: 'both' }, 'Alice', () => true);
    const after = merged.changes.find((c) => c.op === 'put')?.after as Event | undefined;
    expect(after?.participants?.map((p) => p.actorId)).toEqual(['actor--police', 'actor--nds']);
  });
});

describe('"both" on a responsibility conflict', () => {
  it('keeps both claims under distinct ids, the incoming one unchanged otherwise (who made it, citations)', () => {
    const claim = { id: 'claim--one', actorId: 'actor--iskp', kind: 'claimed' as const, confidence: 'medium' as const, citations: [] };
    const base = plainEvent('event--c', 'Claimed attack', { responsibility: [claim] });
    const ours = { ...base, responsibility: [{ ...claim, confidence: 'high' as const }] };
    const theirs = { ...base, responsibility: [{ ...claim, by: 'Amaq', citations: [{ sourceId: 'source--wire', credibility: 2 }] }] };
    const versionOf = versionHasher((text) => createHash('sha256').update(text).digest('hex'));
    const doc = { ...newCase('Ours'), events: [ours], sources: [plainSource('source--wire', 'Wire')], actors: [plainActor('actor--iskp', 'ISKP')], history: [] };
    const plan = planMerge(doc, { records: { events: [theirs], actors: [], relationships: [], sources: [], series: [] }, versions: {}, tombstones: [] }, versionOf);
    const conflict = plan.conflicts.find((c) => c.kind === 'field' && c.field === 'responsibility');
    expect(conflict?.options).toContain('both');
    const merged = resolveMerge(plan, { [conflict!.key]: 'both' }, 'Alice', () => true);
    const after = merged.changes.find((c) => c.op === 'put')?.after as Event;
    const ids = after.responsibility.map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
    expect(after.responsibility[0]).toEqual(ours.responsibility[0]);
    expect(after.responsibility[1]?.id).toMatch(/^claim--/);
    expect({ ...after.responsibility[1], id: claim.id }).toEqual(theirs.responsibility[0]);
    // Merging the same file again with "both" adds nothing more.
    const again = planMerge({ ...doc, events: [after] }, { records: { events: [theirs], actors: [], relationships: [], sources: [], series: [] }, versions: {}, tombstones: [] }, versionOf);
    const next = again.conflicts.find((c) => c.kind === 'field' && c.field === 'responsibility');
    const twice = resolveMerge(again, next ? { [next.key]: 'both' } : {}, 'Alice', () => true);
    const final = (twice.changes.find((c) => c.op === 'put')?.after as Event | undefined) ?? after;
    expect(final.responsibility).toHaveLength(2);
  });
});
