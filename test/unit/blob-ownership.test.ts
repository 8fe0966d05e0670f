// Files beside a case are never lost to another copy or another case, never land in the wrong case,
// and an older case's inline files can be listed and extracted without a writable open
// (findings R1, R2, R3 of the store issue's hostile review; each test failed before its fix).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentHandlers } from '../../src/main/ipc/handlers/attachments';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefixV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, PASSPHRASE, plainSource, removeTempDirs, tempDir } from '../helpers/store';
import { runCli } from '../helpers/run-cli';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobFiles = (path: string) => (existsSync(blobsPathOf(path)) ? readdirSync(blobsPathOf(path)).filter((n) => n.endsWith('.blob')) : []);

describe('a file picked in a dialog goes into the case that was open when the analyst asked', () => {
  it('is refused, and nothing lands in case B, when another window opened B while the dialog was open', async () => {
    const dir = tempDir('pick-switch');
    const a = join(dir, 'a.cfcase');
    const b = join(dir, 'b.cfcase');
    const setup = new CaseService({ user: 'x' });
    value(await setup.create(b, PASSPHRASE, newCase('Case B')));
    value(await setup.close());
    const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await cases.create(a, PASSPHRASE, newCase('Case A')));
    const attachments = new AttachmentService(cases);
    const evidence = join(dir, 'amber-report.pdf');
    writeFileSync(evidence, '%PDF-1.7 TLP:AMBER report meant for case A only');
    let release!: (p: string) => void;
    const dialog = new Promise<string>((r) => (release = r));
    const handlers = attachmentHandlers({ cases, attachments, host: { pickFile: () => dialog } } as unknown as HandlerContext);
    const picking = handlers['attachments:pick']({});
    value(await cases.open(b, { passphrase: PASSPHRASE }));
    release(evidence);
    const result = await picking;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CONFLICT');
    expect(cases.document?.name).toBe('Case B');
    expect(cases.document?.attachments).toHaveLength(0);
    expect(blobFiles(b)).toHaveLength(0);
    value(await cases.close());
  });
});

describe('opening an older copy or another case never deletes files a newer copy or the other case needs', () => {
  it('restoring the .bak as the messages advise keeps the newer copy\'s file, and says why', async () => {
    const path = join(tempDir('bak-restore'), 'case.cfcase');
    const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await cases.create(path, PASSPHRASE, newCase('Bak')));
    value(await cases.put({ collection: 'sources', record: plainSource('source--s', 'S') }));
    value(await cases.fold());
    const file = join(tempDir('bak-restore-src'), 'video.mp4');
    writeFileSync(file, Buffer.alloc(200_000, 3));
    const attached = value(await new AttachmentService(cases).attachToSource(file, 'source--s'));
    value(await cases.close());
    const newer = join(tempDir('bak-restore-keep'), 'case-newer-copy.cfcase');
    copyFileSync(path, newer);
    expect(blobFiles(path)).toHaveLength(1);
    copyFileSync(`${path}.bak`, path);
    rmSync(journalPathOf(path), { force: true });
    const reopened = new CaseService({ user: 'analyst' });
    const opened = value(await reopened.open(path, { passphrase: PASSPHRASE }));
    expect(opened.notices.join(' ')).toMatch(/older copy/);
    value(await reopened.close());
    expect(blobFiles(path)).toHaveLength(1);
    copyFileSync(newer, path);
    rmSync(journalPathOf(path), { force: true });
    const third = new CaseService({ user: 'analyst' });
    value(await third.open(path, { passphrase: PASSPHRASE }));
    const chunks: Buffer[] = [];
    for await (const chunk of new AttachmentService(third).read(attached.attachment.sha256)!) chunks.push(chunk);
    expect(sha(Buffer.concat(chunks))).toBe(attached.attachment.sha256);
    value(await third.close());
  });

  it('a new case is not created beside another case\'s files, and a case never sweeps a folder that is not its own', async () => {
    const dir = tempDir('rename');
    const path = join(dir, 'case.cfcase');
    const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await cases.create(path, PASSPHRASE, newCase('Old')));
    value(await cases.put({ collection: 'sources', record: plainSource('source--s', 'S') }));
    const file = join(tempDir('rename-src'), 'photo.png');
    writeFileSync(file, Buffer.alloc(100_000, 9));
    const attached = value(await new AttachmentService(cases).attachToSource(file, 'source--s'));
    value(await cases.close());
    renameSync(path, join(dir, 'renamed.cfcase'));
    rmSync(journalPathOf(path), { force: true });
    rmSync(`${path}.bak`, { force: true });
    const fresh = new CaseService({ user: 'analyst' });
    const refused = await fresh.create(path, PASSPHRASE, newCase('New'));
    expect(!refused.ok && refused.error.code).toBe('ALREADY_EXISTS');
    expect(!refused.ok && refused.error.message).toMatch(/holds the files of another case/);

    // A case that finds another case's folder beside it (moved there by hand) keeps every file.
    const other = join(dir, 'other.cfcase');
    value(await fresh.create(other, PASSPHRASE, newCase('Other')));
    value(await fresh.close());
    renameSync(blobsPathOf(path), blobsPathOf(other));
    const again = new CaseService({ user: 'analyst' });
    const opened = value(await again.open(other, { passphrase: PASSPHRASE }));
    expect(opened.notices.join(' ')).toMatch(/files of another case/);
    value(await again.close());
    expect(blobFiles(other)).toHaveLength(1);
    renameSync(blobsPathOf(other), blobsPathOf(path));
    renameSync(join(dir, 'renamed.cfcase'), path);
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(await store.blobs.has(attached.attachment.sha256)).toBe(true);
    await store.close();
  });

  it('a file whose edit never came is still removed when the case itself is opened again', async () => {
    const path = join(tempDir('orphan'), 'case.cfcase');
    const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await cases.create(path, PASSPHRASE, newCase('Orphans')));
    value(await cases.put({ collection: 'sources', record: plainSource('source--s', 'S') }));
    const kept = join(tempDir('orphan-src'), 'kept.pdf');
    writeFileSync(kept, Buffer.alloc(70_000, 1));
    value(await new AttachmentService(cases).attachToSource(kept, 'source--s'));
    // An upload whose record was never committed (the app was killed between the two).
    await cases.blobs!.add((async function* () {
      yield Buffer.alloc(80_000, 2);
    })());
    expect(blobFiles(path)).toHaveLength(2);
    value(await cases.close());
    const reopened = new CaseService({ user: 'analyst' });
    const opened = value(await reopened.open(path, { passphrase: PASSPHRASE }));
    expect(opened.notices.join(' ')).toMatch(/Removed 1 file/);
    expect(blobFiles(path)).toHaveLength(1);
    value(await reopened.close());
  });

  it('a failure while cleaning up does not stop the case from opening', async () => {
    const path = join(tempDir('sweep-fails'), 'case.cfcase');
    const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    value(await cases.create(path, PASSPHRASE, newCase('Sweep')));
    value(await cases.put({ collection: 'sources', record: plainSource('source--s', 'S') }));
    const file = join(tempDir('sweep-fails-src'), 'a.pdf');
    writeFileSync(file, Buffer.alloc(70_000, 1));
    value(await new AttachmentService(cases).attachToSource(file, 'source--s'));
    value(await cases.close());
    // A folder under a blob's name: unlink fails with EISDIR (as EACCES would on a read-only folder).
    mkdirSync(join(blobsPathOf(path), `${'ab'.repeat(32)}.blob`));
    const reopened = new CaseService({ user: 'analyst' });
    const opened = value(await reopened.open(path, { passphrase: PASSPHRASE }));
    expect(opened.notices.join(' ')).toMatch(/could not be cleaned up/);
    expect(reopened.document?.attachments).toHaveLength(1);
    value(await reopened.close());
  });
});

describe('an older case with its files inside, read without a writable open', () => {
  async function inlineCase(): Promise<{ path: string; bytes: Buffer }> {
    const path = join(tempDir('r13-inline'), 'case.cfcase');
    const made = await CaseStore.create(path, PASSPHRASE, newCase());
    const dataKey = made.exportDataKey();
    const h = layoutOf(readFileSync(path), path).header;
    await made.close();
    const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
    const bytes = Buffer.from('%PDF-1.4 scanned claim, kept inline by an older version');
    const record = { id: `attachment--${sha(bytes)}`, name: 'claim.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes), contentBase64: bytes.toString('base64') };
    const doc = { ...newCase(), id: h.caseId, schemaVersion: 3 } as Record<string, unknown>;
    doc['attachments'] = [record];
    doc['sources'] = [{ ...plainSource('source--claim', 'Claim scan'), attachment: { name: 'claim.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes) } }];
    writeFileSync(path, encodeSnapshot(dataKey, key, { journalSeq: 0, schemaVersion: 3 }, Buffer.from(JSON.stringify(doc))));
    writeFileSync(journalPathOf(path), journalPrefixV1(h.caseId));
    return { path, bytes };
  }

  it('lists its files as present and extracts them byte for byte, writing nothing to the case', async () => {
    const { path, bytes } = await inlineCase();
    const pass = join(tempDir('r13-pass'), 'p');
    writeFileSync(pass, PASSPHRASE);
    const listed = await runCli(['attachments', path, '--passphrase-file', pass]);
    const out = join(tempDir('r13-out'), 'claim.pdf');
    const extracted = await runCli(['extract', path, sha(bytes), '--out', out, '--passphrase-file', pass]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('claim.pdf');
    expect(listed.stdout).not.toContain('MISSING');
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    // Reading wrote nothing: the case is still in its older format.
    expect(existsSync(blobsPathOf(path))).toBe(false);
  });
});
