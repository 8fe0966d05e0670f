import type { z } from 'zod';
import { CaseIndex } from '../../shared/domain/apply';
import { CaseDocument } from '../../shared/domain/case';
import { listsChangedFrom, migrateToCurrent } from '../../shared/domain/migrations';
import type { DocumentAssembler } from './doc-segments';
import { StoreError } from './store-error';

export interface MigratedDocument {
  doc: CaseDocument;
  index: CaseIndex;
  migratedFrom: number[];
  /** The lists the migration changed; the others are the arrays the snapshot held. */
  migratedLists: string[];
}

/**
 * Lifts a document of an older schema to the current one and validates it against the current
 * schema. From a segmented snapshot, the lists the migration did not change are checked record by
 * record and kept as read (the save then rewrites only the changed ones, snapshot-amend.ts).
 */
export function migrateDocument(raw: Record<string, unknown>, assembler: DocumentAssembler | null, path: string): MigratedDocument {
  const from = raw['schemaVersion'];
  // A step that rewrites the history sees its changes whole: link them first, through the records as they were.
  const historyChanges = typeof from === 'number' && listsChangedFrom(from).includes('history');
  if (assembler && historyChanges) {
    const lookup = new Map<string, unknown>();
    for (const [name, list] of Object.entries(raw)) if (Array.isArray(list) && name !== 'history') for (const r of list as Array<{ id?: string }>) lookup.set(`${name}/${r.id}`, r);
    assembler.finish((collection, id) => lookup.get(`${collection}/${id}`));
  }
  let migrated;
  try {
    migrated = migrateToCurrent(raw);
  } catch (error) {
    throw new StoreError('INTERNAL', `${path} could not be migrated to the current format: ${(error as Error).message} Nothing was changed.`);
  }
  if (!migrated.ok) {
    throw new StoreError('UNSUPPORTED_VERSION', `${path} holds a case of schema version ${String(migrated.found)}, which this version cannot read. Update Casefile Workbench.`);
  }
  const changed = new Set(migrated.changed);
  // Lists taken as they are (not changed by the migration): checked below without a copy.
  const kept = assembler ? Object.keys(CaseDocument.shape).filter((name) => Array.isArray(migrated.doc[name]) && !changed.has(name)) : [];
  const probe: Record<string, unknown> = { ...migrated.doc };
  for (const name of kept) probe[name] = [];
  const parsed = CaseDocument.safeParse(probe);
  if (!parsed.success) {
    throw new StoreError('CORRUPT_STORE', `${path} could not be migrated to the current format: ${parsed.error.issues[0]?.message ?? 'invalid'}. Nothing was changed.`);
  }
  const doc = parsed.data as Record<string, unknown>;
  for (const name of kept) {
    // Checked all the same, a record at a time and kept as read (no copy of a million events):
    // a schema may tighten without a step (ACH rows were bounded with no version bump), and
    // what passes here is trusted as current-schema from the next save on (Review #13).
    // The history is checked once its links to the records are resolved (below).
    if (name !== 'history') checkEach(migrated.doc, name, path);
    doc[name] = migrated.doc[name];
  }
  const index = new CaseIndex(doc as CaseDocument);
  // The history's "$cur" links name the records the case holds now: the migrated ones.
  if (assembler && !historyChanges) assembler.finish((collection, id) => index.get(collection as never, id));
  if (kept.includes('history')) checkEach(doc, 'history', path);
  return { doc: doc as CaseDocument, index, migratedFrom: migrated.applied, migratedLists: migrated.changed };
}

function checkEach(doc: Record<string, unknown>, name: string, path: string): void {
  const records = doc[name] as unknown[];
  const schema = (CaseDocument.shape as unknown as Record<string, z.ZodArray<z.ZodType>>)[name]!.element;
  for (let i = 0; i < records.length; i++) {
    const checked = schema.safeParse(records[i]);
    if (!checked.success) throw new StoreError('CORRUPT_STORE', `${path} could not be migrated to the current format: ${name}[${i}]: ${checked.error.issues[0]?.message ?? 'invalid'}. Nothing was changed.`);
  }
}
