import { z } from 'zod';
import { AchMatrix, AchRow } from './ach';
import { Actor } from './actor';
import { StoredAttachment } from './attachment';
import { AuditEntry } from './audit';
import { Event } from './event';
import { SavedView } from './filters';
import { Id, Timestamp } from './ids';
import { Marking } from './marking';
import { Relationship } from './relationship';
import { Series } from './series';
import { Source } from './source';
import { WrittenReport } from './written-report';

/** The schema version this build writes. Older documents are lifted by ./migrations. */
export const CURRENT_SCHEMA_VERSION = 8;

export const CaseDocument = z
  .object({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    id: Id,
    name: z.string().min(1).max(300),
    description: z.string().max(20_000).optional(),
    createdAt: Timestamp,
    /** The marking a new record gets unless the analyst picks another. */
    defaultMarking: Marking,
    events: z.array(Event),
    actors: z.array(Actor),
    relationships: z.array(Relationship),
    /** Sources; citation fields (outlet, volume, issue, pages, accessed) since v8. */
    sources: z.array(Source),
    series: z.array(Series),
    /** Named filter sets (v3). */
    views: z.array(SavedView),
    /** Files attached to sources, by SHA-256 (v3; their bytes left the document in v4). */
    attachments: z.array(StoredAttachment),
    /** ACH matrices and their evidence rows (v5; docs/ach.md). */
    matrices: z.array(AchMatrix),
    matrixRows: z.array(AchRow),
    /** Written reports (v7; docs/report-authoring.md). */
    reports: z.array(WrittenReport),
    history: z.array(AuditEntry),
  })
  .strict();
export type CaseDocument = z.infer<typeof CaseDocument>;

export interface CaseCounts {
  events: number;
  actors: number;
  relationships: number;
  sources: number;
  series: number;
}

export function caseCounts(doc: CaseDocument): CaseCounts {
  return {
    events: doc.events.length,
    actors: doc.actors.length,
    relationships: doc.relationships.length,
    sources: doc.sources.length,
    series: doc.series.length,
  };
}

export function emptyCase(id: string, name: string, createdAt: string): CaseDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id,
    name,
    createdAt,
    defaultMarking: 'TLP:AMBER',
    events: [],
    actors: [],
    relationships: [],
    sources: [],
    series: [],
    views: [],
    attachments: [],
    matrices: [],
    matrixRows: [],
    reports: [],
    history: [],
  };
}
