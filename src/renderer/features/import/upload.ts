import type { ImportFileRef } from '../../../shared/ipc/channels/import';
import type { Result } from '../../../shared/ipc/result';
import { call } from '../../ipc/client';

const CHUNK_BYTES = 2 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a file chosen in an <input type=file> to main in chunks (the browser host has no native
 * dialog); main writes it to a private temporary file and answers with an id for it.
 */
export async function uploadFile(file: File, onProgress: (sent: number) => void, signal: AbortSignal): Promise<Result<ImportFileRef>> {
  const begun = await call('import:upload-begin', { name: file.name, size: file.size });
  if (!begun.ok) return begun;
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    if (signal.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'The upload was cancelled.' } };
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    const sent = await call('import:upload-chunk', { uploadId: begun.value.uploadId, offset, base64: toBase64(bytes) });
    if (!sent.ok) return sent;
    onProgress(sent.value.received);
  }
  const ended = await call('import:upload-end', { uploadId: begun.value.uploadId });
  return ended.ok ? { ok: true, value: ended.value.file } : ended;
}
