import { createHash } from 'node:crypto';
import type { AnyRecord } from '../../../shared/domain/collections';
import { versionHasher } from '../../../shared/exchange';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Record version hashes (SHA-256 of canonical JSON), shared by export and merge. */
export function newVersionHasher(): (record: AnyRecord) => string {
  return versionHasher(sha256Hex);
}
