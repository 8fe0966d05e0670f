import { gzipSync } from 'node:zlib';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { signBytes, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { CASEFILE_ZIP_FORMAT_VERSION, type ManifestV1 } from '../../src/shared/exchange';
import type { LocalEntry } from './zip-craft';

/** Pieces of hand-made format-1 (zip) `.casefile` archives (still read) for hostile-file tests (free of vitest, for child processes too). */

export const NO_COUNTS: ManifestV1['counts'] = { events: 0, actors: 0, relationships: 0, sources: 0, series: 0 };

export function stored(name: string, data: Uint8Array, size = data.length): LocalEntry {
  return { name, data, method: 0, size };
}

/** A manifest listing `parts` (name → stated size and bytes hashed), signed by `author`. */
export function signedHead(author: OwnIdentity, parts: Record<string, { bytes: Uint8Array; size?: number }>, counts = NO_COUNTS): { manifest: Uint8Array; signature: Uint8Array } {
  const manifest: ManifestV1 = {
    format: 'casefile',
    formatVersion: CASEFILE_ZIP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2025-01-01T00:00:00.000Z',
    sequence: 1,
    case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Crafted' },
    scope: { maxMarking: 'TLP:AMBER', selection: 'whole-case' },
    counts,
    parts: Object.entries(parts).map(([path, p]) => ({ path, size: p.size ?? p.bytes.length, sha256: sha256Hex(p.bytes) })),
  };
  const bytes = new Uint8Array(Buffer.from(JSON.stringify(manifest)));
  const signature = new Uint8Array(Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, bytes) })));
  return { manifest: bytes, signature };
}

/** Gzipped case data `{"records":{"events":[<events>],…}}`. */
export function caseData(events = ''): Uint8Array {
  return new Uint8Array(gzipSync(Buffer.from(`{"records":{"events":[${events}],"actors":[],"relationships":[],"sources":[],"series":[]},"versions":{},"tombstones":[]}`), { level: 1 }));
}
