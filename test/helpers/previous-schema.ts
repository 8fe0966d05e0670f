import { readFile } from 'node:fs/promises';
import type { KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { encodeSnapshotV2 } from '../../src/main/store/snapshot-v2';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../../src/shared/domain/case';
import { listsChangedFrom } from '../../src/shared/domain/migrations';

/** The schema before the current one: a case written at it migrates on open. */
export const PREVIOUS_SCHEMA = CURRENT_SCHEMA_VERSION - 1;

/**
 * The segmented snapshot the previous schema would have written for `doc` (without the empty
 * lists that schema lacked), sealed with the data key and key header of the case at `path`, so
 * writing these bytes over that file gives a case the store opens and migrates.
 */
export async function previousSchemaSnapshot(path: string, dataKey: Buffer, doc: CaseDocument, segmentBytes?: number): Promise<Buffer> {
  const header = layoutOf(await readFile(path), path).header;
  const key: KeyHeader = { caseId: header.caseId, kdf: header.kdf, wrappedKey: header.wrappedKey };
  const older: Record<string, unknown> = { ...doc, schemaVersion: PREVIOUS_SCHEMA };
  for (const name of listsChangedFrom(PREVIOUS_SCHEMA)) if (Array.isArray(older[name]) && (older[name] as unknown[]).length === 0) delete older[name];
  return bytesOf(encodeSnapshotV2(dataKey, key, { journalSeq: 0, schemaVersion: PREVIOUS_SCHEMA }, older, () => undefined, segmentBytes));
}

/** Every piece of a byte stream, joined. */
export async function bytesOf(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return Buffer.concat(out);
}
