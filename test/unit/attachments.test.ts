import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { startBrowserServer } from '../../src/main/hosts/browser-server';
import { attachmentHandlers } from '../../src/main/ipc/handlers/attachments';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { appPaths } from '../../src/main/services/app-paths';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefixV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/domain/attachment';
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/ipc/channels/attachments';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, PASSPHRASE, plainSource, removeTempDirs, tempDir } from '../helpers/store';

/**
 * Evidence files out of the document (issue #13, point 2): uploads arrive in pieces and are
 * streamed into the case's blob store; a file counts once its record is committed; files no record
 * or undo step can reach are swept; cases that kept files inline open and move them out.
 */
afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function openCase(doc = newCase('Evidence')) {
  const path = join(tempDir('attach'), 'case.cfcase');
  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  value(await cases.create(path, PASSPHRASE, doc));
  const attachments = new AttachmentService(cases);
  const handlers = attachmentHandlers({ cases, attachments, host: {} } as unknown as HandlerContext);
  return { cases, attachments, handlers, path };
}

async function upload(handlers: Awaited<ReturnType<typeof openCase>>['handlers'], name: string, bytes: Buffer) {
  const { uploadId } = value(await handlers['attachments:begin-upload']({ name, mediaType: 'application/pdf', size: bytes.length }));
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    value(await handlers['attachments:upload-chunk']({ uploadId, offset, base64: bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64') }));
  }
  return handlers['attachments:end-upload']({ uploadId });
}

async function readAll(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return Buffer.concat(out);
}

describe('uploads in pieces', () => {
  it('stores a file of several pieces in the blob store, not in the document, and reads it back after reopening', async () => {
    const { cases, handlers, path } = await openCase();
    const bytes = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 12_345, 7);
    bytes.write('%PDF-1.7 statement scan', 0);
    const { attachment } = value(await upload(handlers, 'statement.pdf', bytes));
    expect(attachment).toEqual({ name: 'statement.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes) });
    value(await cases.put({ collection: 'sources', record: { ...plainSource('source--scan', 'Scanned statement'), attachment } }));
    await cases.close();
    // The bytes are not in the case file or its journal: the document keeps only the record.
    const needle = bytes.subarray(0, 64);
    for (const file of [path, journalPathOf(path)]) expect(readFileSync(file).includes(needle)).toBe(false);
    expect(readdirSync(blobsPathOf(path)).filter((n) => n.endsWith('.blob'))).toHaveLength(1);

    const again = new CaseService({ user: 'analyst' });
    value(await again.open(path, { passphrase: PASSPHRASE }));
    const service = new AttachmentService(again);
    expect((await readAll(service.read(attachment.sha256)!)).equals(bytes)).toBe(true);
    expect((await readAll(service.read(attachment.sha256, { start: 100, end: 5_000 })!)).equals(bytes.subarray(100, 5_000))).toBe(true);
    await again.close();
  });

  it('one undo takes the attachment record back; the file stays, since a redo can reach it', async () => {
    const { cases, handlers, path } = await openCase();
    const bytes = Buffer.from('video bytes '.repeat(1000));
    value(await upload(handlers, 'clip.mp4', bytes));
    value(await cases.undo());
    expect(cases.document!.attachments).toEqual([]);
    await cases.close();
    const again = new CaseService({ user: 'analyst' });
    value(await again.open(path, { passphrase: PASSPHRASE }));
    expect(readdirSync(blobsPathOf(path)).filter((n) => n.endsWith('.blob'))).toHaveLength(1);
    value(await again.redo());
    expect((await readAll(new AttachmentService(again).read(sha(bytes))!)).equals(bytes)).toBe(true);
    await again.close();
  });

  it('a file whose upload never finished, or whose record was never saved, is swept at the next open', async () => {
    const { cases, handlers, path } = await openCase();
    const { uploadId } = value(await handlers['attachments:begin-upload']({ name: 'half.pdf', mediaType: 'application/pdf', size: 10_000 }));
    value(await handlers['attachments:upload-chunk']({ uploadId, offset: 0, base64: Buffer.alloc(5_000, 1).toString('base64') }));
    // A whole file added to the blobs, but the analyst closed before its record was committed.
    await cases.blobs!.add((async function* () {
      yield Buffer.from('orphan');
    })());
    await cases.close();
    // Closing the case ended the upload: nothing to finish.
    expect(await handlers['attachments:end-upload']({ uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const again = new CaseService({ user: 'analyst' });
    const opened = value(await again.open(path, { passphrase: PASSPHRASE }));
    expect(readdirSync(blobsPathOf(path)).filter((n) => n.endsWith('.blob'))).toEqual([]);
    expect(opened.counts.sources).toBe(0);
    await again.close();
  });

  it('a case switch ends every upload into the case that was open; nothing reaches the other case', async () => {
    const a = await openCase(newCase('Case A'));
    const { uploadId } = value(await a.handlers['attachments:begin-upload']({ name: 'a.pdf', mediaType: 'application/pdf', size: 6 }));
    value(await a.handlers['attachments:upload-chunk']({ uploadId, offset: 0, base64: Buffer.from('abc').toString('base64') }));
    const b = join(tempDir('attach-b'), 'b.cfcase');
    value(await a.cases.create(b, PASSPHRASE, newCase('Case B')));
    const late = await a.handlers['attachments:upload-chunk']({ uploadId, offset: 3, base64: Buffer.from('def').toString('base64') });
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(a.cases.document!.attachments).toEqual([]);
    await a.cases.close();
  });

  it('refuses a file over 4 GB before anything is sent, and a piece out of order', async () => {
    const { cases, handlers } = await openCase();
    const tooBig = await handlers['attachments:begin-upload']({ name: 'huge.mkv', mediaType: 'video/x-matroska', size: MAX_ATTACHMENT_BYTES + 1 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!tooBig.ok && tooBig.error.message).toMatch(/at most 4 GB/);
    const { uploadId } = value(await handlers['attachments:begin-upload']({ name: 'x.pdf', mediaType: 'application/pdf', size: 10 }));
    expect(await handlers['attachments:upload-chunk']({ uploadId, offset: 4, base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await cases.close();
  });
});

describe('cases that kept their files inside the document (schema 3, format 1)', () => {
  async function inlineCase(): Promise<{ path: string; bytes: Buffer; undone: Buffer }> {
    const path = join(tempDir('inline'), 'case.cfcase');
    const made = await CaseStore.create(path, PASSPHRASE, newCase());
    const dataKey = made.exportDataKey();
    const h = layoutOf(readFileSync(path), path).header;
    await made.close();
    const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
    const bytes = Buffer.from('%PDF-1.4 scanned claim, kept inline by an older version');
    const undone = Buffer.from('a photo the analyst attached and then undid');
    const record = (b: Buffer, name: string) => ({ id: `attachment--${sha(b)}`, name, mediaType: 'application/pdf', size: b.length, sha256: sha(b), contentBase64: b.toString('base64') });
    const doc = { ...newCase(), id: h.caseId, schemaVersion: 3 } as Record<string, unknown>;
    doc['attachments'] = [record(bytes, 'claim.pdf')];
    doc['sources'] = [{ ...plainSource('source--claim', 'Claim scan'), attachment: { name: 'claim.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes) } }];
    doc['history'] = [
      { seq: 1, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'edit', summary: 'Attached', changes: [{ op: 'put', collection: 'attachments', id: record(bytes, 'claim.pdf').id, before: null, after: record(bytes, 'claim.pdf') }] },
      { seq: 2, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'edit', summary: 'Attached', changes: [{ op: 'put', collection: 'attachments', id: record(undone, 'p.jpg').id, before: null, after: record(undone, 'p.jpg') }] },
      { seq: 3, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'undo', summary: 'Undo', undoes: 2, changes: [{ op: 'delete', collection: 'attachments', id: record(undone, 'p.jpg').id, before: record(undone, 'p.jpg') }] },
    ];
    writeFileSync(path, encodeSnapshot(dataKey, key, { journalSeq: 3, schemaVersion: 3 }, Buffer.from(JSON.stringify(doc))));
    writeFileSync(journalPathOf(path), journalPrefixV1(h.caseId));
    return { path, bytes, undone };
  }

  it('opens, moves every file (current and undone) into the blob folder, and keeps the original as the .bak', async () => {
    const { path, bytes, undone } = await inlineCase();
    const original = readFileSync(path);
    const cases = new CaseService({ user: 'analyst' });
    value(await cases.open(path, { passphrase: PASSPHRASE }));
    // Converted on opening; the original stays as the .bak until the next save replaces it.
    expect(readFileSync(`${path}.bak`).equals(original)).toBe(true);
    expect(cases.document!.attachments[0]).not.toHaveProperty('contentBase64');
    expect(JSON.stringify(cases.document!.history)).not.toContain('contentBase64');
    const service = new AttachmentService(cases);
    expect((await readAll(service.read(sha(bytes))!)).equals(bytes)).toBe(true);
    // The undone file is reachable by a redo, so it was moved too.
    value(await cases.redo());
    expect((await readAll(service.read(sha(undone))!)).equals(undone)).toBe(true);
    await cases.close();
    expect(readFileSync(path).includes(Buffer.from(bytes.toString('base64').slice(0, 40)))).toBe(false);
  });

  it('a read-only open writes nothing: no blob folder, the file untouched', async () => {
    const { path } = await inlineCase();
    const original = readFileSync(path);
    const reader = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(reader.document.attachments[0]).not.toHaveProperty('contentBase64');
    await reader.close();
    expect(existsSync(blobsPathOf(path))).toBe(false);
    expect(readFileSync(path).equals(original)).toBe(true);
  });
});

describe('reading a file through the browser host', () => {
  function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('streams it to a link carrying that file’s key (never the launch token), by byte ranges, inline for images and PDFs and as a download otherwise', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cf-attach-host-'));
    const rendererDir = join(home, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const services: AppServices = createAppServices({
      paths: appPaths(home),
      version: 'test',
      host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
      isTrustedSender: () => true,
    });
    const server = await startBrowserServer({ services, rendererDir });
    try {
      value(await services.cases.create(join(home, 'c.cfcase'), PASSPHRASE, newCase()));
      const host = { attachmentQuery: (sha256: string) => `key=${server.attachmentKey(sha256)}` };
      const handlers = attachmentHandlers({ cases: services.cases, attachments: services.attachments, host } as unknown as HandlerContext);
      const pdf = Buffer.from(`%PDF-1.7 ${'x'.repeat(5000)}`);
      const { attachment } = value(await upload(handlers, 'scan.pdf', pdf));
      const svgBytes = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const { uploadId } = value(await handlers['attachments:begin-upload']({ name: 'x.svg', mediaType: 'image/svg+xml', size: svgBytes.length }));
      value(await handlers['attachments:upload-chunk']({ uploadId, offset: 0, base64: svgBytes.toString('base64') }));
      const svg = value(await handlers['attachments:end-upload']({ uploadId })).attachment;
      const { path } = value(await handlers['attachments:get']({ sha256: attachment.sha256 }));

      const bare = `/attachments/${attachment.sha256}`;
      expect(path).toBe(`${bare}?key=${server.attachmentKey(attachment.sha256)}`);
      expect(path).not.toContain(server.token);
      expect((await get(`${server.origin}${bare}`)).status).toBe(401);
      expect((await get(`${server.origin}${bare}?key=wrong`)).status).toBe(401);
      // The launch token does not belong in a link (history, downloads list): refused there.
      expect((await get(`${server.origin}${bare}?token=${server.token}`)).status).toBe(401);
      // Another file's key opens only that file.
      expect((await get(`${server.origin}${bare}?key=${server.attachmentKey(svg.sha256)}`)).status).toBe(401);
      const whole = await get(`${server.origin}${path}`);
      expect(whole.status).toBe(200);
      expect(whole.body.equals(pdf)).toBe(true);
      expect(whole.headers['content-type']).toBe('application/pdf');
      expect(String(whole.headers['content-disposition'])).toMatch(/^inline/);
      expect(String(whole.headers['content-security-policy'])).toMatch(/sandbox/);
      const part = await get(`${server.origin}${path}`, { Range: 'bytes=10-99' });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-99/${pdf.length}`);
      expect(part.body.equals(pdf.subarray(10, 100))).toBe(true);
      expect((await get(`${server.origin}${path}`, { Range: `bytes=${pdf.length}-` })).status).toBe(416);
      const download = await get(`${server.origin}${path}&download=1`);
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="scan.pdf"/);
      // An SVG could run script: never inline.
      const svgReply = await get(`${server.origin}/attachments/${svg.sha256}?key=${server.attachmentKey(svg.sha256)}`);
      expect(svgReply.headers['content-type']).toBe('application/octet-stream');
      expect(String(svgReply.headers['content-disposition'])).toMatch(/^attachment/);
      // Only files of the open case: any other hash is unknown.
      expect((await get(`${server.origin}/attachments/${'0'.repeat(64)}`, { 'X-Casefile-Token': server.token })).status).toBe(404);
      await services.cases.close();
    } finally {
      await server.close();
    }
  });
});
