import { AchEditError, deleteMatrixStep, deleteRowStep, putMatrixStep, putRowStep, resolveCellStep, reviewRowStep, setCellStep, type AchStep } from '../../shared/ach/edits';
import { caseLookup, type AchLookup, type CitableRecords } from '../../shared/ach/lookup';
import { matrixAt, type MatrixView } from '../../shared/ach/product';
import { type AchMatrix, type AchRow, type CitableCollection, type Rating } from '../../shared/domain/ach';
import type { CaseIndex } from '../../shared/domain/apply';
import type { CaseDocument } from '../../shared/domain/case';
import type { Marking } from '../../shared/domain/marking';
import { err, type Result } from '../../shared/ipc/result';
import { StoreError } from '../store/store-error';
import type { CaseService } from './case-service';

export interface MatrixSummary {
  id: string;
  title: string;
  marking: Marking;
  hypotheses: number;
  rows: number;
  /** Rows flagged because something they rest on changed. */
  flagged: number;
  /** The tentative lead's statement, or null. */
  lead: string | null;
}

type Commit = Promise<Result<{ seq: number; summary: string }>>;

const NO_CASE = 'No case is open. Open or create a case first.';

/** The open case's ACH matrices: reading them with what they rest on, and every edit as one journaled step. */
export class AchService {
  constructor(private readonly cases: CaseService) {}

  private doc(): CaseDocument {
    const doc = this.cases.document;
    if (!doc) throw new StoreError('NO_CASE_OPEN', NO_CASE);
    return doc;
  }

  /** Reads through the store's index (O(1) per record); the history only for records since deleted. */
  private lookup(doc: CaseDocument, records: CaseIndex | null = this.cases.records): AchLookup {
    if (!records) throw new StoreError('NO_CASE_OPEN', NO_CASE);
    const get = <C extends CitableCollection>(collection: C, id: string) => records.get(collection, id) as CitableRecords[C] | undefined;
    return caseLookup(get, doc.history);
  }

  list(): MatrixSummary[] {
    const doc = this.doc();
    const lookup = this.lookup(doc);
    return doc.matrices.map((matrix) => {
      const view = matrixAt(matrix, doc.matrixRows, lookup, null) as MatrixView;
      const lead = matrix.hypotheses.find((h) => h.id === view.scores.lead);
      return { id: matrix.id, title: matrix.title, marking: matrix.marking, hypotheses: matrix.hypotheses.length, rows: view.rows.length, flagged: view.rows.filter((r) => r.status.flags.length > 0).length, lead: lead?.statement ?? null };
    });
  }

  /** One matrix as the analyst sees it: every row, with what it rests on now and its flags. */
  view(id: string): MatrixView {
    const doc = this.doc();
    return matrixAt(this.matrix(doc, id), doc.matrixRows, this.lookup(doc), null) as MatrixView;
  }

  /** A matrix by id, or by its question (exactly, ignoring case) for the CLI. */
  find(idOrQuestion: string): AchMatrix | undefined {
    const doc = this.doc();
    const wanted = idOrQuestion.trim().toLocaleLowerCase();
    return doc.matrices.find((m) => m.id === idOrQuestion) ?? doc.matrices.find((m) => m.title.trim().toLocaleLowerCase() === wanted);
  }

  /** One matrix for a product capped at `cap`: null when the matrix is above it. */
  product(id: string, cap: Marking): MatrixView | null {
    const doc = this.doc();
    return matrixAt(this.matrix(doc, id), doc.matrixRows, this.lookup(doc), cap);
  }

  putMatrix(matrix: AchMatrix): Commit {
    return this.step((doc, records) => putMatrixStep(records.get('matrices', matrix.id) ?? null, matrix, doc.matrixRows));
  }

  deleteMatrix(id: string): Commit {
    return this.step((doc) => deleteMatrixStep(this.matrix(doc, id), doc.matrixRows));
  }

  putRow(row: AchRow): Commit {
    return this.step((doc, records) => putRowStep(records.get('matrixRows', row.id) ?? null, row, records.get('matrices', row.matrixId), this.lookup(doc, records)));
  }

  deleteRow(id: string): Commit {
    return this.step((_doc, records) => deleteRowStep(this.row(records, id)));
  }

  setCell(rowId: string, hypothesisId: string, change: { value?: Rating | null; note?: string }): Commit {
    return this.step((doc, records) => {
      const row = this.row(records, rowId);
      return setCellStep(row, this.matrix(doc, row.matrixId), hypothesisId, change, this.cases.user);
    });
  }

  resolveCell(rowId: string, hypothesisId: string, choice: { pick: number } | { keep: true }): Commit {
    return this.step((doc, records) => {
      const row = this.row(records, rowId);
      return resolveCellStep(row, this.matrix(doc, row.matrixId), hypothesisId, choice);
    });
  }

  review(rowId: string): Commit {
    return this.step((doc, records) => reviewRowStep(this.row(records, rowId), this.lookup(doc, records)));
  }

  private matrix(doc: CaseDocument, id: string): AchMatrix {
    const found = this.cases.records?.get('matrices', id) ?? doc.matrices.find((m) => m.id === id);
    if (!found) throw new StoreError('NOT_FOUND', `No ACH matrix with id ${id}; it may have been deleted or undone.`);
    return found;
  }

  private row(records: CaseIndex, id: string): AchRow {
    const found = records.get('matrixRows', id);
    if (!found) throw new StoreError('NOT_FOUND', `No matrix row with id ${id}; it may have been deleted or undone.`);
    return found;
  }

  /** Builds the step against the case as the commit queue sees it; an edit error becomes a StoreError with its message. */
  private async step(build: (doc: CaseDocument, records: CaseIndex) => AchStep): Commit {
    if (!this.cases.document) return err('NO_CASE_OPEN', NO_CASE);
    return this.cases.commitBatch('edit', (records) => {
      try {
        const step = build(this.doc(), records);
        if (step.changes.length === 0) throw new StoreError('VALIDATION', `${step.summary}; nothing was changed.`);
        return step;
      } catch (error) {
        if (error instanceof AchEditError) throw new StoreError(error.code, error.message);
        throw error;
      }
    });
  }
}
