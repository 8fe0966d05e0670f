import { existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it, vi } from 'vitest';
import { nodeFileSystem } from '../../src/main/store/file-system';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { sha256Hex } from '../../src/main/services/exchange/hashing';
import { signBytes } from '../../src/main/services/exchange/identity';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { CASEFILE_FORMAT_VERSION, type ManifestPart, type ManifestV2 } from '../../src/shared/exchange';
import { plainSource } from '../helpers/records';
import { team, type Team } from '../helpers/exchange';
import { removeTempDirs } from '../helpers/store';
import { craftTar } from '../helpers/tar-craft';

afterAll(removeTempDirs);

/** A signed file carrying `n` tiny files; the first `named` of them each named by a source it carries. */
async function manyFiles(from: Team, to: Team, n: number, named: number): Promise<Uint8Array> {
  const author = (await from.exchange.keyring()).identity;
  const files = Array.from({ length: n }, (_, i) => Buffer.from(`file ${i}`));
  const lines = files.slice(0, named).map((f, i) => {
    const sha256 = sha256Hex(f);
    const record = { ...plainSource(`source--f${i}`, `Report ${i}`), attachment: { name: `f${i}.txt`, mediaType: 'text/plain', size: f.length, sha256 } };
    return JSON.stringify({ kind: 'record', collection: 'sources', versions: [sha256.slice(0, 24)], record });
  });
  const ndjson = Buffer.from(lines.map((l) => `${l}\n`).join(''));
  const gz = gzipSync(ndjson);
  const parts: ManifestPart[] = [
    { kind: 'records', path: 'records.ndjson.gz', size: gz.length, sha256: sha256Hex(gz), unpackedSize: ndjson.length, lines: lines.length },
    ...files.map((f): ManifestPart => ({ kind: 'attachment', path: `attachments/${sha256Hex(f)}`, size: f.length, sha256: sha256Hex(f) })),
  ];
  const manifest: ManifestV2 = {
    format: 'casefile', formatVersion: CASEFILE_FORMAT_VERSION, schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2026-01-01T00:00:00.000Z', sequence: 1, case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Many files' },
    scope: { maxMarking: 'TLP:RED', selection: 'whole-case' }, counts: { events: 0, actors: 0, relationships: 0, sources: named, series: 0 }, parts,
  };
  const m = Buffer.from(JSON.stringify(manifest));
  const s = Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, m) }));
  const archive = craftTar([{ name: 'manifest.json', data: m }, { name: 'signature.json', data: s }, { name: 'records.ndjson.gz', data: gz }, ...files.map((f) => ({ name: `attachments/${sha256Hex(f)}`, data: f }))]);
  return ageEncrypt(archive, { recipients: [(await to.exchange.publicKey()).ageRecipient] });
}

const N = 1_500;

it(`a merge of ${N} tiny files a partner's sources name keeps them all, durable together: the blob folder is synced once, not once a file`, async () => {
  const alice = await team('alice-many');
  const bob = await team('bob-many');
  const file = await manyFiles(alice, bob, N, N);
  const folderSyncs = vi.spyOn(nodeFileSystem, 'syncDir');
  const started = performance.now();
  const { opened, plan } = await bob.exchange.open(file);
  const ms = performance.now() - started;
  const blobFolderSyncs = folderSyncs.mock.calls.filter(([dir]) => dir === bob.cases.blobs!.dir).length;
  folderSyncs.mockRestore();
  console.log(`opened ${N} tiny files in ${ms.toFixed(0)} ms (${(ms / N).toFixed(2)} ms a file)`);
  await bob.exchange.merge(opened, plan, {});
  expect(bob.cases.document!.attachments).toHaveLength(N);
  expect(readdirSync(bob.cases.blobs!.dir).filter((n) => n.endsWith('.blob'))).toHaveLength(N);
  expect(readdirSync(bob.cases.blobs!.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  const chunks: Buffer[] = [];
  for await (const piece of bob.cases.blobs!.read(sha256Hex(Buffer.from('file 7')))) chunks.push(piece);
  expect(Buffer.concat(chunks).toString()).toBe('file 7');
  // Each file was made durable before the merge could commit a record naming it, with one sync of the folder for all.
  expect(blobFolderSyncs).toBeLessThanOrEqual(2);
}, 300_000);

it('files no source names (theirs or ours) are checked but not kept', async () => {
  const alice = await team('alice-unnamed');
  const bob = await team('bob-unnamed');
  const { opened } = await bob.exchange.open(await manyFiles(alice, bob, 300, 0));
  expect(opened.attachments.size).toBe(300);
  expect((existsSync(bob.cases.blobs!.dir) ? readdirSync(bob.cases.blobs!.dir) : []).filter((n) => n.endsWith('.blob') || n.endsWith('.tmp'))).toEqual([]);
}, 300_000);
