import { z } from 'zod';
import { SavedView } from '../../domain/filters';
import { Marking } from '../../domain/marking';
import { Source } from '../../domain/source';
import { PAGE_LIMIT } from '../bounds';
import { Empty } from './common';

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

/** A record that cites a source, for the sources panel. */
export const CitingRecord = z.object({ collection: z.string(), id: z.string(), label: z.string() });
export type CitingRecord = z.infer<typeof CitingRecord>;

/** Most values each facet list offers (the busiest case has a few hundred provinces). */
export const FACET_LIMIT = 2_000;

/** Channels of the filter pickers, the saved named views, and the sources panel. */
export const viewsChannels = {
  /** The values present in the case's events at or below `maxMarking` (all events without it), for the filter pickers. */
  'timeline:facets': {
    request: z.object({ maxMarking: Marking.optional() }).strict(),
    response: z.object({
      countries: z.array(z.string()).max(FACET_LIMIT),
      provinces: z.array(z.string()).max(FACET_LIMIT),
      attackTypes: z.array(z.string()).max(FACET_LIMIT),
      targetTypes: z.array(z.string()).max(FACET_LIMIT),
      /** ACLED's own coding, present on events imported from ACLED (empty lists otherwise). */
      acledEventTypes: z.array(z.string()).max(FACET_LIMIT),
      subEventTypes: z.array(z.string()).max(FACET_LIMIT),
      disorderTypes: z.array(z.string()).max(FACET_LIMIT),
      interactions: z.array(z.number().int()).max(FACET_LIMIT),
      /** Whether any event says whether civilians were targeted (ACLED's civilian_targeting column). */
      civilianTargeting: z.boolean(),
      sourceScales: z.array(z.string()).max(FACET_LIMIT),
      admin2s: z.array(z.string()).max(FACET_LIMIT),
      admin3s: z.array(z.string()).max(FACET_LIMIT),
      /** The country most events are in (the new-event form's default), or null for a case without events. */
      topCountry: z.string().nullable(),
    }),
  },
  'views:list': { request: Empty, response: z.object({ views: z.array(SavedView).max(PAGE_LIMIT) }) },
  'views:put': { request: z.object({ view: SavedView }).strict(), response: CommitResponse },
  'views:delete': { request: z.object({ id: z.string().max(200) }).strict(), response: CommitResponse },
  /** The first records citing a source (a dataset's source may be cited by every event), and how many there are. */
  'sources:citing': {
    request: z.object({ sourceId: z.string().max(200) }).strict(),
    response: z.object({ records: z.array(CitingRecord).max(PAGE_LIMIT), total: z.number().int() }),
  },
  /** A page of the case's sources whose title, outlet, publisher or author holds every word of `text`, by title. */
  'sources:list': {
    request: z.object({ text: z.string().max(300).optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(PAGE_LIMIT).optional() }).strict(),
    response: z.object({ sources: z.array(Source).max(PAGE_LIMIT), total: z.number().int() }),
  },
} as const;
