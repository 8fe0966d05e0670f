import { Alert, Button, FormGroup, HTMLSelect, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { TLP_LEVELS, type Marking } from '../../../../shared/domain/marking';
import type { CitationStyle, WrittenReport } from '../../../../shared/domain/written-report';
import type { RequestOf } from '../../../../shared/ipc/contract';
import { trackEdit } from '../../../app/pendingEdits';
import { showError, showSuccess } from '../../../app/toaster';
import { call } from '../../../ipc/client';
import { ExportReportDialog } from './ExportReportDialog';

interface ReportMetaFormProps {
  report: WrittenReport;
  frozen: boolean;
  onChanged: () => void;
  onOpenReport: (id: string) => void;
  /** Saves typed text first, so issuing or branching takes what is on screen. */
  flush: () => Promise<boolean>;
}

type Patch = RequestOf<'reports:update'>['patch'];

const STYLES: Array<{ value: CitationStyle; label: string }> = [
  { value: 'chicago-fullnote-bibliography', label: 'Chicago notes and bibliography' },
  { value: 'chicago-author-date', label: 'Chicago author-date' },
];

/** A report's fields (saved when a field is left) and what can be done with it: issue, branch, delete. */
export function ReportMetaForm({ report, frozen, onChanged, onOpenReport, flush }: ReportMetaFormProps) {
  const [title, setTitle] = useState(report.title);
  const [exporting, setExporting] = useState(false);
  const [subtitle, setSubtitle] = useState(report.subtitle ?? '');
  const [authors, setAuthors] = useState(report.authors.join(', '));
  const [date, setDate] = useState(report.date);
  const [confirmIssue, setConfirmIssue] = useState(false);
  useEffect(() => {
    setTitle(report.title);
    setSubtitle(report.subtitle ?? '');
    setAuthors(report.authors.join(', '));
    setDate(report.date);
  }, [report]);

  async function save(patch: Patch): Promise<void> {
    const result = await trackEdit(call('reports:update', { id: report.id, patch }));
    if (!result.ok) showError('Saving the report', result.error);
    onChanged();
  }

  async function act(what: 'reports:issue' | 'reports:branch' | 'reports:delete', done: string): Promise<void> {
    await flush();
    const result = await trackEdit(call(what, { id: report.id }));
    if (!result.ok) return showError(done, result.error);
    showSuccess(result.value.summary);
    onChanged();
    if (what === 'reports:branch') onOpenReport(result.value.id);
  }

  return (
    <div className="cf-writer-meta">
      <div className="cf-writer-fields">
        <FormGroup label="Title" labelFor="cf-writer-title">
          <InputGroup id="cf-writer-title" value={title} disabled={frozen} onChange={(e) => setTitle(e.currentTarget.value)} onBlur={() => title.trim() && title !== report.title && void save({ title })} />
        </FormGroup>
        <FormGroup label="Subtitle" labelFor="cf-writer-subtitle">
          <InputGroup id="cf-writer-subtitle" value={subtitle} disabled={frozen} onChange={(e) => setSubtitle(e.currentTarget.value)} onBlur={() => subtitle !== (report.subtitle ?? '') && void save({ subtitle: subtitle || null })} />
        </FormGroup>
        <FormGroup label="Authors" labelFor="cf-writer-authors" helperText="Separated by commas">
          <InputGroup id="cf-writer-authors" value={authors} disabled={frozen} onChange={(e) => setAuthors(e.currentTarget.value)} onBlur={() => void save({ authors: authors.split(',').map((a) => a.trim()).filter(Boolean) })} />
        </FormGroup>
        <FormGroup label="Date" labelFor="cf-writer-date">
          <InputGroup id="cf-writer-date" type="date" value={date} disabled={frozen} onChange={(e) => setDate(e.currentTarget.value)} onBlur={() => date && date !== report.date && void save({ date })} />
        </FormGroup>
        <FormGroup label="Overall marking" labelFor="cf-writer-marking">
          <HTMLSelect id="cf-writer-marking" value={report.marking} disabled={frozen} onChange={(e) => void save({ marking: e.currentTarget.value as Marking })} options={[...TLP_LEVELS]} />
        </FormGroup>
        <FormGroup label="Note style" labelFor="cf-writer-style">
          <HTMLSelect id="cf-writer-style" value={report.citationStyle} disabled={frozen} onChange={(e) => void save({ citationStyle: e.currentTarget.value as CitationStyle })} options={STYLES} />
        </FormGroup>
      </div>
      <div className="cf-writer-actions">
        {!frozen && <Button icon="endorsed" text="Issue…" onClick={() => setConfirmIssue(true)} />}
        <Button icon="export" text="Export…" onClick={() => setExporting(true)} />
        <Button icon="git-branch" text="New draft from this" onClick={() => void act('reports:branch', 'Making a new draft')} />
        {!frozen && <Button icon="trash" intent={Intent.DANGER} variant="minimal" text="Delete draft" onClick={() => void act('reports:delete', 'Deleting the draft')} />}
      </div>
      <ExportReportDialog report={report} isOpen={exporting} onClose={() => setExporting(false)} flush={flush} />
      <Alert isOpen={confirmIssue} intent={Intent.PRIMARY} icon="endorsed" confirmButtonText="Issue" cancelButtonText="Cancel" onCancel={() => setConfirmIssue(false)} onConfirm={() => { setConfirmIssue(false); void act('reports:issue', 'Issuing the report'); }}>
        <p>Issue “{report.title}”? An issued report is frozen: it can no longer be edited or deleted. “New draft from this” makes an editable copy. Undo takes the issue back.</p>
      </Alert>
    </div>
  );
}
