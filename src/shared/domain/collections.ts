import { z } from 'zod';
import { Actor } from './actor';
import { StoredAttachment } from './attachment';
import { Event } from './event';
import { SavedView } from './filters';
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
  views: SavedView,
  attachments: StoredAttachment,
} as const;

/** Every collection the case document holds and the journal can change. */
export type CaseCollectionName = keyof typeof COLLECTION_SCHEMAS;
export const CASE_COLLECTION_NAMES = Object.keys(COLLECTION_SCHEMAS) as CaseCollectionName[];
export const CollectionNameSchema = z.enum(['events', 'actors', 'relationships', 'sources', 'series', 'views', 'attachments']);

/** The analytic records (marked, citable, exchanged); saved views and attachment bytes are case housekeeping. */
export type CollectionName = Exclude<CaseCollectionName, 'views' | 'attachments'>;
export const COLLECTION_NAMES: CollectionName[] = ['events', 'actors', 'relationships', 'sources', 'series'];

export interface CollectionRecords {
  events: Event;
  actors: Actor;
  relationships: Relationship;
  sources: Source;
  series: Series;
  views: SavedView;
  attachments: StoredAttachment;
}
export type AnyRecord = CollectionRecords[CollectionName];
export type AnyCaseRecord = CollectionRecords[CaseCollectionName];
