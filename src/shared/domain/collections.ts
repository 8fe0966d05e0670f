import { z } from 'zod';
import { Actor } from './actor';
import { Event } from './event';
import { Relationship } from './relationship';
import { Series } from './series';
import { Source } from './source';

/** Every collection of records a case holds, with the schema that validates its records. */
export const COLLECTION_SCHEMAS = {
  events: Event,
  actors: Actor,
  relationships: Relationship,
  sources: Source,
  series: Series,
} as const;

export type CollectionName = keyof typeof COLLECTION_SCHEMAS;
export const COLLECTION_NAMES = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];
export const CollectionNameSchema = z.enum(['events', 'actors', 'relationships', 'sources', 'series']);

export interface CollectionRecords {
  events: Event;
  actors: Actor;
  relationships: Relationship;
  sources: Source;
  series: Series;
}
export type AnyRecord = CollectionRecords[CollectionName];
