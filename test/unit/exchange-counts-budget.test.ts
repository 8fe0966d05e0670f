import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { containersFor } from '../../src/main/services/exchange/casefile-common';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { newIdentity, signBytes } from '../../src/main/services/exchange/identity';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { CASEFILE_FORMAT_VERSION, type ManifestPart, type ManifestV2 } from '../../src/shared/exchange';
import { craftTar } from '../helpers/tar-craft';

/** A signed file of one event line holding 1.5M lists, with `extra` added to its signed counts. */
async function crafted(extra: Record<string, number>) {
  const victim = await newIdentity('victim');
  const author = await newIdentity('author');
  const ndjson = Buffer.from(`{"kind":"record","collection":"events","versions":["${'a'.repeat(24)}"],"record":{"id":"event--crafted","junk":[${'[0],'.repeat(1_500_000)}[0]]}}\n`);
  const gz = gzipSync(ndjson);
  const part: ManifestPart = { kind: 'records', path: 'records.ndjson.gz', size: gz.length, sha256: sha256Hex(gz), unpackedSize: ndjson.length, lines: 1 };
  const manifest: ManifestV2 = {
    format: 'casefile', formatVersion: CASEFILE_FORMAT_VERSION, schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2025-01-01T00:00:00.000Z', sequence: 1, case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Crafted' },
    scope: { maxMarking: 'TLP:AMBER', selection: 'whole-case' },
    counts: { events: 1, actors: 0, relationships: 0, sources: 0, series: 0, ...extra }, parts: [part],
  };
  const m = Buffer.from(JSON.stringify(manifest));
  const s = Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, m) }));
  const file = await ageEncrypt(craftTar([{ name: 'manifest.json', data: m }, { name: 'signature.json', data: s }, { name: 'records.ndjson.gz', data: gz }]), { recipients: [victim.ageRecipient] });
  return readCasefile(file, { identities: [victim.ageIdentity] }, { partners: [], alreadyHeld: () => true });
}

it('signed counts of collections a case file never carries do not raise the parse budget: the bloated line is refused', async () => {
  await expect(crafted({ padding: 1e15 })).rejects.toThrow(/far more than the records it says it holds could need/);
  await expect(crafted({ 'events ': 1e9, __proto__x: 1e9 })).rejects.toThrow(/far more than the records it says it holds could need/);
}, 120_000);

it('the parse budget is bounded whatever the signed counts of known collections say', () => {
  const honest = containersFor({ events: 1_000_000, actors: 100_000 });
  expect(honest).toBeGreaterThanOrEqual(1_000 * 1_100_000);
  const inflated = containersFor({ events: 1e15, actors: 1e15, relationships: 1e15, sources: 1e15, series: 1e15, matrices: 1e15, matrixRows: 1e15 });
  expect(inflated).toBeLessThanOrEqual(1_000 * 20_000_000 + 1_000_000);
  expect(Number.isSafeInteger(inflated)).toBe(true);
});
