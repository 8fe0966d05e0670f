import { z } from 'zod';
import { AchMatrix, AchRow } from './ach';
import { Actor } from './actor';
import { StoredAttachment } from './attachment';
import { CollectionNameSchema } from './collections';
import { Event } from './event';
import { SavedView } from './filters';
import { Id, Timestamp } from './ids';
import { Relationship } from './relationship';
import { Series } from './series';
import { Source } from './source';
import { WrittenReport } from './written-report';

const AnyRecordSchema = z.union([Event, Actor, Relationship, Source, Series, SavedView, StoredAttachment, AchMatrix, AchRow, WrittenReport]);

/** One record written or removed; `before` makes every change reversible. */
export const Change = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('put'),
      collection: CollectionNameSchema,
      id: Id,
      before: AnyRecordSchema.nullable(),
      after: AnyRecordSchema,
    })
    .strict(),
  z
    .object({
      op: z.literal('delete'),
      collection: CollectionNameSchema,
      id: Id,
      before: AnyRecordSchema,
    })
    .strict(),
]);
export type Change = z.infer<typeof Change>;

/**
 * One entry of the case's audit history: who did what, when. Undo, redo, merge review and
 * "what changed since" all read from here. `undoes` points at the entry an undo reversed.
 */
export const AuditEntry = z
  .object({
    seq: z.number().int().min(1),
    at: Timestamp,
    by: z.string().min(1).max(200),
    summary: z.string().max(1_000),
    kind: z.enum(['edit', 'undo', 'redo', 'import', 'merge', 'create']),
    undoes: z.number().int().optional(),
    changes: z.array(Change),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntry>;
