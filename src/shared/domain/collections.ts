import { z } from 'zod';
import { AchMatrix, AchRow } from './ach';
import { Actor } from './actor';
import { StoredAttachment } from './attachment';
import { Event } from './event';
import { SavedView } from './filters';
import { Relationship } from './relationship';
import { Series } from './series';
import { Source } from './source';
import { WrittenReport } from './written-report';

/** Every collection of records a case holds, with the schema that validates its records. */
export const COLLECTION_SCHEMAS = {
  events: Event,
  actors: Actor,
  relationships: Relationship,
  sources: Source,
  series: Series,
  views: SavedView,
  attachments: StoredAttachment,
  matrices: AchMatrix,
  matrixRows: AchRow,
  reports: WrittenReport,
} as const;

/** Every collection the case document holds and the journal can change. */
export type CaseCollectionName = keyof typeof COLLECTION_SCHEMAS;
export const CASE_COLLECTION_NAMES = Object.keys(COLLECTION_SCHEMAS) as CaseCollectionName[];
export const CollectionNameSchema = z.enum(['events', 'actors', 'relationships', 'sources', 'series', 'views', 'attachments', 'matrices', 'matrixRows', 'reports']);

/**
 * The analytic records (marked, exchanged; ACH matrices and their rows since v5); saved views and
 * attachment bytes are case housekeeping. Written reports (v7) are the case's own products: not
 * exchanged yet, edited only through their service (docs/report-authoring.md).
 */
export type CollectionName = Exclude<CaseCollectionName, 'views' | 'attachments' | 'reports'>;
export const COLLECTION_NAMES: CollectionName[] = ['events', 'actors', 'relationships', 'sources', 'series', 'matrices', 'matrixRows'];

export interface CollectionRecords {
  events: Event;
  actors: Actor;
  relationships: Relationship;
  sources: Source;
  series: Series;
  views: SavedView;
  attachments: StoredAttachment;
  matrices: AchMatrix;
  matrixRows: AchRow;
  reports: WrittenReport;
}
export type AnyRecord = CollectionRecords[CollectionName];
export type AnyCaseRecord = CollectionRecords[CaseCollectionName];
