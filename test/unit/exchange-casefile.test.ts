import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';
import { casefileBytes } from '../../src/main/services/exchange/casefile-write';
import { newIdentity, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { referencesOf } from '../../src/shared/domain/references';
import { EXCHANGED, Manifest, selectForExport } from '../../src/shared/exchange';
import { exportFile, team, type Team } from '../helpers/exchange';
import { expectStoreError, removeTempDirs, smallCase, tempDir } from '../helpers/store';
import { untar } from '../helpers/tar-read';

afterAll(removeTempDirs);

let alice: Team;
let bob: Team;
let bobRecipient: string;

beforeAll(async () => {
  const doc = smallCase(6, 3, 'Alice case');
  doc.events[0] = { ...doc.events[0]!, marking: 'TLP:RED' };
  alice = await team('alice', doc);
  bob = await team('bob');
  bobRecipient = (await bob.exchange.publicKey()).ageRecipient;
});

describe('exporting a case file', () => {
  it('is decrypted by the real age CLI with an identity file written like age-keygen’s, and `tar t` lists the documented parts, manifest first', async () => {
    const dir = tempDir('age-cli');
    const keyFile = join(dir, 'key.txt');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'pipe' });
    const recipient = /public key: (age1\w+)/.exec(readFileSync(keyFile, 'utf8'))?.[1] ?? '';
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', recipients: [recipient] });
    const file = join(dir, 'x.casefile');
    writeFileSync(file, bytes);
    const listed = execFileSync('sh', ['-c', `age -d -i "$1" "$2" | tar t`, 'sh', keyFile, file]).toString().trim().split('\n');
    expect(listed).toEqual(['manifest.json', 'signature.json', 'records.ndjson.gz']);
    const parts = await untar(execFileSync('age', ['-d', '-i', keyFile, file]));
    const manifest = Manifest.parse(JSON.parse(parts.get('manifest.json')!.toString()));
    expect(manifest).toMatchObject({ formatVersion: 2, counts: { events: 5 } });
    expect(manifest.parts[0]).toMatchObject({ path: 'records.ndjson.gz', size: parts.get('records.ndjson.gz')!.length });
    const lines = gunzipSync(parts.get('records.ndjson.gz')!).toString().trim().split('\n').map((l) => JSON.parse(l) as { kind: string; collection: string });
    expect(lines.filter((l) => l.kind === 'record' && l.collection === 'events')).toHaveLength(5);
  });

  it('leaves out records above the chosen marking, and says so', () => {
    const preview = alice.exchange.preview('TLP:AMBER');
    expect(preview.counts.events).toBe(5);
    const withheld = alice.cases.document!.sources.filter((s) => s.marking === 'TLP:AMBER+STRICT' || s.marking === 'TLP:RED');
    expect(preview.counts.sources).toBe(3 - withheld.length);
    expect(preview.leftOut).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ collection: 'events', reason: 'marked TLP:RED, above TLP:AMBER' }),
        ...withheld.map((s) => expect.objectContaining({ id: s.id, reason: `marked ${s.marking}, above TLP:AMBER` })),
      ]),
    );
    // Records citing a withheld source still leave, without that citation, and the preview says so.
    const cut = preview.leftOut.filter((l) => l.reason.startsWith('leaves without'));
    for (const entry of cut) expect(entry.reason).toContain(withheld[0]?.id ?? '-');
  });

  it('exports only the filtered selection when given the shared filters, and the file holds just that', async () => {
    const events = alice.cases.document!.events.filter((e) => e.marking !== 'TLP:RED');
    const chosen = events[1]!;
    const filter = { text: chosen.title };
    const preview = alice.exchange.preview('TLP:AMBER', filter);
    expect(preview.counts.events).toBe(1);
    expect(preview.leftOut.filter((l) => l.reason === 'outside the selection').length).toBe(events.length - 1);
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', filter, recipients: [bobRecipient] });
    const { opened } = await bob.exchange.open(bytes);
    expect(opened.payload.records.events.map((e) => e.id)).toEqual([chosen.id]);
  });

  it('a filtered selection capped at a marking caps every record at it, not only the events', async () => {
    const doc = alice.cases.document!;
    const above = (m: string) => ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'].includes(m);
    expect(doc.actors.some((a) => a.marking === 'TLP:AMBER') || doc.sources.some((s) => s.marking === 'TLP:AMBER')).toBe(true);
    const filter = { maxMarking: 'TLP:GREEN' as const };
    const { bytes, preview } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', filter, recipients: [bobRecipient] });
    const { opened } = await bob.exchange.open(bytes);
    const records = opened.payload.records;
    expect([...records.events, ...records.actors, ...records.sources, ...records.series, ...records.relationships].filter((r) => above(r.marking))).toEqual([]);
    expect(opened.manifest.scope.maxMarking).toBe('TLP:GREEN');
    expect(preview.leftOut.some((l) => l.collection !== 'events' && /above TLP:GREEN/.test(l.reason))).toBe(true);
  });

  it('with --passphrase, decrypts with age’s scrypt mode (age-encryption library and the age CLI on a terminal)', async () => {
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', recipients: [], passphrase: 'swordfish-7' });
    const decrypter = new Decrypter();
    decrypter.addPassphrase('swordfish-7');
    expect([...(await untar(await decrypter.decrypt(bytes))).keys()]).toContain('manifest.json');
    const dir = tempDir('age-pass');
    writeFileSync(join(dir, 'p.casefile'), bytes);
    // age reads passphrases from the terminal only; `script` gives it one, fed from our stdin.
    execFileSync('script', ['-qc', `age -d -o ${join(dir, 'out.tar')} ${join(dir, 'p.casefile')}`, '/dev/null'], { input: 'swordfish-7\n', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    expect([...(await untar(readFileSync(join(dir, 'out.tar')))).keys()]).toContain('records.ndjson.gz');
    // And the other way: a file the age CLI sealed with a passphrase opens, verified, with it (and not with another).
    execFileSync('script', ['-qc', `age -p -o ${join(dir, 'cli.casefile')} ${join(dir, 'out.tar')}`, '/dev/null'], { input: 'swordfish-7\nswordfish-7\n', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    const started = performance.now();
    const { opened } = await bob.exchange.open(join(dir, 'cli.casefile'), { passphrase: 'swordfish-7' });
    console.log(`opened the age CLI's passphrase file in ${Math.round(performance.now() - started)} ms`);
    expect(opened.signer.fingerprint).toBe((await alice.exchange.publicKey()).fingerprint);
    await expectStoreError(bob.exchange.open(join(dir, 'cli.casefile'), { passphrase: 'swordfish-8' }), 'WRONG_PASSPHRASE');
  }, 120_000);
});

describe('opening a received case file', () => {
  it('verifies and shows the signer: known partner by name, unknown with a warning and fingerprint', async () => {
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', recipients: [bobRecipient] });
    const unknown = await bob.exchange.open(bytes);
    expect(unknown.opened.signer.trust).toBe('unknown');
    expect(unknown.opened.warnings.join(' ')).toContain(unknown.opened.signer.fingerprint);
    await bob.exchange.importPartner((await alice.exchange.publicKey()).text, 'Alice (Kabul desk)');
    const known = await bob.exchange.open(bytes);
    expect(known.opened.signer).toMatchObject({ trust: 'partner', name: 'Alice (Kabul desk)' });
    const c = alice.exchange.preview('TLP:AMBER').counts;
    expect(known.plan.added.length).toBe(c.events + c.actors + c.sources + c.relationships + c.series);
  });

  it('refuses a file encrypted to someone else', async () => {
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', recipients: [(await alice.exchange.publicKey()).ageRecipient] });
    await expectStoreError(bob.exchange.open(bytes), 'WRONG_PASSPHRASE');
  });

  it('refuses a truncated file', async () => {
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:AMBER', recipients: [bobRecipient] });
    const error = await expectStoreError(bob.exchange.open(bytes.subarray(0, bytes.length - 20)), 'CORRUPT_STORE');
    expect(error.message).toMatch(/cut short|altered/);
  });

  it('refuses a file whose parts were re-signed by another key than the manifest names', async () => {
    const keys = await bob.exchange.keyring();
    const mallory: OwnIdentity = await newIdentity('mallory');
    const doc = alice.cases.document!;
    const forged = await casefileBytes({ doc, identity: { ...mallory, signingKey: keys.identity.signingKey }, sequence: 1, maxMarking: 'TLP:AMBER', to: { recipients: [bobRecipient] } });
    await expectStoreError(bob.exchange.open(forged.bytes), 'CORRUPT_STORE');
  });

  it('refuses signed case data that is not valid, naming the record', async () => {
    const identity = await newIdentity('sloppy');
    const doc = alice.cases.document!;
    const broken = { ...doc, events: [{ ...doc.events[1]!, id: 'event--broken', title: '' }], history: [] };
    const { bytes } = await casefileBytes({ doc: broken, identity, sequence: 1, maxMarking: 'TLP:RED', to: { recipients: [bobRecipient] } });
    const error = await expectStoreError(bob.exchange.open(bytes), 'VALIDATION');
    expect(error.message).toContain('event--broken');
  });

  it('detects every single flipped byte of a small file', async () => {
    const identity = await newIdentity('tiny');
    const doc = { ...alice.cases.document!, events: [], actors: [], relationships: [], series: [], sources: alice.cases.document!.sources.slice(0, 1), history: [] };
    const { bytes } = await casefileBytes({ doc, identity, sequence: 1, maxMarking: 'TLP:RED', to: { recipients: [identity.ageRecipient] } });
    const trust = { ownSigningKey: identity.signingKey, partners: [] };
    await expect(readCasefile(bytes, { identities: [identity.ageIdentity] }, trust)).resolves.toBeDefined();
    const undetected: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i] = copy[i]! ^ 0x01;
      try {
        await readCasefile(copy, { identities: [identity.ageIdentity] }, trust);
        undetected.push(i);
      } catch (error) {
        expect((error as { name: string }).name).toBe('StoreError');
      }
    }
    expect(bytes.length).toBeGreaterThan(500);
    expect(undetected).toEqual([]);
  }, 60_000);
});

describe('the exported selection and event participants', () => {
  const doc = smallCase(4, 3, 'Participants case');
  for (const record of [...doc.actors, ...doc.sources, ...doc.events]) record.marking = 'TLP:GREEN';
  const [target, , withheldActor] = doc.actors;
  const [source, , withheldSource] = doc.sources;
  withheldActor!.marking = 'TLP:RED';
  withheldSource!.marking = 'TLP:RED';
  doc.events[0] = {
    ...doc.events[0]!,
    title: 'Checkpoint attack zqx',
    participants: [
      { actorId: target!.id, role: 'target', citations: [{ sourceId: source!.id, credibility: 2 }, { sourceId: withheldSource!.id, credibility: 3 }] },
      { actorId: withheldActor!.id, role: 'participant', citations: [] },
    ],
  };

  it('carries the actors the selected events’ participants name, and no pointer to a withheld actor or source', () => {
    const { records, leftOut } = selectForExport(doc, 'TLP:AMBER', { text: 'zqx' });
    expect(records.events.map((e) => e.id)).toEqual([doc.events[0]!.id]);
    expect(records.actors.map((a) => a.id)).toContain(target!.id);
    expect(records.events[0]?.participants).toEqual([{ actorId: target!.id, role: 'target', citations: [{ sourceId: source!.id, credibility: 2 }] }]);
    const cut = leftOut.find((l) => l.id === doc.events[0]!.id);
    expect(cut?.reason).toContain(withheldActor!.id);
    // Whatever leaves must resolve on the partner's side: no reference points outside the file.
    const held = new Set(EXCHANGED.flatMap((c) => records[c].map((r) => `${c}/${r.id}`)));
    const dangling = EXCHANGED.flatMap((c) => records[c].flatMap((r) => referencesOf(c, r).filter((ref) => !held.has(`${ref.collection}/${ref.id}`))));
    expect(dangling).toEqual([]);
  });
});
