import type { CaseIndex } from '../../shared/domain/apply';
import type { WrittenReport } from '../../shared/domain/written-report';
import { err, ok, type Result } from '../../shared/ipc/result';
import { branchReportStep, createReportStep, patched, deleteReportStep, issueReportStep, ReportEditError, updateReportStep, type NewReport, type ReportPatch, type ReportStep } from '../../shared/report/authoring/edits';
import { StoreError } from '../store/store-error';
import type { CaseService } from './case-service';

export interface ReportListItem {
  id: string;
  title: string;
  subtitle?: string | undefined;
  date: string;
  marking: WrittenReport['marking'];
  status: WrittenReport['status'];
  issuedAt?: string | undefined;
  branchedFrom?: string | undefined;
}

/** What a commit answers: `saved` is false when the edit changed nothing (no journal entry). */
export type ReportCommit = Result<{ seq: number; summary: string; saved: boolean; id: string }>;

const NO_CASE = 'No case is open. Open or create a case first.';

/**
 * The open case's written reports (docs/report-authoring.md). Every change is one case edit
 * through `CaseService.commitBatch`: journaled, undoable, in the audit history. The step is
 * built inside the commit queue against the case as it stands then, so a freeze (issue) that
 * lands between the renderer's edit and its commit still refuses the edit.
 */
export class WrittenReportService {
  constructor(
    private readonly cases: CaseService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): ReportListItem[] {
    const doc = this.cases.document;
    if (!doc) throw new StoreError('NO_CASE_OPEN', NO_CASE);
    return doc.reports
      .map((r) => ({ id: r.id, title: r.title, subtitle: r.subtitle, date: r.date, marking: r.marking, status: r.status, issuedAt: r.issuedAt, branchedFrom: r.branchedFrom }))
      .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  }

  get(id: string): WrittenReport {
    const found = this.records().get('reports', id);
    if (!found) throw new StoreError('NOT_FOUND', `No written report with id ${id}; it may have been deleted or undone.`);
    return found;
  }

  /** A report by id, or by its title (exactly, ignoring case) for the CLI. */
  find(idOrTitle: string): WrittenReport | undefined {
    const doc = this.cases.document;
    if (!doc) return undefined;
    const wanted = idOrTitle.trim().toLocaleLowerCase();
    return doc.reports.find((r) => r.id === idOrTitle) ?? doc.reports.find((r) => r.title.trim().toLocaleLowerCase() === wanted);
  }

  create(fields: NewReport): Promise<ReportCommit> {
    let id = '';
    return this.step(() => {
      const step = createReportStep(fields);
      id = step.changes[0]?.id ?? '';
      return step;
    }, () => id);
  }

  update(id: string, patch: ReportPatch): Promise<ReportCommit> {
    // Nothing to change (a flush after the text was already saved): no journal entry.
    const current = this.records().get('reports', id);
    if (current && current.status === 'draft' && patched(current, patch) === null) {
      return Promise.resolve(ok({ seq: this.cases.document?.history.at(-1)?.seq ?? 0, summary: 'Nothing changed', saved: false, id }));
    }
    return this.step((records) => updateReportStep(records.get('reports', id), id, patch) ?? { summary: 'Nothing changed', changes: [] }, () => id);
  }

  issue(id: string): Promise<ReportCommit> {
    return this.step((records) => issueReportStep(records.get('reports', id), id, this.now().toISOString()), () => id);
  }

  branch(id: string): Promise<ReportCommit> {
    let draft = '';
    return this.step((records) => {
      const step = branchReportStep(records.get('reports', id), id, this.now().toISOString().slice(0, 10));
      draft = step.changes[0]?.id ?? '';
      return step;
    }, () => draft);
  }

  delete(id: string): Promise<ReportCommit> {
    return this.step((records) => deleteReportStep(records.get('reports', id), id), () => id);
  }

  private records(): CaseIndex {
    const records = this.cases.records;
    if (!records) throw new StoreError('NO_CASE_OPEN', NO_CASE);
    return records;
  }

  private async step(build: (records: CaseIndex) => ReportStep, idOf: () => string): Promise<ReportCommit> {
    if (!this.cases.document) return err('NO_CASE_OPEN', NO_CASE);
    const result = await this.cases.commitBatch('edit', (records) => {
      try {
        const step = build(records);
        if (step.changes.length === 0) throw new StoreError('CONFLICT', 'The report changed while this edit was on its way; nothing was saved. Try again.');
        return step;
      } catch (error) {
        if (error instanceof ReportEditError) throw new StoreError(error.code, error.message);
        throw error;
      }
    });
    return result.ok ? ok({ ...result.value, saved: true, id: idOf() }) : result;
  }
}
