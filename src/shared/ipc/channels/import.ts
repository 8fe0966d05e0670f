import { z } from 'zod';
import { Marking } from '../../domain/marking';
import { CsvMapping } from '../../formats/csv-mapping/mapping';
import { ImportRowFilter } from '../../import/filters';
import { IMPORT_FORMATS } from '../../import/types';
import { PAGE_LIMIT } from '../bounds';
import { Empty } from './common';

/** Most rows, issues, missing events and notes an import preview lists (its counts cover them all). */
export const PREVIEW_LIST_LIMIT = 500;
/** Most columns and sample rows the mapping wizard is shown. */
export const INSPECT_COLUMNS = 1_000;
export const INSPECT_ROWS = 10;

/** A file the user picked or uploaded, by an opaque id: the renderer never handles paths it did not type or pick. */
export const ImportFileRef = z.object({ fileId: z.string(), name: z.string(), size: z.number().int() });
export type ImportFileRef = z.infer<typeof ImportFileRef>;

export const ImportFormatSchema = z.enum(IMPORT_FORMATS);

export const FileInspection = z.object({
  format: ImportFormatSchema,
  kind: z.enum(['text', 'xlsx', 'json']),
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()).max(INSPECT_COLUMNS),
  /** The first rows after the header, for the mapping wizard's preview. */
  rows: z.array(z.array(z.string()).max(INSPECT_COLUMNS)).max(INSPECT_ROWS),
  guess: CsvMapping,
});
export type FileInspection = z.infer<typeof FileInspection>;

const RowIssueSchema = z.object({ line: z.number().int(), column: z.number().int().nullable(), field: z.string().nullable(), message: z.string() });
const PlannedRowSchema = z.object({
  line: z.number().int(),
  status: z.enum(['add', 'update', 'unchanged', 'duplicate']),
  eventId: z.string(),
  title: z.string(),
  date: z.string(),
  duplicateOf: z.string().optional(),
});

const ActorProposalSchema = z.object({
  name: z.string(),
  key: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  matchedName: z.string(),
  score: z.number(),
  reason: z.string(),
  rows: z.number().int(),
  accepted: z.boolean(),
});

/** What the analyst chose in the preview: the marking, and which proposed actor matches hold (file name key → actor id). */
export const ImportChoices = z
  .object({
    marking: Marking.optional(),
    accepted: z.record(z.string().max(300), z.string().max(200)).optional(),
  })
  .strict();
export type ImportChoices = z.infer<typeof ImportChoices>;

export const ImportPreview = z.object({
  previewId: z.string(),
  fileName: z.string(),
  format: ImportFormatSchema,
  encoding: z.string(),
  rowsRead: z.number().int(),
  counts: z.object({
    add: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    duplicate: z.number().int(),
    invalid: z.number().int(),
    actorsMatched: z.number().int(),
    actorsNew: z.number().int(),
    sourcesNew: z.number().int(),
    missing: z.number().int(),
    recategorised: z.number().int(),
    responsibilityChanged: z.number().int(),
    /** Rows the row filter left out (never read into the case). */
    filteredOut: z.number().int(),
  }),
  /** The row filter in words; '' when every row was kept. */
  filter: z.string(),
  /** Case actors the file's names may stand for: confirm or reject each. */
  proposals: z.array(ActorProposalSchema).max(PREVIEW_LIST_LIMIT),
  /** The marking new records get (null: a STIX bundle's own), and the one the source's nature suggests. */
  marking: z.object({ applied: Marking.nullable(), marking: Marking, reason: z.string() }),
  /** Rows that add, update or repeat (up to 500), then unchanged ones. */
  rows: z.array(PlannedRowSchema).max(PREVIEW_LIST_LIMIT),
  issues: z.array(RowIssueSchema).max(PREVIEW_LIST_LIMIT),
  missing: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })).max(PREVIEW_LIST_LIMIT),
  /** What the analyst should know, as sentences: corrections an update makes, rows read by a guess; STIX: objects kept aside, problems and dangling references. */
  notes: z.array(z.string()).max(PREVIEW_LIST_LIMIT),
  summary: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportProgress = z.object({
  phase: z.enum(['reading', 'planning', 'committing', 'done']),
  bytes: z.number(),
  totalBytes: z.number(),
  rows: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

const FileId = z.string().min(1).max(100);

export const importChannels = {
  'import:pick-file': { request: Empty, response: z.object({ file: ImportFileRef.nullable() }) },
  'import:open-path': { request: z.object({ path: z.string().min(1).max(4_096) }).strict(), response: z.object({ file: ImportFileRef }) },
  'import:upload-begin': {
    request: z.object({ name: z.string().min(1).max(300), size: z.number().int().min(0).max(8 * 1024 ** 3) }).strict(),
    response: z.object({ uploadId: z.string() }),
  },
  'import:upload-chunk': {
    request: z.object({ uploadId: FileId, offset: z.number().int().min(0), base64: z.string().max(6 * 1024 * 1024) }).strict(),
    response: z.object({ received: z.number().int() }),
  },
  'import:upload-end': { request: z.object({ uploadId: FileId }).strict(), response: z.object({ file: ImportFileRef }) },
  'import:inspect': { request: z.object({ fileId: FileId }).strict(), response: FileInspection },
  'import:preview': {
    request: z.object({ fileId: FileId, format: ImportFormatSchema.optional(), mapping: CsvMapping.optional(), filter: ImportRowFilter.optional(), choices: ImportChoices.optional() }).strict(),
    response: ImportPreview,
  },
  'import:cancel': { request: Empty, response: Empty },
  'import:commit': {
    // The marking is chosen explicitly for every commit: never applied without the analyst seeing it.
    request: z.object({ previewId: FileId, removeMissing: z.boolean(), marking: Marking, accepted: z.record(z.string().max(300), z.string().max(200)) }).strict(),
    response: z.object({ seq: z.number().int(), summary: z.string() }),
  },
  'import:mappings': { request: Empty, response: z.object({ mappings: z.array(CsvMapping).max(PAGE_LIMIT) }) },
  'import:save-mapping': { request: z.object({ mapping: CsvMapping }).strict(), response: Empty },
} as const;
