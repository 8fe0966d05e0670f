import { readdirSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { StoreError } from '../../src/main/store/store-error';
import { plainEvent } from '../helpers/records';
import { storeFiles, varied, withFiles, type CaseFile } from '../helpers/case-files';
import { exportFile, ok, team } from '../helpers/exchange';
import { newCase, PASSPHRASE, removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

const files: CaseFile[] = [
  { sourceId: 'source--a', title: 'A', name: 'a.bin', bytes: varied(3_000_000, 3) },
  { sourceId: 'source--b', title: 'B', name: 'b.bin', bytes: varied(6_000_000, 4) },
];

it('an open cancelled while a file streams in says the open was cancelled and nothing changed; the case is as it was', async () => {
  const doc = withFiles(newCase('Alice'), files);
  doc.events.push(plainEvent('event--x', 'x', { marking: 'TLP:CLEAR', citations: [{ sourceId: 'source--a', credibility: 2 }] }));
  const alice = await team('alice-cancel-open', doc);
  await storeFiles(alice.cases, files);
  const bob = await team('bob-cancel-open');
  const bobKey = (await bob.exchange.publicKey()).ageRecipient;
  const { path } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
  const before = JSON.stringify(bob.cases.document);
  const controller = new AbortController();
  const error = await bob.exchange
    .open(path, { name: 'from-alice.casefile', signal: controller.signal, onProgress: (p) => p.phase === 'reading' && p.done > p.total * 0.75 && controller.abort() })
    .then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe('CANCELLED');
  expect((error as StoreError).message).toBe('Opening from-alice.casefile was cancelled. Nothing was merged or kept; the case is unchanged.');
  expect(JSON.stringify(bob.cases.document)).toBe(before);
  ok(await bob.cases.close());
  ok(await bob.cases.open(bob.path, { passphrase: PASSPHRASE }));
  expect(readdirSync(bob.cases.blobs!.dir).filter((n) => n !== 'owner.json')).toEqual([]);
}, 120_000);

it('a merge cancelled before its commit writes nothing: the case, its history and its files are exactly as they were', async () => {
  const doc = withFiles(newCase('Alice'), files.slice(0, 1));
  doc.events.push(plainEvent('event--y', 'y', { marking: 'TLP:CLEAR', citations: [{ sourceId: 'source--a', credibility: 2 }] }));
  const alice = await team('alice-cancel-merge', doc);
  await storeFiles(alice.cases, files.slice(0, 1));
  const bob = await team('bob-cancel-merge');
  const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [(await bob.exchange.publicKey()).ageRecipient] });
  const { opened, plan } = await bob.exchange.open(bytes);
  const before = JSON.stringify(bob.cases.document);
  const controller = new AbortController();
  const phases: string[] = [];
  const error = await bob.exchange
    .merge(opened, plan, {}, { signal: controller.signal, onProgress: (p) => { phases.push(p.phase); if (p.phase === 'keeping') controller.abort(); } })
    .then(() => null, (e: unknown) => e);
  expect(phases).toContain('keeping');
  expect((error as StoreError).code).toBe('CANCELLED');
  expect((error as StoreError).message).toMatch(/cancelled before anything was written; the case is exactly as it was/);
  expect(JSON.stringify(bob.cases.document)).toBe(before);
  // And the same review still merges afterwards.
  const merged = await bob.exchange.merge(opened, plan, {});
  expect(merged.seq).not.toBeNull();
  expect(bob.cases.document!.events.map((e) => e.id)).toContain('event--y');
}, 120_000);
