import { z } from 'zod';
import { Event } from '../../domain/event';
import { EventFilter, SavedView } from '../../domain/filters';
import { TimelineColumns } from '../../timeline/projection';
import { Empty } from './common';

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

/** A record that cites a source, for the sources panel. */
export const CitingRecord = z.object({ collection: z.string(), id: z.string(), label: z.string() });
export type CitingRecord = z.infer<typeof CitingRecord>;

/**
 * Channels of the timeline, the saved named views and who cites a source.
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
  'sources:citing': { request: z.object({ sourceId: z.string().max(200) }).strict(), response: z.object({ records: z.array(CitingRecord) }) },
} as const;
