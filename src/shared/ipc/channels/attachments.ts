import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachment';
import { Attachment } from '../../domain/source';
import { Empty } from './common';

/** The largest piece of a file one upload call carries: 2 MiB, sent as base64. */
export const UPLOAD_CHUNK_BYTES = 2 * 1024 * 1024;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A source's files. Uploads arrive a piece at a time and are streamed into the case's blob store,
 * so a 4 GB video never sits whole in the renderer or in main. Reading goes through the host's
 * `/attachments/<sha256>` URL (attachment-http.ts), never through a JSON answer.
 */
export const attachmentChannels = {
  'attachments:begin-upload': {
    request: z
      .object({
        name: z.string().trim().min(1).max(300),
        mediaType: z.string().max(100),
        size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES, 'the file is larger than 4 GB'),
      })
      .strict(),
    response: z.object({ uploadId: z.string() }),
  },
  'attachments:upload-chunk': {
    request: z
      .object({
        uploadId: z.string().max(100),
        offset: z.number().int().min(0),
        /** At most UPLOAD_CHUNK_BYTES once decoded. */
        base64: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4),
      })
      .strict(),
    response: z.object({ received: z.number().int() }),
  },
  'attachments:end-upload': { request: z.object({ uploadId: z.string().max(100) }).strict(), response: z.object({ attachment: Attachment }) },
  'attachments:cancel-upload': { request: z.object({ uploadId: z.string().max(100) }).strict(), response: Empty },
  /** Hosts with a native dialog: pick a file and add it straight from disk. `attachment` is null when the analyst cancelled. */
  'attachments:pick': { request: Empty, response: z.object({ attachment: Attachment.nullable() }) },
  /** The attachment's record, and the path to read it from (relative to the host's origin). */
  'attachments:get': { request: z.object({ sha256: Sha256 }).strict(), response: z.object({ attachment: Attachment, path: z.string() }) },
  /** Hosts with a native dialog: save the file where the analyst picks. `path` is null when cancelled. */
  'attachments:save-as': { request: z.object({ sha256: Sha256 }).strict(), response: z.object({ path: z.string().nullable() }) },
} as const;
