import { z } from 'zod';
import { CollectionNameSchema } from '../domain/collections';
import { Id } from '../domain/ids';
import { EXCHANGED } from './canonical';
import { RECORD_SCHEMAS, VersionHash, type CasePayload, type PayloadRecords } from './manifest';

/**
 * The records part of a format-2 `.casefile`, one JSON object a line: every record with the
 * version hashes the author's history holds for it (oldest first, the last being the one sent),
 * then every tombstone. A line is bounded by one record, so neither writer nor reader ever holds
 * the case as one string.
 */
export const RecordLine = z
  .object({ kind: z.literal('record'), collection: z.enum(EXCHANGED), versions: z.array(VersionHash), record: z.object({ id: Id }).loose() })
  .strict();
export const TombstoneLine = z.object({ kind: z.literal('tombstone'), collection: CollectionNameSchema, id: Id, versions: z.array(VersionHash) }).strict();
export const PayloadLine = z.discriminatedUnion('kind', [RecordLine, TombstoneLine]);
export type PayloadLine = z.infer<typeof PayloadLine>;

/** The payload as lines: records collection by collection, then tombstones. */
export function* payloadLines(payload: CasePayload): Generator<PayloadLine> {
  for (const collection of EXCHANGED) {
    for (const record of payload.records[collection]) {
      yield { kind: 'record', collection, versions: payload.versions[record.id] ?? [], record };
    }
  }
  for (const tombstone of payload.tombstones) yield { kind: 'tombstone', ...tombstone };
}

/** True when the receiver holds this record in exactly the stated version: its content is then never used, so not validated again. */
export type AlreadyHeld = (collection: keyof PayloadRecords, id: string, statedVersion: string | undefined) => boolean;

/**
 * Builds a payload from parsed lines, one at a time: each line's shape is checked, and each record
 * the receiver does not already hold in the stated version is validated against its schema.
 * `add` returns what is wrong with a line (naming the record), or null.
 */
export class PayloadCollector {
  readonly payload: CasePayload = { records: { events: [], actors: [], relationships: [], sources: [], series: [], matrices: [], matrixRows: [] }, versions: {}, tombstones: [] };
  private readonly ids = new Set<string>();
  lines = 0;

  constructor(private readonly alreadyHeld: AlreadyHeld) {}

  add(value: unknown): string | null {
    this.lines++;
    const line = PayloadLine.safeParse(value);
    if (!line.success) {
      const issue = line.error.issues[0];
      return `line ${this.lines}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`;
    }
    if (line.data.kind === 'tombstone') {
      const { collection, id, versions } = line.data;
      this.payload.tombstones.push({ collection, id, versions });
      return null;
    }
    const { collection, record, versions } = line.data;
    if (this.ids.has(record.id)) return `${collection} ${record.id} is listed twice`;
    this.ids.add(record.id);
    if (!this.alreadyHeld(collection, record.id, versions.at(-1))) {
      const parsed = RECORD_SCHEMAS[collection].safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return `${collection} ${record.id}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`;
      }
    }
    (this.payload.records[collection] as unknown[]).push(record);
    this.payload.versions[record.id] = versions;
    return null;
  }

  /** Records per collection, to compare with the signed manifest's counts. */
  counts(): Record<keyof PayloadRecords, number> {
    const r = this.payload.records;
    return { events: r.events.length, actors: r.actors.length, relationships: r.relationships.length, sources: r.sources.length, series: r.series.length, matrices: r.matrices.length, matrixRows: r.matrixRows.length };
  }
}
