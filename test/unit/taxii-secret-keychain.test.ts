import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { chooseSealer, safeStorageSealer, type SafeStorageLike } from '../../src/main/services/secrets/secret-sealer';
import { TaxiiSyncStore } from '../../src/main/services/taxii/sync-store';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const SECRET = 'pw-91c2-keychain-only';

/** A fake safeStorage: a reversible "encryption" under a per-account key, and a chosen backend. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; account?: string } = {}): SafeStorageLike & { sealed: number } {
  const account = options.account ?? 'alice';
  const fake = {
    sealed: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (plain: string) => {
      fake.sealed++;
      return Buffer.from(`${account}:${Buffer.from(plain).reverse().toString('base64')}`);
    },
    decryptString: (blob: Buffer) => {
      const [who, body] = blob.toString().split(':');
      if (who !== account) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(body ?? '', 'base64').reverse().toString();
    },
  };
  return fake;
}

describe('where a TAXII secret is kept: the OS keychain where Electron offers a real one, else the case keyring', () => {
  it('chooses the OS keychain only when safeStorage is available and, on Linux, not the basic_text fallback', () => {
    expect(chooseSealer(null)).toBeNull();
    expect(chooseSealer(undefined)).toBeNull();
    expect(chooseSealer(safeStorageSealer(fakeSafeStorage({ available: false }), 'win32'))).toBeNull();
    expect(chooseSealer(safeStorageSealer(fakeSafeStorage({ backend: 'basic_text' }), 'linux'))).toBeNull();
    expect(chooseSealer(safeStorageSealer(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux'))).not.toBeNull();
    expect(chooseSealer(safeStorageSealer(fakeSafeStorage({ backend: 'kwallet5' }), 'linux'))).not.toBeNull();
    // basic_text is a Linux backend name; on macOS/Windows the OS store is real whenever available.
    expect(chooseSealer(safeStorageSealer(fakeSafeStorage({ backend: 'basic_text' }), 'darwin'))).not.toBeNull();
  });

  async function caseWith(name: string): Promise<{ cases: CaseService; path: string }> {
    const path = join(tempDir(`taxii-secret-${name}`), `${name}.cfcase`);
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(path, PASSPHRASE, buildDemoCase('2025-06-01T00:00:00.000Z'))).ok).toBe(true);
    return { cases, path };
  }

  it('with a real keychain, stores only the sealed blob: the case file never holds the secret, the endpoint gets it back, the renderer sees where it is', async () => {
    const { cases, path } = await caseWith('os');
    const safe = fakeSafeStorage();
    const taxii = new TaxiiService(cases, {}, { sealer: safeStorageSealer(safe, 'linux') });
    const added = await taxii.addConnection({ label: 'Team', discoveryUrl: 'https://cti.example.org/taxii2/', auth: { kind: 'basic', user: 'ana', password: SECRET } });
    if (!added.ok) throw new Error(added.error.message);
    expect(safe.sealed).toBe(1);
    expect(added.value).toMatchObject({ hasSecret: true, secretStore: 'os-keychain' });
    expect(JSON.stringify(await taxii.connections())).not.toContain(SECRET);
    expect((await taxii.endpoint(added.value.id)).auth).toEqual({ kind: 'basic', user: 'ana', password: SECRET });
    // Even opened with the case's key, the file holds the keychain's blob, not the secret.
    const stored = (await TaxiiSyncStore.for(path, cases.dataKey()!, cases.document!.id).connections())[0]!;
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(stored.osSecret).toBeTruthy();
    expect(readFileSync(TaxiiSyncStore.pathFor(path)).includes(SECRET)).toBe(false);

    // Another OS account (or a host without the keychain, like the CLI) cannot open it, and says what to do.
    await expect(new TaxiiService(cases, {}, { sealer: safeStorageSealer(fakeSafeStorage({ account: 'mallory' }), 'linux') }).endpoint(added.value.id)).rejects.toThrow(/OS keychain.*add it again/);
    await expect(new TaxiiService(cases).endpoint(added.value.id)).rejects.toThrow(/OS keychain/);
    await cases.close();
  });

  it('without a real keychain (basic_text), keeps the secret in the case keyring and seals nothing with safeStorage', async () => {
    const { cases } = await caseWith('keyring');
    const safe = fakeSafeStorage({ backend: 'basic_text' });
    const taxii = new TaxiiService(cases, {}, { sealer: safeStorageSealer(safe, 'linux') });
    const added = await taxii.addConnection({ label: 'Team', discoveryUrl: 'https://cti.example.org/taxii2/', auth: { kind: 'bearer', token: SECRET } });
    if (!added.ok) throw new Error(added.error.message);
    expect(safe.sealed).toBe(0);
    expect(added.value).toMatchObject({ hasSecret: true, secretStore: 'case-keyring' });
    expect((await taxii.endpoint(added.value.id)).auth).toEqual({ kind: 'bearer', token: SECRET });
    await cases.close();
  });
});
