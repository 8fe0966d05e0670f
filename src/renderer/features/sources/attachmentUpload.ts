import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL } from '../../../shared/domain/attachment';
import type { Attachment } from '../../../shared/domain/source';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/ipc/channels/attachments';
import type { Result } from '../../../shared/ipc/result';
import { err } from '../../../shared/ipc/result';
import { call } from '../../ipc/client';

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export interface UploadProgress {
  /** Bytes sent so far. */
  sent: number;
  total: number;
}

/**
 * Stores a file in the case a piece at a time: only one 2 MiB slice of it is ever read into the
 * renderer, so a 4 GB video uploads without filling memory. Main streams the pieces into the
 * case's blob store and computes the SHA-256. `signal` cancels (nothing is kept).
 */
export async function uploadAttachment(file: File, options: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<Result<Attachment>> {
  if (file.size > MAX_ATTACHMENT_BYTES) return err('VALIDATION', `“${file.name}” is ${(file.size / 1024 ** 3).toFixed(1)} GB; a file may be at most ${MAX_ATTACHMENT_LABEL}.`);
  const begun = await call('attachments:begin-upload', { name: file.name, mediaType: file.type || 'application/octet-stream', size: file.size });
  if (!begun.ok) return begun;
  const { uploadId } = begun.value;
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (options.signal?.aborted) {
      await call('attachments:cancel-upload', { uploadId });
      return err('CANCELLED', `The upload of “${file.name}” was cancelled; nothing was attached.`);
    }
    const piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    const sent = await call('attachments:upload-chunk', { uploadId, offset, base64: base64Of(piece) });
    if (!sent.ok) return sent;
    options.onProgress?.({ sent: sent.value.received, total: file.size });
  }
  const ended = await call('attachments:end-upload', { uploadId });
  return ended.ok ? { ok: true, value: ended.value.attachment } : ended;
}
