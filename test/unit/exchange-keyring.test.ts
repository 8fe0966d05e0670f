import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { newIdentity, publicKeyText } from '../../src/main/services/exchange/identity';
import { Keyring } from '../../src/main/services/exchange/keyring';
import { exportFile, ok, team } from '../helpers/exchange';
import { FaultyFileSystem } from '../helpers/faulty-fs';
import { expectStoreError, PASSPHRASE, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

async function partnerKey(name: string): Promise<string> {
  return publicKeyText(await newIdentity(name));
}

/** What another process (the CLI) sees in the keys file: open the case, read its keyring, close. */
async function keysOnDisk(path: string): Promise<{ partners: string[]; nextSequence: number }> {
  const cases = new CaseService({ user: 'reader', foldAfterIdleMs: 2 ** 31 - 1 });
  ok(await cases.open(path, { passphrase: PASSPHRASE }));
  try {
    const keyring = await Keyring.open(path, cases.dataKey()!, cases.document!.id, 'reader');
    return { partners: keyring.partners.map((p) => p.name).sort(), nextSequence: keyring.exportSequence + 1 };
  } finally {
    await cases.close();
  }
}

describe('the exchange keyring', () => {
  it('keeps a partner the CLI imported while the app had the case closed, and never rolls the export number back', async () => {
    const app = await team('app');
    await app.exchange.importPartner(await partnerKey('p1'), 'Partner one');
    const recipient = (await app.exchange.publicKey()).ageRecipient;
    expect((await exportFile(app.exchange, { maxMarking: 'TLP:AMBER', recipients: [recipient] })).sequence).toBe(1);
    ok(await app.cases.close());

    // The CLI opens the same case, imports a partner and exports a file.
    const cli = new CaseService({ user: 'cli', foldAfterIdleMs: 2 ** 31 - 1 });
    ok(await cli.open(app.path, { passphrase: PASSPHRASE }));
    const cliExchange = new ExchangeService(cli, 'cli');
    await cliExchange.importPartner(await partnerKey('p2'), 'Partner two');
    expect((await exportFile(cliExchange, { maxMarking: 'TLP:AMBER', recipients: [recipient] })).sequence).toBe(2);
    ok(await cli.close());

    // The app opens the case again and imports another partner.
    ok(await app.cases.open(app.path, { passphrase: PASSPHRASE }));
    await app.exchange.importPartner(await partnerKey('p3'), 'Partner three');
    expect((await app.exchange.partners()).map((p) => p.name).sort()).toEqual(['Partner one', 'Partner three', 'Partner two']);
    expect((await exportFile(app.exchange, { maxMarking: 'TLP:AMBER', recipients: [recipient] })).sequence).toBe(3);
    ok(await app.cases.close());
    expect(await keysOnDisk(app.path)).toEqual({ partners: ['Partner one', 'Partner three', 'Partner two'], nextSequence: 4 });
  });

  it('re-reads the keys file before every change, so a change written meanwhile by another holder is kept', async () => {
    const app = await team('holder');
    await app.exchange.publicKey(); // the keyring exists and the app has read it
    // Another holder of the case's key (the CLI) adds a partner and takes an export number.
    const other = await Keyring.open(app.path, app.cases.dataKey()!, app.cases.document!.id, 'cli');
    await other.addPartner({ name: 'Added elsewhere', signingKey: (await newIdentity('x')).signingKey, addedAt: '2025-01-01T00:00:00.000Z' });
    expect(await other.nextSequence()).toBe(1);

    await app.exchange.importPartner(await partnerKey('mine'), 'Added here');
    const recipient = (await app.exchange.publicKey()).ageRecipient;
    expect((await exportFile(app.exchange, { maxMarking: 'TLP:AMBER', recipients: [recipient] })).sequence).toBe(2);
    expect((await app.exchange.partners()).map((p) => p.name).sort()).toEqual(['Added elsewhere', 'Added here']);
    // Concurrent changes in one process are applied one after the other, none lost.
    const names = ['c1', 'c2', 'c3', 'c4'];
    await Promise.all(names.map(async (n) => app.exchange.importPartner(await partnerKey(n), n)));
    const sequences = await Promise.all([1, 2, 3].map(() => other.nextSequence()));
    expect(sequences.sort()).toEqual([3, 4, 5]);
    expect((await app.exchange.partners()).map((p) => p.name).sort()).toEqual(['Added elsewhere', 'Added here', ...names]);
    ok(await app.cases.close());
  });

  it('writes the keys file durably (fsync of the file and its folder) and leaves it whole when the disk fills', async () => {
    const app = await team('durable');
    const fs = new FaultyFileSystem();
    const keyring = await Keyring.open(app.path, app.cases.dataKey()!, app.cases.document!.id, 'durable', { fs });
    const keysPath = Keyring.pathFor(app.path);
    const before = readFileSync(keysPath);
    fs.calls.length = 0;
    await keyring.addPartner({ name: 'Durable', signingKey: (await newIdentity('d')).signingKey, addedAt: '2025-01-01T00:00:00.000Z' });
    const ops = fs.calls.map((c) => c.op);
    expect(ops).toContain('sync');
    expect(fs.calls).toContainEqual({ op: 'syncDir', path: dirname(keysPath) });
    expect(ops.indexOf('sync')).toBeLessThan(ops.indexOf('rename'));
    expect(readFileSync(keysPath).equals(before)).toBe(false);

    const written = readFileSync(keysPath);
    fs.inject({ op: 'write', code: 'ENOSPC', afterBytes: 10 });
    await expectStoreError(keyring.addPartner({ name: 'Lost', signingKey: (await newIdentity('l')).signingKey, addedAt: '2025-01-01T00:00:00.000Z' }), 'DISK_FULL');
    expect(readFileSync(keysPath).equals(written)).toBe(true);
    expect(readdirSync(dirname(keysPath)).filter((n) => n.startsWith(`.${basename(keysPath)}`))).toEqual([]);
    fs.clear();
    const reread = await Keyring.open(app.path, app.cases.dataKey()!, app.cases.document!.id, 'durable');
    expect(reread.partners.map((p) => p.name)).toEqual(['Durable']);
    ok(await app.cases.close());
  });
});

describe('naming the exchange identity', () => {
  it('holds the OS user name only as a suggestion until the analyst names it; the keys stay and signed files carry the chosen name', async () => {
    const app = await team('os-user');
    const before = await app.exchange.publicKey();
    expect(before).toMatchObject({ name: 'os-user', nameChosen: false });

    await app.exchange.renameIdentity('  Amina Yusuf, Horn of Africa desk ');
    const after = await app.exchange.publicKey();
    expect(after).toMatchObject({ name: 'Amina Yusuf, Horn of Africa desk', nameChosen: true, fingerprint: before.fingerprint });
    expect(after.text).toContain('name: Amina Yusuf, Horn of Africa desk');

    const partner = await team('partner');
    const file = await exportFile(app.exchange, { maxMarking: 'TLP:AMBER', recipients: [(await partner.exchange.publicKey()).ageRecipient] });
    const { opened } = await partner.exchange.open(file.bytes);
    expect(opened.manifest.author.name).toBe('Amina Yusuf, Horn of Africa desk');
    await expectStoreError(app.exchange.renameIdentity('   '), 'VALIDATION');
  });
});
