import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { TaxiiSyncStore } from '../../src/main/services/taxii/sync-store';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { caseStixExport } from '../../src/shared/exchange';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const SECRET = 'tok-7f3a9c0e-never-leaves';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBfakeCAforTest\n-----END CERTIFICATE-----\n';

describe('TAXII connections: kept sealed beside the case, never in the case data or what leaves it', () => {
  it('keeps the token out of the document, the history, the STIX and .casefile exports, and what the renderer sees', async () => {
    const dir = tempDir('taxii-conn');
    const path = join(dir, 'c.cfcase');
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(path, PASSPHRASE, buildDemoCase('2025-06-01T00:00:00.000Z'))).ok).toBe(true);
    const taxii = new TaxiiService(cases);

    const added = await taxii.addConnection({ label: 'Team OpenCTI', discoveryUrl: 'https://opencti.example.org/taxii2/root', auth: { kind: 'bearer', token: SECRET }, caPem: CA });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ label: 'Team OpenCTI', discoveryUrl: 'https://opencti.example.org/taxii2/root/', authKind: 'bearer', hasSecret: true, hasCa: true });
    const listed = await taxii.connections();
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify(listed)).not.toContain('BEGIN CERTIFICATE');
    // Main-process only: the endpoint carries the token to the client.
    expect((await taxii.endpoint(added.value.id)).auth).toEqual({ kind: 'bearer', token: SECRET });

    const doc = cases.document!;
    expect(JSON.stringify(doc)).not.toContain(SECRET);
    expect(JSON.stringify(caseStixExport(doc, 'TLP:RED').bundle)).not.toContain(SECRET);
    // The sealed file does not hold it in the clear.
    expect(readFileSync(TaxiiSyncStore.pathFor(path)).includes(SECRET)).toBe(false);

    // A .casefile the case sends, opened again: its payload carries no connection.
    const exchange = new ExchangeService(cases, 'test');
    const own = await exchange.publicKey();
    const out = join(dir, 'out.casefile');
    await exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [own.ageRecipient] });
    const { opened } = await exchange.open(out, { keepFiles: false });
    expect(JSON.stringify(opened.payload)).not.toContain(SECRET);
    expect(JSON.stringify(opened.manifest)).not.toContain(SECRET);

    expect(await taxii.removeConnection(added.value.id)).toBe(true);
    expect(await taxii.connections()).toEqual([]);
    await cases.close();
  }, 60_000);

  it('refuses plain http to a remote server and a CA that is not PEM', async () => {
    const dir = tempDir('taxii-conn2');
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(join(dir, 'c.cfcase'), PASSPHRASE, buildDemoCase('2025-06-01T00:00:00.000Z'))).ok).toBe(true);
    const taxii = new TaxiiService(cases);
    expect(await taxii.addConnection({ label: 'x', discoveryUrl: 'http://misp.example.org/taxii2/', auth: { kind: 'none' } })).toMatchObject({ ok: false, error: { kind: 'insecure' } });
    expect(await taxii.addConnection({ label: 'x', discoveryUrl: 'https://misp.example.org/taxii2/', auth: { kind: 'none' }, caPem: 'not a cert' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not PEM/) } });
    expect(await taxii.connections()).toEqual([]);
    await cases.close();
  }, 60_000);

  it('will not open beside another case: the sealed file is bound to its case', async () => {
    const dir = tempDir('taxii-conn3');
    const make = async (name: string, id: string): Promise<CaseService> => {
      const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
      expect((await cases.create(join(dir, `${name}.cfcase`), PASSPHRASE, { ...buildDemoCase('2025-06-01T00:00:00.000Z'), id })).ok).toBe(true);
      return cases;
    };
    const one = await make('one', 'case--one');
    await new TaxiiService(one).addConnection({ label: 'x', discoveryUrl: 'https://a.example.org/taxii2/', auth: { kind: 'basic', user: 'u', password: SECRET } });
    const two = await make('two', 'case--two');
    copyFileSync(TaxiiSyncStore.pathFor(join(dir, 'one.cfcase')), TaxiiSyncStore.pathFor(join(dir, 'two.cfcase')));
    await expect(new TaxiiService(two).connections()).rejects.toMatchObject({ code: 'CORRUPT_STORE' });
    await one.close();
    await two.close();
  }, 60_000);
});
