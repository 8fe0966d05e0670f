import { z } from 'zod';
import { Id } from './ids';

/** The largest file a source may carry; the whole case is held in memory and re-encrypted on save. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * A file kept inside the encrypted case (collection `attachments`), named by its SHA-256 so a
 * source's `attachment.sha256` finds it: id `attachment--<sha256>`. The bytes are base64.
 */
export const StoredAttachment = z
  .object({
    id: Id,
    name: z.string().min(1).max(300),
    mediaType: z.string().max(100),
    size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    contentBase64: z.string(),
  })
  .strict()
  .refine((a) => a.id === attachmentId(a.sha256), { message: 'an attachment id is attachment--<its sha256>', path: ['id'] });
export type StoredAttachment = z.infer<typeof StoredAttachment>;

export function attachmentId(sha256: string): string {
  return `attachment--${sha256}`;
}
