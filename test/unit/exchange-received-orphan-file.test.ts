// A merge adds a received file only through a source it writes (or one of ours that names it),
// with a record checked like any other (finding F1 of the streamed-exchange hostile review).
import { afterAll, expect, it } from 'vitest';
import { attachmentId } from '../../src/shared/domain/attachment';
import type { Change } from '../../src/shared/domain/audit';
import type { Source } from '../../src/shared/domain/source';
import { plainSource } from '../helpers/records';
import { sha256Of, storeFiles, varied, type CaseFile } from '../helpers/case-files';
import { exportFile, ok, team } from '../helpers/exchange';
import { newCase, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

it('a file whose source the merge does not take (delete-vs-edit kept deleted) is not committed as an attachment', async () => {
  const source: Source = { ...plainSource('source--s', 'Report S'), marking: 'TLP:CLEAR' };
  const aliceDoc = newCase('Alice');
  aliceDoc.sources.push(source);
  const alice = await team('alice-orphan', aliceDoc);
  const bob = await team('bob-orphan');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  // Round 1: Bob receives S.
  const first = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
  const o1 = await bob.exchange.open(first.bytes);
  await bob.exchange.merge(o1.opened, o1.plan, {});
  // Bob deletes S.
  ok(await bob.cases.commitBatch('edit', (records) => ({ summary: 'delete S', changes: [{ op: 'delete', collection: 'sources', id: 'source--s', before: records.get('sources', 'source--s') } as Change] })));
  // Alice attaches a file to S.
  const file: CaseFile = { sourceId: 'source--s', title: 'Report S', name: 'video.mp4', bytes: varied(100_000, 9) };
  await storeFiles(alice.cases, [file]);
  const sha = sha256Of(file.bytes);
  const stored = { id: attachmentId(sha), name: 'video.mp4', mediaType: 'video/mp4', size: file.bytes.length, sha256: sha };
  ok(await alice.cases.commitBatch('edit', (records) => ({ summary: 'attach', changes: [
    { op: 'put', collection: 'attachments', id: stored.id, before: null, after: stored } as Change,
    { op: 'put', collection: 'sources', id: 'source--s', before: records.get('sources', 'source--s') ?? null, after: { ...source, attachment: { name: 'video.mp4', mediaType: 'video/mp4', size: file.bytes.length, sha256: sha } } } as Change,
  ] })));
  const second = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
  const o2 = await bob.exchange.open(second.bytes);
  console.log('plan', JSON.stringify({ conflicts: o2.plan.conflicts.map((c) => `${c.kind} ${c.key}`), added: o2.plan.added.length }));
  const outcome = await bob.exchange.merge(o2.opened, o2.plan, {}); // default: ours (S stays deleted)
  console.log('merge:', outcome.summary);
  const doc = bob.cases.document!;
  console.log('Bob sources:', doc.sources.map((s) => s.id), 'attachments:', doc.attachments.map((a) => `${a.name} ${a.sha256.slice(0, 8)}`));
  expect(doc.sources.some((s) => s.attachment?.sha256 === sha) || !doc.attachments.some((a) => a.sha256 === sha)).toBe(true);
}, 120_000);
