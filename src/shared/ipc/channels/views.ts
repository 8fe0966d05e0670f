import { z } from 'zod';
import { Attachment } from '../../domain/source';
import { Event } from '../../domain/event';
import { EventFilter, SavedView } from '../../domain/filters';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachment';
import { TimelineColumns } from '../../timeline/projection';
import { Empty } from './common';

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

/** A record that cites a source, for the sources panel. */
export const CitingRecord = z.object({ collection: z.string(), id: z.string(), label: z.string() });
export type CitingRecord = z.infer<typeof CitingRecord>;

/**
 * Channels of the timeline, the saved named views and source attachments.
 * `timeline:events` filters in main and sends only the compact columns the chart needs.
 */
export const viewsChannels = {
  'timeline:events': {
    request: z.object({ filter: EventFilter }).strict(),
    response: z.object({ columns: TimelineColumns, total: z.number().int() }),
  },
  /** The values present in the case, for the filter pickers. */
  'timeline:facets': {
    request: Empty,
    response: z.object({ countries: z.array(z.string()), provinces: z.array(z.string()), attackTypes: z.array(z.string()), targetTypes: z.array(z.string()) }),
  },
  'timeline:event': { request: z.object({ id: z.string().max(200) }).strict(), response: z.object({ event: Event }) },
  'views:list': { request: Empty, response: z.object({ views: z.array(SavedView) }) },
  'views:put': { request: z.object({ view: SavedView }).strict(), response: CommitResponse },
  'views:delete': { request: z.object({ id: z.string().max(200) }).strict(), response: CommitResponse },
  'attachments:upload': {
    request: z
      .object({
        name: z.string().trim().min(1).max(300),
        mediaType: z.string().max(100),
        /** The file's bytes, base64; at most 25 MB once decoded. */
        contentBase64: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4, 'the file is larger than 25 MB'),
      })
      .strict(),
    response: z.object({ attachment: Attachment }),
  },
  'attachments:get': {
    request: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    response: z.object({ attachment: Attachment, contentBase64: z.string() }),
  },
  'sources:citing': { request: z.object({ sourceId: z.string().max(200) }).strict(), response: z.object({ records: z.array(CitingRecord) }) },
} as const;
