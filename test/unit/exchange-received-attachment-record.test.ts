// A merge adds a received file only through a source it writes (or one of ours that names it),
// with a record checked like any other (finding F1 of the streamed-exchange hostile review).
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { newVersionHasher, sha256Hex } from '../../src/main/services/exchange/hashing';
import { signBytes } from '../../src/main/services/exchange/identity';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { CASEFILE_FORMAT_VERSION, type ManifestPart, type ManifestV2 } from '../../src/shared/exchange';
import { plainSource } from '../helpers/records';
import { ok, team } from '../helpers/exchange';
import { newCase, PASSPHRASE, removeTempDirs } from '../helpers/store';
import { craftTar } from '../helpers/tar-craft';

afterAll(removeTempDirs);

/**
 * A partner who knows the version of a source we hold (they sent it to us) restates that version
 * but sends a different record: it is "already held", so it is not validated. The merge then
 * builds an attachment record from that unvalidated source's `attachment` (name, mediaType).
 */
it('a merge never commits an attachment record built from an unvalidated source', async () => {
  const source = plainSource('source--shared', 'Shared report');
  const bobDoc = newCase('Bob');
  bobDoc.sources.push(source);
  const bob = await team('bob-unval', bobDoc);
  const alice = await team('alice-unval');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const author = (await alice.exchange.keyring()).identity;
  const held = newVersionHasher()(source as never);

  const fileBytes = Buffer.from('not a pdf at all <script>alert(1)</script>');
  const sha = sha256Hex(fileBytes);
  const hostile = { ...source, title: '', attachment: { name: 'A'.repeat(5000), mediaType: { evil: true }, size: -5, sha256: sha }, injected: 'x' };
  const ndjson = Buffer.from(`${JSON.stringify({ kind: 'record', collection: 'sources', versions: [held], record: hostile })}\n`);
  const gz = gzipSync(ndjson);
  const parts: ManifestPart[] = [
    { kind: 'records', path: 'records.ndjson.gz', size: gz.length, sha256: sha256Hex(gz), unpackedSize: ndjson.length, lines: 1 },
    { kind: 'attachment', path: `attachments/${sha}`, size: fileBytes.length, sha256: sha },
  ];
  const manifest: ManifestV2 = {
    format: 'casefile', formatVersion: CASEFILE_FORMAT_VERSION, schemaVersion: CURRENT_SCHEMA_VERSION,
    author: { name: author.name, signingKey: author.signingKey, ageRecipient: author.ageRecipient },
    createdAt: '2026-01-01T00:00:00.000Z', sequence: 1, case: { id: 'case--11111111-1111-4111-8111-111111111111', name: 'Crafted' },
    scope: { maxMarking: 'TLP:RED', selection: 'whole-case' },
    counts: { events: 0, actors: 0, relationships: 0, sources: 1, series: 0, matrices: 0, matrixRows: 0 },
    parts,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const signature = Buffer.from(JSON.stringify({ algorithm: 'ed25519', signingKey: author.signingKey, signature: signBytes(author, manifestBytes) }));
  const archive = craftTar([{ name: 'manifest.json', data: manifestBytes }, { name: 'signature.json', data: signature }, { name: 'records.ndjson.gz', data: gz }, { name: `attachments/${sha}`, data: fileBytes }]);
  const file = await ageEncrypt(archive, { recipients: [bobKey] });

  const { opened, plan } = await bob.exchange.open(file);
  console.log('plan', JSON.stringify({ added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged, conflicts: plan.conflicts.length }));
  const outcome = await bob.exchange.merge(opened, plan, {});
  console.log('merge', JSON.stringify(outcome));
  const attachment = bob.cases.document!.attachments.find((a) => a.sha256 === sha);
  console.log('attachment record committed:', JSON.stringify(attachment)?.slice(0, 200), 'name length', attachment?.name.length);
  console.log('source now', JSON.stringify(bob.cases.document!.sources[0]));
  ok(await bob.cases.close());
  const reopened = await bob.cases.open(bob.path, { passphrase: PASSPHRASE });
  console.log('reopen', reopened.ok ? 'ok' : JSON.stringify(reopened.error));
  expect(attachment).toBeUndefined();
});
