import { MAX_ATTACHMENT_BYTES } from '../../../shared/domain/attachment';
import type { Attachment } from '../../../shared/domain/source';
import type { Result } from '../../../shared/ipc/result';
import { err } from '../../../shared/ipc/result';
import { call } from '../../ipc/client';

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Stores a file in the case; main computes its SHA-256. Files over 25 MB are refused before upload. */
export async function uploadAttachment(file: File): Promise<Result<Attachment>> {
  if (file.size > MAX_ATTACHMENT_BYTES) return err('VALIDATION', `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; attachments may be at most 25 MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await call('attachments:upload', { name: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: base64Of(bytes) });
  return result.ok ? { ok: true, value: result.value.attachment } : result;
}
