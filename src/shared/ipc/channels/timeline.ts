import { z } from 'zod';
import { Actor } from '../../domain/actor';
import { EventCategory, Event } from '../../domain/event';
import { EventFilter, TimelineGrouping } from '../../domain/filters';
import { BUCKET_UNITS } from '../../timeline/buckets';
import { TILE_CELL_LIMIT, TILES_PER_REQUEST } from '../../timeline/tiles';
import { PAGE_LIMIT, TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT, TIMELINE_LIST_LIMIT, TIMELINE_ROW_LIMIT } from '../bounds';

const Time = z.number().finite();
/** d(ay), m(onth), y(ear); upper case when approximate. */
const Letter = z.enum(['d', 'm', 'y', 'D', 'M', 'Y']);

/** What the timeline draws for one event. */
export const TimelineItem = z.object({
  id: z.string(),
  title: z.string(),
  start: Time,
  end: Time,
  letter: Letter,
  category: EventCategory,
  /** The event's row under the grouping asked for. */
  group: z.number().int(),
  /** The firmest responsibility any claim gives (claimed, then attributed, then suspected); absent when none does. */
  responsibility: z.enum(['claimed', 'attributed', 'suspected']).optional(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

/** Events of one row in one time bucket (see shared/timeline/density.ts). */
export const DensityBar = z.object({ group: z.number().int(), start: Time, end: Time, exact: z.number(), spread: z.number() });

/** One row of the chart: its key (country code, province, actor id, category; '' when the event has none). */
export const TimelineRow = z.object({
  key: z.string(),
  /** The actor's name, for perpetrator rows. */
  name: z.string().optional(),
  count: z.number().int(),
  /** Set on the last row when the quietest rows beyond TIMELINE_ROW_LIMIT share it: how many it stands for. */
  others: z.number().int().optional(),
});
export type TimelineRow = z.infer<typeof TimelineRow>;

const Query = { filter: EventFilter, grouping: TimelineGrouping };

/**
 * The timeline asks main for what its window shows, never for all events: a summary of what the
 * filter selects (counts, rows, extent), then per window either the events (at most
 * TIMELINE_ITEM_LIMIT) or density bars (at most TIMELINE_DENSITY_LIMIT), and the list of the
 * window's first events. Main keeps the events ordered by start per filter, so a step looks only at its window.
 */
export const timelineChannels = {
  'timeline:summary': {
    request: z.object(Query).strict(),
    response: z.object({
      /** Events the filter selects. */
      count: z.number().int(),
      /** Events in the case. */
      total: z.number().int(),
      /** Of `count`, those known only to the month or year. */
      imprecise: z.number().int(),
      rows: z.array(TimelineRow).max(TIMELINE_ROW_LIMIT),
      /** The span of every selected event; null when none is selected. */
      extent: z.object({ start: Time, end: Time }).nullable(),
    }),
  },
  /** What to draw for the visible window [from, to) (main adds a quarter of it either side). */
  'timeline:window': {
    request: z.object({ ...Query, from: Time, to: Time }).strict(),
    response: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('events'), items: z.array(TimelineItem).max(TIMELINE_ITEM_LIMIT) }),
      z.object({ mode: z.literal('density'), bars: z.array(DensityBar).max(TIMELINE_DENSITY_LIMIT) }),
    ]),
  },
  /**
   * Density tiles at one zoom level (shared/timeline/tiles.ts): the renderer keeps them and draws
   * the windows they cover without asking timeline:window again.
   */
  'timeline:tiles': {
    request: z.object({ ...Query, unit: z.enum(BUCKET_UNITS), tiles: z.array(z.number().int()).min(1).max(TILES_PER_REQUEST) }).strict(),
    response: z.object({
      tiles: z.array(z.object({ tile: z.number().int(), rows: z.number().int().nullable(), buckets: z.array(DensityBar).max(TILE_CELL_LIMIT) })).max(TILES_PER_REQUEST),
    }),
  },
  /** The first events overlapping [from, to), in date order, and how many there are. */
  'timeline:list': {
    /** `offset`: how many of the window's events (in date order) to skip, to page through them. */
    request: z.object({ ...Query, from: Time, to: Time, limit: z.number().int().min(1).max(TIMELINE_LIST_LIMIT), offset: z.number().int().min(0).optional() }).strict(),
    response: z.object({ items: z.array(TimelineItem).max(TIMELINE_LIST_LIMIT), total: z.number().int() }),
  },
  /** One event's full record, and the actors it names (for their names). */
  'timeline:event': {
    request: z.object({ id: z.string().max(200) }).strict(),
    response: z.object({ event: Event, actors: z.array(Actor).max(PAGE_LIMIT) }),
  },
} as const;
