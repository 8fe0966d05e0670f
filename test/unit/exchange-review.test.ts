import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { exchangeHandlers } from '../../src/main/ipc/handlers/exchange';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/shared/domain/event';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { newCase, PASSPHRASE, plainEvent, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const event = (t: Team, id: string): Event => t.cases.document!.events.find((e) => e.id === id) as Event;

/** Bob holds Alice's case; Alice retitles event a and sends it again; Bob opens it for review. */
async function review() {
  const doc = newCase('Shared');
  doc.events.push(plainEvent('event--a', 'Event a'), plainEvent('event--b', 'Event b'));
  const alice = await team('alice-review', doc);
  const bob = await team('bob-review');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const send = async () => bob.exchange.open((await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] })).bytes);
  const first = await send();
  await bob.exchange.merge(first.opened, first.plan, {});
  ok(await alice.cases.put({ collection: 'events', record: { ...event(alice, 'event--a'), title: 'Event a (Alice)' } }));
  return { alice, bob, reviewed: await send() };
}

describe('a reviewed merge applied after the case changed', () => {
  it('an edit made between review and Apply survives the merge, and undoing the merge goes back to it', async () => {
    const { bob, reviewed } = await review();
    expect(reviewed.plan.changed.map((c) => [c.id, c.fields])).toEqual([['event--a', ['title']]]);
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--a'), description: 'Bob’s note' } }));
    const outcome = await bob.exchange.merge(reviewed.opened, reviewed.plan, {});
    expect(outcome.stale).toBeUndefined();
    expect(event(bob, 'event--a')).toMatchObject({ title: 'Event a (Alice)', description: 'Bob’s note' });
    ok(await bob.cases.undo());
    expect(event(bob, 'event--a')).toMatchObject({ title: 'Event a', description: 'Bob’s note' });
  });

  it('an edit that changes the merge is not overwritten: nothing is applied, and the new plan says what changed', async () => {
    const { bob, reviewed } = await review();
    ok(await bob.cases.put({ collection: 'events', record: { ...event(bob, 'event--a'), title: 'Event a (Bob)' } }));
    const seq = bob.cases.document!.history.at(-1)!.seq;
    const outcome = await bob.exchange.merge(reviewed.opened, reviewed.plan, {});
    expect(outcome.seq).toBeNull();
    expect(outcome.stale?.differences.join(' ')).toMatch(/“Event a \(Alice\)”.*no longer changed|“Event a.*now a conflict \(title\)/);
    expect(bob.cases.document!.history.at(-1)!.seq).toBe(seq);
    expect(event(bob, 'event--a').title).toBe('Event a (Bob)');
    // The new plan applies as reviewed.
    const again = await bob.exchange.merge(reviewed.opened, outcome.stale!.plan, { 'events/event--a/title': 'ours' });
    expect(again.seq).not.toBeNull();
    expect(event(bob, 'event--a').title).toBe('Event a (Bob)');
  });
});

describe('a review belongs to the case it was made in', () => {
  it('is refused after a switch to another case, and after the same case was closed and opened again', async () => {
    const { bob, reviewed } = await review();
    const bobPath = bob.cases.path!;
    const other = join(tempDir('other-case'), 'other.cfcase');
    ok(await bob.cases.create(other, PASSPHRASE, newCase('Other case')));
    await expect(bob.exchange.merge(reviewed.opened, reviewed.plan, {})).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/reviewed in another case/) });
    expect(bob.cases.document!.events).toEqual([]);
    expect(bob.cases.document!.history.filter((h) => h.kind === 'merge')).toEqual([]);

    ok(await bob.cases.open(bobPath, { passphrase: PASSPHRASE }));
    await expect(bob.exchange.merge(reviewed.opened, reviewed.plan, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(event(bob, 'event--a').title).toBe('Event a');
  });

  it('through the app: a file opened for review in one case is never merged into the case opened next', async () => {
    const doc = newCase('Ours');
    doc.events.push(plainEvent('event--a', 'Event a'));
    const alice = await team('alice-ipc', doc);
    const bob = await team('bob-ipc');
    const handlers = exchangeHandlers({ cases: bob.cases, host: { allowsTypedPaths: true }, grantedPaths: new Set<string>() } as unknown as HandlerContext);
    const keys = await handlers['exchange:keys']({});
    if (!keys.ok) throw new Error(keys.error.message);
    const path = join(tempDir('ipc-file'), 'from-alice.casefile');
    writeFileSync(path, (await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [keys.value.self.ageRecipient ?? ''] })).bytes);
    const opened = await handlers['exchange:open']({ path });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.added).toHaveLength(1);

    ok(await bob.cases.create(join(tempDir('ipc-other'), 'other.cfcase'), PASSPHRASE, newCase('Case B')));
    const merged = await handlers['exchange:merge']({ token: opened.value.token, resolutions: {} });
    expect(merged).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(bob.cases.document!.events).toEqual([]);
    // The review is gone: it cannot be tried again in this case either.
    expect(await handlers['exchange:merge']({ token: opened.value.token, resolutions: {} })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no longer open/) } });
  });
});
