import { z } from 'zod';
import { Actor } from '../../domain/actor';
import { Event } from '../../domain/event';
import { Relationship } from '../../domain/relationship';
import { Series } from '../../domain/series';
import { Source } from '../../domain/source';
import { PAGE_LIMIT } from '../bounds';
import { Empty } from './common';

export const HistoryItemSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  by: z.string(),
  kind: z.string(),
  summary: z.string(),
  changeCount: z.number().int(),
});

const PutRequest = z.discriminatedUnion('collection', [
  z.object({ collection: z.literal('events'), record: Event }).strict(),
  z.object({ collection: z.literal('actors'), record: Actor }).strict(),
  z.object({ collection: z.literal('relationships'), record: Relationship }).strict(),
  z.object({ collection: z.literal('sources'), record: Source }).strict(),
  z.object({ collection: z.literal('series'), record: Series }).strict(),
]);
export type PutRequest = z.infer<typeof PutRequest>;

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

/**
 * A page of a collection, in the case's order, or the records with the given ids (those that
 * exist). Never the whole collection: a case may hold a million events.
 */
const PageRequest = z
  .object({
    ids: z.array(z.string().max(200)).max(PAGE_LIMIT).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(PAGE_LIMIT).optional(),
  })
  .strict();
const page = <T extends z.ZodType>(record: T) => ({ request: PageRequest, response: z.object({ records: z.array(record).max(PAGE_LIMIT), total: z.number().int() }) });

export const recordChannels = {
  'records:events': page(Event),
  'records:actors': page(Actor),
  'records:relationships': page(Relationship),
  'records:sources': page(Source),
  'records:series': page(Series),
  'records:put': { request: PutRequest, response: CommitResponse },
  'records:delete': {
    request: z.object({ collection: z.enum(['events', 'actors', 'relationships', 'sources', 'series']), id: z.string() }).strict(),
    response: CommitResponse,
  },
  'history:undo': { request: Empty, response: CommitResponse },
  'history:redo': { request: Empty, response: CommitResponse },
  'history:list': {
    request: z.object({ limit: z.number().int().min(1).max(1_000) }).strict(),
    response: z.object({ items: z.array(HistoryItemSchema).max(1_000) }),
  },
} as const;
