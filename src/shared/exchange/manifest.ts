import { z } from 'zod';
import { AchMatrix, SentAchRow } from '../domain/ach';
import { Actor } from '../domain/actor';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachment';
import { CollectionNameSchema } from '../domain/collections';
import { Event } from '../domain/event';
import { Id, Timestamp } from '../domain/ids';
import { Marking } from '../domain/marking';
import { Relationship } from '../domain/relationship';
import { Series } from '../domain/series';
import { Source } from '../domain/source';

/** Version of the `.casefile` layout this version writes (docs/exchange-format.md): a tar stream inside age. */
export const CASEFILE_FORMAT_VERSION = 2;
/** The zip layout of earlier versions, built whole in memory; still read. */
export const CASEFILE_ZIP_FORMAT_VERSION = 1;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Size = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The records part of format 2: gzip of newline-delimited JSON, one record or tombstone a line. */
export const RECORDS_PART = 'records.ndjson.gz';
/** The most parts (the records and one per file) a format-2 manifest may list. */
export const MAX_PARTS = 100_000;

const manifestFields = {
  format: z.literal('casefile'),
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
};

/** manifest.json of format 1 (zip): who made the file, when, from what, and the SHA-256 of every other part. */
export const ManifestV1 = z
  .object({
    ...manifestFields,
    formatVersion: z.literal(CASEFILE_ZIP_FORMAT_VERSION),
    parts: z.array(z.object({ path: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,200}$/), size: Size, sha256: Sha256Hex }).strict()).min(1),
  })
  .strict();
export type ManifestV1 = z.infer<typeof ManifestV1>;

/** The records: `size` and `sha256` of the gzip bytes as stored, `unpackedSize` of the NDJSON, `lines` in it. */
export const RecordsPart = z.object({ kind: z.literal('records'), path: z.literal(RECORDS_PART), size: Size, sha256: Sha256Hex, unpackedSize: Size, lines: Size }).strict();
export type RecordsPart = z.infer<typeof RecordsPart>;
/** One attached file: its bytes as they are, so the part's SHA-256 is the file's own. */
export const AttachmentPart = z
  .object({ kind: z.literal('attachment'), path: z.string().regex(/^attachments\/[0-9a-f]{64}$/), size: Size.max(MAX_ATTACHMENT_BYTES), sha256: Sha256Hex })
  .strict()
  .refine((part) => part.path === `attachments/${part.sha256}`, { message: 'an attachment part is named by its SHA-256' });
export type AttachmentPart = z.infer<typeof AttachmentPart>;
export type ManifestPart = RecordsPart | AttachmentPart;

/**
 * manifest.json of format 2 (tar, streamed): the parts in the order they follow it, the records
 * first, each with its size and SHA-256, so a reader can refuse any entry before reading it.
 */
export const ManifestV2 = z
  .object({
    ...manifestFields,
    formatVersion: z.literal(CASEFILE_FORMAT_VERSION),
    parts: z.array(z.union([RecordsPart, AttachmentPart])).min(1).max(MAX_PARTS),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    if (manifest.parts[0]?.kind !== 'records') ctx.addIssue({ code: 'custom', message: `the first part must be ${RECORDS_PART}`, path: ['parts', 0] });
    const seen = new Set<string>();
    manifest.parts.forEach((part, i) => {
      if (seen.has(part.path)) ctx.addIssue({ code: 'custom', message: `${part.path} is listed twice`, path: ['parts', i] });
      seen.add(part.path);
    });
  });
export type ManifestV2 = z.infer<typeof ManifestV2>;

export const Manifest = z.union([ManifestV1, ManifestV2]);
export type Manifest = ManifestV1 | ManifestV2;

/** signature.json: Ed25519 over the exact bytes of manifest.json. */
export const Signature = z
  .object({ algorithm: z.literal('ed25519'), signingKey: z.string(), signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) })
  .strict();
export type Signature = z.infer<typeof Signature>;

/** A record version hash: the first 96 bits of SHA-256 over its canonical JSON. */
export const VersionHash = z.string().regex(/^[0-9a-f]{24}$/);

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
        // ACH matrices and rows (schema 5); files written before them carry none. A row may still
        // carry leftover cells of removed hypotheses; the merge drops them (receivedRows).
        matrices: z.array(AchMatrix).default([]),
        matrixRows: z.array(SentAchRow).default([]),
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

export const RECORD_SCHEMAS = { events: Event, actors: Actor, relationships: Relationship, sources: Source, series: Series, matrices: AchMatrix, matrixRows: SentAchRow } as const;

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
