/**
 * Where a saved server secret (a TAXII password or token) is kept. In Electron, where the OS
 * offers a real secret store, the secret is sealed by it (`safeStorage`: DPAPI, the macOS
 * Keychain, libsecret/KWallet) and only that sealed blob is written — inside the case's own sealed
 * `<case>.taxii`, so it is encrypted twice and opens only on this OS account. Elsewhere (the
 * browser host, the CLI, Linux with only `basic_text`) the case's encrypted keyring holds it. No
 * electron import: the host passes safeStorage in, tests pass a fake.
 */

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Seals and opens one secret with the OS keychain. */
export interface SecretSealer {
  /** Why the OS keychain cannot seal a secret now, or null when it can. */
  unavailableReason(): string | null;
  seal(secret: string): Buffer;
  /** The secret, or null when this OS account's keychain cannot open the blob (another computer or account). */
  open(blob: Buffer): string | null;
}

/** Why safeStorage is no real protection here, or null when it is. */
export function safeStorageUnavailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the OS offers no secret store to Casefile here.';
  // On Linux without GNOME Keyring or KWallet, Chromium falls back to a hard-coded key.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no secret service (GNOME Keyring or KWallet) is running, and the fallback "basic_text" store is not real protection.';
  }
  return null;
}

export function safeStorageSealer(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretSealer {
  return {
    unavailableReason: () => safeStorageUnavailable(safeStorage, platform),
    seal: (secret) => safeStorage.encryptString(secret),
    open: (blob) => {
      if (safeStorageUnavailable(safeStorage, platform)) return null;
      try {
        return safeStorage.decryptString(blob);
      } catch {
        return null;
      }
    },
  };
}

/** The sealer to use for a new secret: the OS keychain when it really protects it, else none (the case keyring). */
export function chooseSealer(sealer: SecretSealer | null | undefined): SecretSealer | null {
  return sealer && sealer.unavailableReason() === null ? sealer : null;
}
