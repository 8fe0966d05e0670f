// A format-1 case whose inline file (a circulated video an attacker also has) is rewritten, without
// the key, into "[[[[…": counter mode lets anyone who knows plaintext change it. Run by
// store-crafted.test.ts in a child with a small heap. Usage: make|open-tampered|open-control DIR
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefixV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { emptyCase } from '../../src/shared/domain/case';

const [mode, dir] = process.argv.slice(2) as [string, string];
const path = join(dir, 'case.cfcase');
const P = 'correct horse battery staple';
if (mode === 'make') {
  const made = await CaseStore.create(path, P, emptyCase('case--legacy', 'Legacy', '2025-01-01T00:00:00.000Z'));
  const dataKey = made.exportDataKey();
  const h = layoutOf(readFileSync(path), path).header;
  await made.close();
  const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
  const video = randomBytes(12 * 1024 * 1024); // "a circulated video": the attacker has the same file
  writeFileSync(join(dir, 'known-video.bin'), video);
  const sha = createHash('sha256').update(video).digest('hex');
  const doc = { ...emptyCase('case--legacy', 'Legacy', '2025-01-01T00:00:00.000Z'), id: h.caseId, schemaVersion: 3 } as Record<string, unknown>;
  doc['attachments'] = [{ id: `attachment--${sha}`, name: 'v.mp4', mediaType: 'video/mp4', size: video.length, sha256: sha, contentBase64: video.toString('base64') }];
  const plain = Buffer.from(JSON.stringify(doc));
  const file = encodeSnapshot(dataKey, key, { journalSeq: 0, schemaVersion: 3 }, plain);
  writeFileSync(path, file);
  writeFileSync(journalPathOf(path), journalPrefixV1(h.caseId));
  // Attacker side, without the key: locate the known base64 in the plaintext layout and XOR it into '['.
  const b64 = Buffer.from(video.toString('base64'));
  const bodyStart = file.length - (plain.length + 16);
  const at = plain.indexOf(b64); // the attacker knows where: field order and lengths are predictable
  const tampered = Buffer.from(file);
  // Close the string, open a new field, then nothing but '[' (inside a string a '[' would be text).
  const wanted = Buffer.concat([Buffer.from('","x":'), Buffer.alloc(b64.length - 6, 0x5b)]);
  for (let i = 0; i < b64.length; i++) tampered[bodyStart + at + i]! ^= b64[i]! ^ wanted[i]!;
  writeFileSync(join(dir, 'tampered.cfcase'), tampered);
  const control = Buffer.from(file);
  control[bodyStart + at + 10]! ^= 1;
  writeFileSync(join(dir, 'control.cfcase'), control);
  console.log(`case ${file.length} bytes; ${b64.length} bytes of known base64 rewritten to '['`);
} else {
  const which = mode === 'open-tampered' ? 'tampered.cfcase' : 'control.cfcase';
  writeFileSync(path, readFileSync(join(dir, which)));
  const t = Date.now();
  const timer = setInterval(() => undefined, 2000);
  try {
    await CaseStore.open(path, { passphrase: P }, { readOnly: true, tuning: { legacyWholeBodyLimit: 1024 * 1024 } });
    console.log('opened?!');
  } catch (e) {
    console.log(`${which}: error after ${Date.now() - t} ms:`, (e as Error).message.slice(0, 140));
  }
  clearInterval(timer);
}
