import { z } from 'zod';
import { AchMatrix, AchRow } from '../domain/ach';
import { Actor } from '../domain/actor';
import { CollectionNameSchema } from '../domain/collections';
import { Event } from '../domain/event';
import { Id, Timestamp } from '../domain/ids';
import { Marking } from '../domain/marking';
import { Relationship } from '../domain/relationship';
import { Series } from '../domain/series';
import { Source } from '../domain/source';

/** Version of the `.casefile` archive layout (docs/exchange-format.md). */
export const CASEFILE_FORMAT_VERSION = 1;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** manifest.json: who made the file, when, from what, and the SHA-256 of every other part. */
export const Manifest = z
  .object({
    format: z.literal('casefile'),
    formatVersion: z.literal(CASEFILE_FORMAT_VERSION),
    schemaVersion: z.number().int().min(1),
    author: z
      .object({
        name: z.string().max(200),
        /** Ed25519 public key, raw 32 bytes in base64. */
        signingKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
        /** The author's age X25519 recipient, so the receiver can answer. */
        ageRecipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
      })
      .strict(),
    createdAt: Timestamp,
    /** Grows by one with every file this author exports from this case: rollback detection. */
    sequence: z.number().int().min(1),
    case: z.object({ id: Id, name: z.string().max(300) }).strict(),
    scope: z.object({ maxMarking: Marking, selection: z.enum(['whole-case', 'filtered']) }).strict(),
    counts: z.record(z.string(), z.number().int().min(0)),
    parts: z.array(z.object({ path: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,200}$/), size: z.number().int().min(0), sha256: Sha256Hex }).strict()).min(1),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** signature.json: Ed25519 over the exact bytes of manifest.json. */
export const Signature = z
  .object({ algorithm: z.literal('ed25519'), signingKey: z.string(), signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) })
  .strict();
export type Signature = z.infer<typeof Signature>;

const VersionHash = z.string().regex(/^[0-9a-f]{24}$/);

/** case.json: the records, and what the exporter's history knows about their versions. */
export const CasePayload = z
  .object({
    records: z
      .object({
        events: z.array(Event),
        actors: z.array(Actor),
        relationships: z.array(Relationship),
        sources: z.array(Source),
        series: z.array(Series),
        // ACH matrices and rows (schema 5); files written before them carry none.
        matrices: z.array(AchMatrix).default([]),
        matrixRows: z.array(AchRow).default([]),
      })
      .strict(),
    /** Hashes of every version of each exported record the exporter's history holds, oldest first. */
    versions: z.record(z.string(), z.array(VersionHash)),
    /** Records the exporter deleted (and did not re-create), with the hashes of their versions. */
    tombstones: z.array(z.object({ collection: CollectionNameSchema, id: Id, versions: z.array(VersionHash) }).strict()),
  })
  .strict();
export type CasePayload = z.infer<typeof CasePayload>;
/** A payload as written: files from before schema 5 carry no matrices or rows. */
export type IncomingPayload = z.input<typeof CasePayload>;
export type PayloadRecords = CasePayload['records'];

const LooseRecord = z.object({ id: Id }).loose();

/**
 * case.json with records checked only for an id: records the receiver already holds in the very
 * same version are not parsed again (that is most of a big case); everything else goes through
 * `validatePayload` before anything plans with it.
 */
export const LoosePayload = z
  .object({
    records: z
      .object({
        events: z.array(LooseRecord),
        actors: z.array(LooseRecord),
        relationships: z.array(LooseRecord),
        sources: z.array(LooseRecord),
        series: z.array(LooseRecord),
        matrices: z.array(LooseRecord).default([]),
        matrixRows: z.array(LooseRecord).default([]),
      })
      .strict(),
    versions: z.record(z.string(), z.array(VersionHash)),
    tombstones: CasePayload.shape.tombstones,
  })
  .strict();
export type LoosePayload = z.infer<typeof LoosePayload>;

const RECORD_SCHEMAS = { events: Event, actors: Actor, relationships: Relationship, sources: Source, series: Series, matrices: AchMatrix, matrixRows: AchRow } as const;

/**
 * Validates every record of a loosely parsed payload except those `alreadyHeld` says the
 * receiver has in exactly the version the author states (their content is never used).
 */
export function validatePayload(
  loose: LoosePayload,
  alreadyHeld: (collection: keyof PayloadRecords, id: string, statedVersion: string | undefined) => boolean,
): { ok: true; payload: CasePayload } | { ok: false; message: string } {
  for (const collection of Object.keys(RECORD_SCHEMAS) as Array<keyof PayloadRecords>) {
    const schema = RECORD_SCHEMAS[collection];
    for (const record of loose.records[collection]) {
      if (alreadyHeld(collection, record.id, loose.versions[record.id]?.at(-1))) continue;
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, message: `${collection} ${record.id}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}` };
      }
    }
  }
  return { ok: true, payload: loose as unknown as CasePayload };
}
