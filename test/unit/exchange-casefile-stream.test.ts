import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageEncrypt } from '../../src/main/services/exchange/age';
import { AGE_CHUNK, ageDecrypt } from '../../src/main/services/exchange/age-stream';
import { readCasefile } from '../../src/main/services/exchange/casefile-read';
import type { ExchangeProgress } from '../../src/main/services/exchange/exchange-service';
import { TAR_BLOCK, tarPadding } from '../../src/main/services/exchange/tar';
import type { StoreError } from '../../src/main/store/store-error';
import { plainEvent } from '../helpers/records';
import { readBlob, sha256Of, storeFiles, varied, withFiles, type CaseFile } from '../helpers/case-files';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { expectStoreError, newCase, PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * Format 2 of the `.casefile`: evidence files travel inside the file as streamed parts, are
 * checked byte for byte against the signed manifest, and land in the receiver's blob store.
 */
afterAll(removeTempDirs);

const FIXTURES = fileURLToPath(new URL('../fixtures/exchange/', import.meta.url));

const files: CaseFile[] = [
  { sourceId: 'source--video', title: 'Claim video', name: 'claim.mp4', bytes: varied(5 * AGE_CHUNK + 1234, 1) },
  { sourceId: 'source--scan', title: 'Scanned statement', name: 'statement.pdf', bytes: varied(3000, 2) },
  // The same bytes on a second source: one part, one blob.
  { sourceId: 'source--scan-copy', title: 'Statement, second copy', name: 'copy.pdf', bytes: varied(3000, 2) },
  { sourceId: 'source--empty', title: 'Empty upload', name: 'empty.txt', bytes: Buffer.alloc(0) },
];

let alice: Team;
let bob: Team;
let bobKey: string;

beforeAll(async () => {
  const doc = withFiles(newCase('Alice with evidence'), files);
  doc.events.push(plainEvent('event--cited', 'Attack the video shows', { marking: 'TLP:CLEAR', citations: [{ sourceId: 'source--video', credibility: 2 }] }));
  alice = await team('alice-files', doc);
  await storeFiles(alice.cases, files);
  bob = await team('bob-files');
  bobKey = (await bob.exchange.publicKey()).ageRecipient;
});

/** Each entry of a decrypted archive: where its header starts, where its bytes start, and where its padding ends. */
function layout(archive: Buffer): Array<{ name: string; start: number; data: number; size: number; end: number }> {
  const entries = [];
  for (let at = 0; at + TAR_BLOCK <= archive.length; ) {
    const block = archive.subarray(at, at + TAR_BLOCK);
    if (block.every((b) => b === 0)) break;
    const name = block.toString('utf8', 0, block.indexOf(0));
    const size = parseInt(block.toString('latin1', 124, 135), 8);
    const end = at + TAR_BLOCK + size + tarPadding(size);
    entries.push({ name, start: at, data: at + TAR_BLOCK, size, end });
    at = end;
  }
  return entries;
}

describe('a case file with attachments (format 2)', () => {
  it('carries every file once and the receiver gets the same bytes in its blob store, with the records naming them', async () => {
    const { bytes, preview } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    expect(preview).toMatchObject({ attachments: 3, attachmentBytes: files[0]!.bytes.length + 3000 });
    const { opened, plan } = await bob.exchange.open(bytes);
    expect(opened.manifest.parts.map((p) => p.path)).toEqual(['records.ndjson.gz', ...[0, 1, 3].map((i) => `attachments/${sha256Of(files[i]!.bytes)}`)]);
    // The files are in bob's blob store as soon as the file is open and verified; the merge commits their records.
    for (const file of files) expect(await bob.cases.blobs!.has(sha256Of(file.bytes))).toBe(true);
    await bob.exchange.merge(opened, plan, {});
    for (const file of files) {
      const sha256 = sha256Of(file.bytes);
      expect((await readBlob(bob.cases, sha256)).equals(file.bytes)).toBe(true);
      expect(bob.cases.document!.attachments.find((a) => a.sha256 === sha256)).toMatchObject({ size: file.bytes.length });
      expect(bob.cases.document!.sources.find((s) => s.id === file.sourceId)?.attachment?.sha256).toBe(sha256);
    }
  });

  it('opens a format-1 (zip) file made by an earlier version, and merges its records and file', async () => {
    const identity = readFileSync(join(FIXTURES, 'format-1.identity.txt'), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
    const content = readFileSync(join(FIXTURES, 'format-1.attachment.bin'));
    const carol = await team('carol-v1');
    const { opened, plan } = await carol.exchange.open(join(FIXTURES, 'format-1.casefile'), { identities: [identity] });
    expect(opened.manifest.formatVersion).toBe(1);
    expect(opened.payload.records.events).toHaveLength(5);
    expect(opened.payload.tombstones).toHaveLength(1);
    await carol.exchange.merge(opened, plan, {});
    expect(carol.cases.document!.events).toHaveLength(5);
    expect((await readBlob(carol.cases, sha256Of(content))).equals(content)).toBe(true);
    expect(carol.cases.document!.attachments.map((a) => a.sha256)).toEqual([sha256Of(content)]);
  });

  it('is refused, naming the part, when any part was altered and re-encrypted to the receiver (the signature still holds): nothing is kept', async () => {
    const keys = await bob.exchange.keyring();
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    const archive = Buffer.from(await ageDecrypt(bytes, { identities: [keys.identity.ageIdentity] }));
    const entries = layout(archive);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'signature.json', 'records.ndjson.gz', ...[0, 1, 3].map((i) => `attachments/${sha256Of(files[i]!.bytes)}`)]);
    const dana = await team('dana-tamper');
    const danaKeys = await dana.exchange.keyring();
    const altered: string[] = [];
    const tamper = async (at: number): Promise<StoreError> => {
      const copy = Buffer.from(archive);
      copy[at] = copy[at]! ^ 0x04;
      const entry = entries.find((e) => at >= e.data && at < e.data + e.size);
      if (entry) altered.push(sha256Of(copy.subarray(entry.data, entry.data + entry.size)));
      const file = await ageEncrypt(copy, { recipients: [danaKeys.identity.ageRecipient] });
      return (await expectStoreError(dana.exchange.open(file), 'CORRUPT_STORE')) as StoreError;
    };
    const video = entries[3]!;
    const signedParts = entries.slice(2).filter((e) => e.size > 0);
    for (const entry of signedParts) {
      for (const at of [entry.data, entry.data + Math.floor(entry.size / 2), entry.data + entry.size - 1]) {
        expect((await tamper(at)).message).toContain(`${entry.name} does not match its SHA-256 in the signed manifest`);
      }
    }
    for (const at of [entries[0]!.data + 10, entries[1]!.data + 40]) expect((await tamper(at)).message).toMatch(/signature does not match|not a valid signature/);
    // Headers, padding and the end blocks are not hashed, but every byte of them is fixed by the format.
    expect((await tamper(video.start + 140)).message).toContain(`where ${video.name} should begin, it holds an entry of a kind a case file never has`);
    expect((await tamper(video.data + video.size + 3)).message).toContain(`the bytes after ${video.name} were altered`);
    expect((await tamper(archive.length - 5)).message).toContain('after its last part');
    // No altered part ever became a blob, no temp file is left, and nothing was merged.
    for (const sha256 of altered) expect(await dana.cases.blobs!.has(sha256)).toBe(false);
    expect(readdirSync(dana.cases.blobs!.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(dana.cases.document!.sources).toEqual([]);
    // Intact files received before a later part was refused are unreferenced: the next open sweeps them.
    expect(readdirSync(dana.cases.blobs!.dir).length).toBeGreaterThan(0);
    await dana.cases.close();
    ok(await dana.cases.open(dana.path, { passphrase: PASSPHRASE }));
    // (owner.json says which case the folder belongs to; it is not a file of the case.)
    expect(readdirSync(dana.cases.blobs!.dir).filter((n) => n !== 'owner.json')).toEqual([]);
  });

  it('refuses a flipped byte anywhere in the encrypted file, naming the part the damaged piece holds', async () => {
    const keys = await bob.exchange.keyring();
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [bobKey] });
    const archive = Buffer.from(await ageDecrypt(bytes, { identities: [keys.identity.ageIdentity] }));
    const entries = layout(archive);
    // age: header, 16-byte nonce, then chunks of 64 KiB + a 16-byte tag.
    const sealedStart = bytes.length - (archive.length + 16 * Math.ceil(archive.length / AGE_CHUNK));
    const nonceStart = sealedStart - 16;
    const trust = { ownSigningKey: keys.identity.signingKey, partners: [] };
    const open = (copy: Uint8Array) => readCasefile(copy, { identities: [keys.identity.ageIdentity] }, trust);
    const positions = [...Array.from({ length: 48 }, (_, i) => nonceStart + Math.floor((i * (bytes.length - nonceStart)) / 48)), bytes.length - 1, bytes.length - 17];
    for (const at of positions) {
      const copy = bytes.slice();
      copy[at] = copy[at]! ^ 0x20;
      const error = await expectStoreError(open(copy), 'CORRUPT_STORE');
      const chunk = at < sealedStart ? 0 : Math.floor((at - sealedStart) / (AGE_CHUNK + 16));
      const holding = entries.find((e) => chunk * AGE_CHUNK >= e.start && chunk * AGE_CHUNK < e.end)?.name ?? 'the end of the archive';
      expect(error.message, `byte ${at}`).toContain(`altered or cut short after it was made (piece ${chunk + 1} of its encrypted content fails authentication, where it holds ${holding})`);
    }
    expect(new Set(positions.map((at) => Math.floor((at - sealedStart) / (AGE_CHUNK + 16)))).size).toBeGreaterThan(5);
    // The header: refused as not meant for this key, or as altered.
    for (const at of [0, 30, nonceStart - 5]) {
      const copy = bytes.slice();
      copy[at] = copy[at]! ^ 0x20;
      await expect(open(copy)).rejects.toMatchObject({ name: 'StoreError' });
    }
  });

  it('a filtered export carries only the files of sources the selected events cite, and the preview lists the rest', async () => {
    const filter = { text: 'video shows' };
    const preview = alice.exchange.preview('TLP:RED', filter);
    expect(preview).toMatchObject({ attachments: 1, attachmentBytes: files[0]!.bytes.length });
    const behind = preview.leftOut.filter((l) => l.reason.startsWith('leaves without its file'));
    expect(behind.map((l) => l.id).sort()).toEqual(['source--empty', 'source--scan', 'source--scan-copy']);
    expect(behind[0]?.reason).toContain('no event in the selection cites this source');
    const { bytes } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', filter, recipients: [bobKey] });
    const erin = await team('erin-filtered');
    const { opened, plan } = await erin.exchange.open(bytes, { identities: [(await bob.exchange.keyring()).identity.ageIdentity] });
    expect(opened.manifest.parts.filter((p) => p.path.startsWith('attachments/')).map((p) => p.sha256)).toEqual([sha256Of(files[0]!.bytes)]);
    // The sources themselves leave (as every actor does); only their files stay behind.
    expect(opened.payload.records.sources.map((s) => s.id).sort()).toEqual(files.map((f) => f.sourceId).sort());
    await erin.exchange.merge(opened, plan, {});
    expect(erin.cases.document!.attachments.map((a) => a.sha256)).toEqual([sha256Of(files[0]!.bytes)]);
    expect(await erin.cases.blobs!.has(sha256Of(files[1]!.bytes))).toBe(false);
  });

  it('a cancelled export leaves no file and no work folder, whether it stops in the records or in the files', async () => {
    for (const stopAt of ['records', 'writing'] as const) {
      const dir = tempDir(`cancel-${stopAt}`);
      const controller = new AbortController();
      const seen: ExchangeProgress[] = [];
      const exporting = alice.exchange.exportCasefile({
        out: join(dir, 'out.casefile'),
        maxMarking: 'TLP:RED',
        recipients: [bobKey],
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.phase === stopAt) controller.abort();
        },
      });
      await expectStoreError(exporting, 'CANCELLED');
      expect(seen.some((p) => p.phase === stopAt)).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('a cancelled open keeps nothing of the file being received, and merges nothing', async () => {
    const big: CaseFile[] = [{ sourceId: 'source--long-video', title: 'Long video', name: 'long.mp4', bytes: varied(3 * 1024 * 1024 + 5, 9) }];
    const gina = await team('gina-big', withFiles(newCase('Gina'), big));
    await storeFiles(gina.cases, big);
    const frank = await team('frank-cancel');
    const frankKey = (await frank.exchange.publicKey()).ageRecipient;
    const path = join(tempDir('cancel-open'), 'in.casefile');
    await gina.exchange.exportCasefile({ out: path, maxMarking: 'TLP:RED', recipients: [frankKey] });
    const controller = new AbortController();
    const opening = frank.exchange.open(path, { signal: controller.signal, onProgress: (p) => p.phase === 'reading' && p.done > 0 && controller.abort() });
    await expectStoreError(opening, 'CANCELLED');
    expect(frank.cases.document!.sources).toEqual([]);
    expect(await frank.cases.blobs!.has(sha256Of(big[0]!.bytes))).toBe(false);
    expect(existsSync(frank.cases.blobs!.dir) ? readdirSync(frank.cases.blobs!.dir).filter((n) => n !== 'owner.json') : []).toEqual([]);
  });
});
