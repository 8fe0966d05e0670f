import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { defaultMapping, type CsvMapping } from '../../../shared/formats/csv-mapping/mapping';
import { INSPECT_COLUMNS, INSPECT_ROWS, type FileInspection, type ImportFileRef, type ImportPreview, type ImportProgress } from '../../../shared/ipc/channels/import';
import type { CaseDocument } from '../../../shared/domain/case';
import type { ImportPlan } from '../../../shared/import/plan';
import type { ImportFormat } from '../../../shared/import/types';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { StoreError } from '../../store/store-error';
import type { CaseService } from '../case-service';
import { ImportError, withFileName } from './import-error';
import { detectFormat, firstRows, sniffFile, type PipelineOptions } from './pipeline';
import { stampOf, throttled, type FileStamp } from './file-stamp';
import { planImport, prepareImport, previewOf, type PlanChoices, type Prepared } from './prepare';
import { checkFilter, isEmptyFilter, type ImportRowFilter } from '../../../shared/import/filters';
import { sameJson } from '../../../shared/import/text';

interface KnownFile {
  path: string;
  name: string;
  size: number;
  /** Uploaded copies are ours to delete. */
  temporary: boolean;
}

/**
 * A preview awaiting its commit. Only the plan is held, not the mapped rows as well (for a
 * million-row file the two together did not fit in the main process's heap): a commit that
 * cannot reuse the plan reads the file again, if it is unchanged since the preview.
 */
interface Pending {
  previewId: string;
  file: KnownFile;
  options: PipelineOptions;
  /** The file's size and modification time when it was read for the preview. */
  stamp: FileStamp;
  planned: PlannedAt;
  /** The choices the plan was made with: a commit with others plans again. */
  choices: PlanChoices;
}

interface Upload {
  path: string;
  name: string;
  size: number;
  received: number;
  handle: FileHandle;
}

export interface ImportServiceOptions {
  /** Where uploaded files are written while they are imported. */
  uploadDir: string;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports for the app: files by opaque id, a preview held until the user confirms, one import
 * at a time (cancellable), and the commit as one audit entry (one undo step).
 */
export class ImportService {
  private readonly files = new Map<string, KnownFile>();
  private readonly uploads = new Map<string, Upload>();
  private pending: Pending | null = null;
  private running: AbortController | null = null;
  /** The preview a case switch dropped, so its commit can say why it is refused. */
  private droppedBySwitch: string | null = null;

  constructor(
    private readonly cases: CaseService,
    private readonly options: ImportServiceOptions,
  ) {
    // A preview is made for one opened case; another case (or the same one reopened) drops it.
    cases.onSwitch(() => {
      this.running?.abort();
      if (this.pending) this.droppedBySwitch = this.pending.previewId;
      this.pending = null;
    });
  }

  /** Registers a file the user picked or typed; the renderer gets its id, never its path. */
  async register(path: string): Promise<Result<ImportFileRef>> {
    try {
      const info = await stat(path);
      if (!info.isFile()) return err('VALIDATION', `${basename(path)} is not a file.`);
      return ok(this.remember({ path, name: basename(path), size: info.size, temporary: false }));
    } catch {
      return err('NOT_FOUND', `No file at ${path}. Check the path and try again.`);
    }
  }

  async beginUpload(name: string, size: number): Promise<Result<{ uploadId: string }>> {
    await mkdir(this.options.uploadDir, { recursive: true, mode: 0o700 });
    const uploadId = randomUUID();
    const path = join(this.options.uploadDir, `${uploadId}.upload`);
    const handle = await open(path, 'w', 0o600);
    this.uploads.set(uploadId, { path, name: basename(name), size, received: 0, handle });
    return ok({ uploadId });
  }

  async uploadChunk(uploadId: string, offset: number, base64: string): Promise<Result<{ received: number }>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return err('NOT_FOUND', 'That upload is not in progress; start the upload again.');
    if (offset !== upload.received) return err('VALIDATION', `Chunk at byte ${offset} arrived where byte ${upload.received} was expected; start the upload again.`);
    const bytes = Buffer.from(base64, 'base64');
    if (upload.received + bytes.length > upload.size) return err('VALIDATION', 'The upload is larger than announced; start it again.');
    await upload.handle.write(bytes, 0, bytes.length, offset);
    upload.received += bytes.length;
    return ok({ received: upload.received });
  }

  async endUpload(uploadId: string): Promise<Result<ImportFileRef>> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return err('NOT_FOUND', 'That upload is not in progress; start the upload again.');
    this.uploads.delete(uploadId);
    await upload.handle.close();
    if (upload.received !== upload.size) {
      await rm(upload.path, { force: true });
      return err('VALIDATION', `The upload stopped at ${upload.received} of ${upload.size} bytes; try again.`);
    }
    return ok(this.remember({ path: upload.path, name: upload.name, size: upload.size, temporary: true }));
  }

  /** The file's format, encoding, delimiter, header and first rows, and a guessed mapping. */
  async inspect(fileId: string): Promise<Result<FileInspection>> {
    const file = this.files.get(fileId);
    if (!file) return unknownFile();
    try {
      const sniffed = await sniffFile(file.path);
      if (sniffed.kind === 'json') {
        return ok({ format: 'stix', kind: 'json', encoding: sniffed.encoding, delimiter: '', headers: [], rows: [], guess: defaultMapping([]) });
      }
      const rows = await firstRows(file.path, sniffed, INSPECT_ROWS + 1);
      const headers = (rows[0]?.cells ?? []).slice(0, INSPECT_COLUMNS);
      return ok({
        format: detectFormat(sniffed, headers, file.name),
        kind: sniffed.kind,
        encoding: sniffed.encoding,
        delimiter: sniffed.delimiter,
        headers,
        rows: rows.slice(1).map((r) => r.cells.slice(0, INSPECT_COLUMNS)),
        guess: defaultMapping(headers),
      });
    } catch (error) {
      return asResult(withFileName(error, file.name));
    }
  }

  /**
   * Reads, maps and plans the file; holds the result until commit. Rows the filter leaves out
   * are dropped as they are read; `choices` (marking, accepted actor matches) shape the plan.
   */
  async preview(fileId: string, format: ImportFormat | undefined, mapping: CsvMapping | undefined, filter?: ImportRowFilter, choices: PlanChoices = {}): Promise<Result<ImportPreview>> {
    const file = this.files.get(fileId);
    if (!file) return unknownFile();
    const doc = this.cases.document;
    if (!doc) return err('NO_CASE_OPEN', 'No case is open. Open a case, then import into it.');
    const generation = this.cases.generation;
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.pending = null;
    const emit = throttled(this.options.onProgress);
    const options: PipelineOptions = { ...(format ? { format } : {}), ...(mapping ? { mapping } : {}), ...(filter && !isEmptyFilter(filter) ? { filter } : {}) };
    if (options.filter) {
      const checked = checkFilter(options.filter);
      if (!checked.ok) return err('VALIDATION', `The row filter cannot match: ${checked.message}.`);
      if (format === 'stix') return err('VALIDATION', 'Row filters apply to tables (ACLED, GTD, CSV, XLSX); a STIX bundle is imported whole. Clear the filters to import it.');
    }
    try {
      const stamp = await stampOf(file.path);
      const prepared = await prepareImport(file.path, file.name, { ...options, signal: controller.signal, onProgress: (p) => emit({ phase: 'reading', ...p }) }, choices.marking ?? doc.defaultMarking);
      emit({ phase: 'planning', bytes: file.size, totalBytes: file.size, rows: 0 }, true);
      if (this.cases.generation !== generation) return caseSwitched();
      // The rows are dropped as they are planned; a commit that needs them reads the file again.
      const plan = planImport(prepared, doc, false, true, choices);
      const previewId = randomUUID();
      this.pending = { previewId, file, options, stamp, planned: { plan, seq: lastSeq(doc), generation }, choices: madeWith(plan, choices) };
      emit({ phase: 'done', bytes: file.size, totalBytes: file.size, rows: plan.rows.length }, true);
      return ok(previewOf(previewId, prepared, plan, doc.defaultMarking));
    } catch (error) {
      emit({ phase: 'done', bytes: 0, totalBytes: file.size, rows: 0 }, true);
      return this.cases.generation !== generation ? caseSwitched() : asResult(error);
    } finally {
      if (this.running === controller) this.running = null;
    }
  }

  cancel(): void {
    this.running?.abort();
    this.pending = null;
  }

  /**
   * Applies the held preview, re-planned against the case as it is now, as one undoable step.
   * `choices` are what the analyst settled on in the preview (the marking, the actor matches they
   * confirmed); given, they replace the preview's, and a plan made with others is made again.
   */
  async commit(previewId: string, removeMissing: boolean, choices?: PlanChoices): Promise<Result<{ seq: number; summary: string }>> {
    const pending = this.pending;
    if (previewId === this.droppedBySwitch) return caseSwitched();
    if (!pending || pending.previewId !== previewId) return err('CONFLICT', 'That preview is no longer current (another import started or it was cancelled). Preview the file again.');
    this.options.onProgress?.({ phase: 'committing', bytes: 0, totalBytes: 0, rows: 0 });
    const result = await this.commitPending(pending, removeMissing, choices ?? pending.choices);
    this.options.onProgress?.({ phase: 'done', bytes: 0, totalBytes: 0, rows: 0 });
    if (result.ok && this.pending === pending) this.pending = null;
    return result;
  }

  /** Commits the previewed plan, or, when the case has changed since (or missing events go), the file read again. */
  private async commitPending(pending: Pending, removeMissing: boolean, choices: PlanChoices): Promise<Result<{ seq: number; summary: string }>> {
    const doc = this.cases.document;
    const { file } = pending;
    // A plan made with other choices is not the one to commit: it is made again below.
    const planned = sameChoices(choices, pending.choices) ? pending.planned : { ...pending.planned, seq: -1 };
    if (!doc || planned.generation !== this.cases.generation) return commitPrepared(this.cases, null, removeMissing, planned);
    if (!removeMissing && planned.seq === lastSeq(doc)) return commitPrepared(this.cases, null, removeMissing, planned);
    try {
      const stamp = await stampOf(file.path).catch(() => null);
      if (!stamp) return err('NOT_FOUND', `${file.name} is no longer there, and the case has changed since the preview, so the file must be read again; nothing was imported. Pick the file and preview it again.`);
      if (stamp.size !== pending.stamp.size || stamp.mtimeMs !== pending.stamp.mtimeMs) {
        return err('CONFLICT', `${file.name} has changed since it was previewed; nothing was imported. Preview it again to see what it now holds.`);
      }
      const prepared = await prepareImport(file.path, file.name, pending.options, choices.marking ?? doc.defaultMarking);
      return await commitPrepared(this.cases, prepared, removeMissing, planned, choices);
    } catch (error) {
      return asResult(error);
    }
  }

  private remember(file: KnownFile): ImportFileRef {
    // One file at a time: a newly chosen file retires earlier uploads' temporary copies.
    for (const [id, known] of this.files) {
      if (!known.temporary) continue;
      this.files.delete(id);
      void rm(known.path, { force: true });
    }
    const fileId = randomUUID();
    this.files.set(fileId, file);
    return { fileId, name: file.name, size: file.size };
  }
}

/** A plan, the opened case it was made for (CaseService.generation) and that case's history position. */
export interface PlannedAt {
  plan: ImportPlan;
  seq: number;
  generation: number;
}

export function lastSeq(doc: CaseDocument): number {
  return doc.history.at(-1)?.seq ?? 0;
}

/**
 * Commits a prepared import as one audit entry; a failure leaves the case untouched. A preview
 * commits only into the opened case it was made for; the plan it showed is reused when that case
 * has not changed since, otherwise (or to remove missing events) the file is planned again, from
 * `prepared` (null when the caller dropped the rows: the commit is then refused, not emptied).
 */
export async function commitPrepared(cases: CaseService, prepared: Prepared | null, removeMissing: boolean, previewed?: PlannedAt, choices: PlanChoices = {}): Promise<Result<{ seq: number; summary: string }>> {
  return cases.commitBatch('import', () => {
    const doc = cases.document;
    if (!doc) throw new StoreError('NO_CASE_OPEN', 'The case was closed during the import; nothing was changed.');
    // Checked here, in the store's queue, so a switch while the commit waited is caught too.
    if (previewed && previewed.generation !== cases.generation) throw new StoreError('CONFLICT', CASE_SWITCHED);
    const reusable = previewed && !removeMissing && previewed.seq === lastSeq(doc);
    if (!reusable && !prepared) throw new StoreError('CONFLICT', 'The case changed while the import was being committed; nothing was imported. Commit it again.');
    const plan = reusable ? previewed.plan : planImport(prepared as Prepared, doc, removeMissing, false, choices);
    return { summary: plan.summary, changes: plan.changes };
  });
}

/** The choices a plan was made with, as a commit states them: the marking it applied, the proposals accepted. */
function madeWith(plan: ImportPlan, asked: PlanChoices): PlanChoices {
  const accepted = Object.fromEntries(plan.proposals.filter((p) => p.accepted).map((p) => [p.key, p.actorId]));
  return { ...(plan.marking ? { marking: plan.marking } : asked.marking ? { marking: asked.marking } : {}), accepted };
}

/** Whether two sets of choices make the same plan. */
function sameChoices(a: PlanChoices, b: PlanChoices): boolean {
  return a.marking === b.marking && sameJson(a.accepted ?? {}, b.accepted ?? {});
}

const CASE_SWITCHED = 'That preview was made for a case that has since been closed or switched; nothing was imported. Preview the file again in the case now open.';

function caseSwitched<T>(): Result<T> {
  return err('CONFLICT', CASE_SWITCHED);
}

function unknownFile<T>(): Result<T> {
  return err('NOT_FOUND', 'That file is no longer known; pick or upload it again.');
}

export function asResult<T>(error: unknown): Result<T> {
  if (error instanceof ImportError) return err(error.code, error.message);
  return err('INTERNAL', `The import failed unexpectedly: ${(error as Error)?.message ?? String(error)}. Nothing was changed.`);
}
