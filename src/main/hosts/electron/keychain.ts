/**
 * The OS keychain port for Electron: the case's data key wrapped by `safeStorage` (DPAPI on
 * Windows, the Keychain on macOS, libsecret/KWallet on Linux) and kept as one file per case under
 * <userData>/keychain/. It is only ever a second way in beside the passphrase, and it is refused
 * where safeStorage would not really protect it (no backend, or Linux's `basic_text`, which is a
 * hard-coded key). No electron import: the host passes safeStorage in, tests pass a fake.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KeychainPort } from '../../ipc/host-ports';
import { safeStorageUnavailable, type SafeStorageLike } from '../../services/secrets/secret-sealer';

export type { SafeStorageLike };

export function createSafeStorageKeychain(options: { safeStorage: SafeStorageLike; dir: string; platform?: NodeJS.Platform }): KeychainPort {
  const { safeStorage, dir } = options;
  const platform = options.platform ?? process.platform;
  const entryPath = (storePath: string): string => join(dir, `${createHash('sha256').update(resolve(storePath)).digest('hex')}.bin`);

  const unavailableReason = (): string | null => safeStorageUnavailable(safeStorage, platform);

  return {
    unavailableReason,
    async remember(storePath, dataKey) {
      const reason = unavailableReason();
      if (reason) throw new Error(`The OS keychain cannot be used: ${reason}`);
      const sealed = safeStorage.encryptString(dataKey.toString('hex'));
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      const target = entryPath(storePath);
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fsp.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(sealed);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, target);
    },
    async recall(storePath) {
      if (unavailableReason()) return null;
      let sealed: Buffer;
      try {
        sealed = await fsp.readFile(entryPath(storePath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      let hex: string;
      try {
        hex = safeStorage.decryptString(sealed);
      } catch {
        // Sealed under another OS account or keyring: as good as no entry.
        return null;
      }
      if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/.test(hex)) return null;
      return Buffer.from(hex, 'hex');
    },
  };
}
