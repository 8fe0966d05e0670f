import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore, type StoreTuning } from '../../src/main/store/case-store';
import type { CaseDocument } from '../../src/shared/domain/case';
import { expectStoreError, folderState, PASSPHRASE, plainEvent, removeTempDirs, smallCase, tempDir } from '../helpers/store';

/**
 * Faults in a case of many segments: the first bad part in file order is the one named, whatever
 * follows it (more damage, a cut end), a forged FINAL flag is refused, and nothing is changed.
 * Written to guard a read-ahead of segments (tried for issue #13 and withdrawn); any future
 * read-ahead or parallel decryption must keep these answers.
 */
afterAll(removeTempDirs);

// Small segments: a case of a few hundred records crosses many more frames than are read ahead.
const TINY: StoreTuning = { segmentBytes: 1_024 };
let original: Buffer;
let expected: CaseDocument;

beforeAll(async () => {
  const path = join(tempDir('read-ahead'), 'case.cfcase');
  const doc = smallCase(200, 20);
  // Non-ASCII titles in some segments (decoded as UTF-8), ASCII ones elsewhere (decoded as Latin-1).
  for (let i = 0; i < 40; i++) doc.events.push(plainEvent(`event--arabic-${i}`, `بيان في الموصل ${i} — Mossoul, Ninive`));
  const store = await CaseStore.create(path, PASSPHRASE, doc, { tuning: TINY });
  expected = structuredClone(store.document);
  await store.close();
  original = readFileSync(path);
});

function frames(bytes: Buffer): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let offset = 12 + bytes.readUInt32BE(8);
  while (offset + 4 <= bytes.length) {
    const end = offset + 4 + bytes.readUInt32BE(offset);
    out.push({ start: offset, end });
    offset = end;
  }
  return out;
}

async function openFails(bytes: Buffer, code: 'CORRUPT_STORE' | 'TRUNCATED_STORE'): Promise<string> {
  const dir = tempDir('read-ahead');
  const path = join(dir, 'case.cfcase');
  writeFileSync(path, bytes);
  const before = folderState(dir);
  const error = await expectStoreError(CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY }), code);
  expect(folderState(dir)).toEqual(before);
  return error.message;
}

describe('faults in a case of many segments', () => {
  it('opens a case of many segments, ASCII and not, exactly as saved', async () => {
    expect(frames(original).length).toBeGreaterThan(40);
    const dir = tempDir('read-ahead');
    const path = join(dir, 'case.cfcase');
    writeFileSync(path, original);
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
    expect(store.document).toEqual(expected);
    await store.close();
  });

  it('a middle segment whose flags claim it is the last is refused as altered, and named', async () => {
    const bytes = Buffer.from(original);
    const target = frames(bytes)[10]!;
    bytes[target.start + 4] = bytes[target.start + 4]! | 0x01; // the FINAL flag, outside the ciphertext
    const message = await openFails(bytes, 'CORRUPT_STORE');
    expect(message).toMatch(/Part 11 of .* fails its integrity check/);
  });

  it('a damaged segment before a cut end is named as the damage (the first fault in file order)', async () => {
    const all = frames(original);
    const bytes = Buffer.from(original.subarray(0, all.at(-1)!.end - 5));
    bytes[all[3]!.start + 40] = bytes[all[3]!.start + 40]! ^ 0x20;
    const message = await openFails(bytes, 'CORRUPT_STORE');
    expect(message).toMatch(/Part 4 of .* fails its integrity check/);
    // The parts after it that still authenticate are counted (the cut last one is not).
    expect(message).toMatch(new RegExp(`The 3 part\\(s\\) before it and ${all.length - 5} after it are intact`));
  });

  it('an impossible length field far into the file names its part; a cut after it is not reported instead', async () => {
    const all = frames(original);
    const bytes = Buffer.from(original.subarray(0, all.at(-1)!.end - 5));
    bytes.writeUInt32BE(3, all[20]!.start);
    const message = await openFails(bytes, 'CORRUPT_STORE');
    expect(message).toMatch(/Part 21 of .* has an impossible length field/);
  });

  it('a file cut right after a segment far into the file is cut short at that part', async () => {
    const all = frames(original);
    const message = await openFails(original.subarray(0, all[30]!.end), 'TRUNCATED_STORE');
    expect(message).toMatch(/cut short \(truncated\) after part 31/);
  });

  it('bytes after the last segment are refused', async () => {
    const message = await openFails(Buffer.concat([original, Buffer.alloc(64, 7)]), 'CORRUPT_STORE');
    expect(message).toMatch(/goes on after its last part \(64 bytes/);
  });
});
