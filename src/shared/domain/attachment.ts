import { z } from 'zod';
import { Id } from './ids';

/**
 * The largest file a source may carry: 4 GiB. Files are kept out of the document, as encrypted
 * blobs streamed in and out (store/blobs), so memory does not grow with their size.
 */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 ** 3;
/** How the UI and messages name that limit. */
export const MAX_ATTACHMENT_LABEL = '4 GB';

/**
 * A file attached to the case (collection `attachments`), named by its SHA-256 so a source's
 * `attachment.sha256` finds it: id `attachment--<sha256>`. The bytes live in the case's blob
 * folder (`<case>.blobs`), encrypted, under a name derived from this SHA-256.
 */
export const StoredAttachment = z
  .object({
    id: Id,
    name: z.string().min(1).max(300),
    mediaType: z.string().max(100),
    size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
  .refine((a) => a.id === attachmentId(a.sha256), { message: 'an attachment id is attachment--<its sha256>', path: ['id'] });
export type StoredAttachment = z.infer<typeof StoredAttachment>;

export function attachmentId(sha256: string): string {
  return `attachment--${sha256}`;
}
