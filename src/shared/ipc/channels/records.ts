import { z } from 'zod';
import { Actor } from '../../domain/actor';
import { Event } from '../../domain/event';
import { Relationship } from '../../domain/relationship';
import { Series } from '../../domain/series';
import { Source } from '../../domain/source';
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

export const recordChannels = {
  'records:events': { request: Empty, response: z.object({ records: z.array(Event) }) },
  'records:actors': { request: Empty, response: z.object({ records: z.array(Actor) }) },
  'records:relationships': { request: Empty, response: z.object({ records: z.array(Relationship) }) },
  'records:sources': { request: Empty, response: z.object({ records: z.array(Source) }) },
  'records:series': { request: Empty, response: z.object({ records: z.array(Series) }) },
  'records:put': { request: PutRequest, response: CommitResponse },
  'records:delete': {
    request: z.object({ collection: z.enum(['events', 'actors', 'relationships', 'sources', 'series']), id: z.string() }).strict(),
    response: CommitResponse,
  },
  'history:undo': { request: Empty, response: CommitResponse },
  'history:redo': { request: Empty, response: CommitResponse },
  'history:list': {
    request: z.object({ limit: z.number().int().min(1).max(1_000) }).strict(),
    response: z.object({ items: z.array(HistoryItemSchema) }),
  },
} as const;
