import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { attachmentId, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL, type StoredAttachment } from '../../shared/domain/attachment';
import type { Change } from '../../shared/domain/audit';
import type { Attachment } from '../../shared/domain/source';
import { err, ok, type Result } from '../../shared/ipc/result';
import type { AddResult, BlobStore, ByteRange } from '../store/blobs';
import { StoreError } from '../store/store-error';
import { asStoreError, type CaseService } from './case-service';

/** Bytes a renderer sends per upload call (base64 in JSON), well inside the host's request limit. */
export const UPLOAD_CHUNK_BYTES = 2 * 1024 * 1024;

interface Upload {
  name: string;
  mediaType: string;
  size: number;
  received: number;
  stream: PassThrough;
  adding: Promise<AddResult>;
  controller: AbortController;
  /** The case the upload goes into (the generation it began in). */
  generation: number;
}

/**
 * The case's files: uploads streamed into its blob store a chunk at a time, files added straight
 * from disk (a dialog's pick, the CLI), and reads for viewing and saving. Memory never grows with
 * a file's size. A file counts once its attachment record is committed (journaled, undoable).
 */
export class AttachmentService {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly cases: CaseService) {
    // A case switch ends every upload into the case that was open.
    cases.onSwitch(() => {
      for (const id of [...this.uploads.keys()]) this.cancel(id);
    });
  }

  begin(name: string, mediaType: string, size: number): Result<{ uploadId: string }> {
    const blobs = this.cases.blobs;
    if (!blobs) return err('NO_CASE_OPEN', 'No case is open. Open a case, then attach files to its sources.');
    if (size > MAX_ATTACHMENT_BYTES) return err('VALIDATION', `“${name}” is ${sizeLabel(size)}; a file may be at most ${MAX_ATTACHMENT_LABEL}. Nothing was stored.`);
    const stream = new PassThrough({ highWaterMark: UPLOAD_CHUNK_BYTES * 2 });
    const controller = new AbortController();
    const adding = blobs.add(stream, { signal: controller.signal, maxBytes: MAX_ATTACHMENT_BYTES });
    adding.catch(() => undefined); // reported when the upload ends or its next chunk arrives
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { name: basename(name), mediaType: mediaType || 'application/octet-stream', size, received: 0, stream, adding, controller, generation: this.cases.generation });
    return ok({ uploadId });
  }

  async chunk(uploadId: string, offset: number, bytes: Buffer): Promise<Result<{ received: number }>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return err('NOT_FOUND', 'That upload is not in progress (it was cancelled, or the case was closed). Attach the file again.');
    if (offset !== upload.received) return this.fail(uploadId, 'VALIDATION', `A piece of “${upload.name}” arrived at byte ${offset} where byte ${upload.received} was expected. Attach the file again.`);
    if (upload.received + bytes.length > upload.size) return this.fail(uploadId, 'VALIDATION', `“${upload.name}” is larger than announced. Attach the file again.`);
    upload.received += bytes.length;
    if (!upload.stream.write(bytes)) {
      // Wait for the blob store to take it in; a failed add (a full disk) ends the wait too.
      const failed = await Promise.race([once(upload.stream, 'drain').then(() => null), upload.adding.then(() => null, (error: unknown) => error)]);
      if (failed) return this.fail(uploadId, asStoreError(failed).code, asStoreError(failed).message);
    }
    return ok({ received: upload.received });
  }

  /** Completes an upload: the blob is whole and on disk, then its record is committed. */
  async end(uploadId: string): Promise<Result<{ attachment: Attachment }>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return err('NOT_FOUND', 'That upload is not in progress (it was cancelled, or the case was closed). Attach the file again.');
    this.uploads.delete(uploadId);
    if (upload.received !== upload.size) {
      upload.controller.abort();
      upload.stream.destroy();
      return err('VALIDATION', `The upload of “${upload.name}” stopped at ${upload.received} of ${upload.size} bytes. Attach the file again.`);
    }
    upload.stream.end();
    let added: AddResult;
    try {
      added = await upload.adding;
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
    if (this.cases.generation !== upload.generation) return err('CONFLICT', `The case was closed while “${upload.name}” was uploading; nothing was attached. Attach it again in the case now open.`);
    return this.record(upload.name, upload.mediaType, added);
  }

  cancel(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    upload.controller.abort();
    upload.stream.destroy();
  }

  /** Adds a file from disk (a dialog's pick, the CLI), streamed; `signal` cancels. */
  async addFile(path: string, options: { name?: string; mediaType?: string; signal?: AbortSignal; onProgress?: (bytes: number) => void; generation?: number } = {}): Promise<Result<{ attachment: Attachment }>> {
    const blobs = this.cases.blobs;
    if (!blobs) return err('NO_CASE_OPEN', 'No case is open. Open a case, then attach files to its sources.');
    const generation = options.generation ?? this.cases.generation;
    if (this.cases.generation !== generation) return err('CONFLICT', 'Another case was opened since the file was chosen; nothing was attached.');
    let added: AddResult;
    try {
      added = await blobs.addFile(path, { maxBytes: MAX_ATTACHMENT_BYTES, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
    if (this.cases.generation !== generation) return err('CONFLICT', 'The case was closed while the file was being added; nothing was attached.');
    return this.record(options.name ?? basename(path), options.mediaType ?? mediaTypeOf(path), added);
  }

  /**
   * Adds a file from disk and attaches it to a source, as one undoable step (the CLI's `attach`).
   * The blob is written first; if the source is gone by then, nothing refers to the blob and the
   * next sweep removes it.
   */
  async attachToSource(path: string, sourceId: string, options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {}): Promise<Result<{ attachment: Attachment; replaced: Attachment | null; seq: number }>> {
    const blobs = this.cases.blobs;
    if (!blobs) return err('NO_CASE_OPEN', 'No case is open. Open a case, then attach files to its sources.');
    if (!this.cases.records?.has('sources', sourceId)) return err('NOT_FOUND', `The case has no source with id ${sourceId}. List the sources with “casefile dump CASE --collection sources”.`);
    const generation = this.cases.generation;
    let added: AddResult;
    try {
      added = await blobs.addFile(path, { maxBytes: MAX_ATTACHMENT_BYTES, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
    if (this.cases.generation !== generation) return err('CONFLICT', 'The case was closed while the file was being added; nothing was attached.');
    const attachment: Attachment = { name: basename(path), mediaType: mediaTypeOf(path), size: added.size, sha256: added.sha256 };
    let replaced: Attachment | null = null;
    const committed = await this.cases.commitBatch('edit', (records) => {
      const source = records.get('sources', sourceId);
      if (!source) throw new StoreError('NOT_FOUND', `The source ${sourceId} was deleted while the file was being added; nothing was attached.`);
      replaced = source.attachment ?? null;
      const stored: StoredAttachment = { id: attachmentId(added.sha256), name: attachment.name, mediaType: attachment.mediaType, size: added.size, sha256: added.sha256 };
      const changes: Change[] = records.has('attachments', stored.id) ? [] : [{ op: 'put', collection: 'attachments', id: stored.id, before: null, after: stored }];
      changes.push({ op: 'put', collection: 'sources', id: sourceId, before: source, after: { ...source, attachment } });
      return { summary: `Attached file “${attachment.name}” to source “${source.title}”`, changes };
    });
    if (!committed.ok) return committed;
    return ok({ attachment, replaced, seq: committed.value.seq });
  }

  /** The attachment record for a SHA-256 in the open case, and its blob store; null when it is not the case's. */
  find(sha256: string): { attachment: StoredAttachment; blobs: BlobStore } | null {
    const blobs = this.cases.blobs;
    const attachment = this.cases.records?.get('attachments', attachmentId(sha256));
    return blobs && attachment ? { attachment, blobs } : null;
  }

  /** Verified plaintext of an attachment of the open case, chunk by chunk (a range seeks). */
  read(sha256: string, range?: ByteRange): AsyncIterable<Buffer> | null {
    const found = this.find(sha256);
    return found ? found.blobs.read(sha256, range) : null;
  }

  /** Writes an attachment to `outPath` whole or not at all (never over an existing file). */
  async saveTo(sha256: string, outPath: string): Promise<Result<{ path: string; size: number }>> {
    const found = this.find(sha256);
    if (!found) return err('NOT_FOUND', 'That file is not in the open case.');
    try {
      await found.blobs.writeTo(sha256, outPath);
      return ok({ path: outPath, size: found.attachment.size });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
  }

  private async record(name: string, mediaType: string, added: AddResult): Promise<Result<{ attachment: Attachment }>> {
    const record: StoredAttachment = { id: attachmentId(added.sha256), name, mediaType, size: added.size, sha256: added.sha256 };
    const committed = await this.cases.commitBatch('edit', (records) => {
      // The same bytes are one attachment, whatever name they came under.
      const changes: Change[] = records.has('attachments', record.id) ? [] : [{ op: 'put', collection: 'attachments', id: record.id, before: null, after: record }];
      return { summary: `Attached file “${name}”`, changes };
    });
    if (!committed.ok) return committed;
    return ok({ attachment: { name, mediaType, size: added.size, sha256: added.sha256 } });
  }

  private fail<T>(uploadId: string, code: Parameters<typeof err>[0], message: string): Result<T> {
    this.cancel(uploadId);
    return err(code, message);
  }
}

export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** A media type from a file name's extension (what a dialog's pick or the CLI gives us). */
export function mediaTypeOf(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}
