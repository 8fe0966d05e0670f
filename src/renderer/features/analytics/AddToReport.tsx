import { Button, Menu, MenuItem, Popover } from '@blueprintjs/core';
import { useState } from 'react';
import type { BodyNode } from '../../../shared/domain/written-report';
import type { ReportListItem } from '../../../shared/ipc/channels/written-reports';
import type { FigureSpec } from '../../../shared/report/authoring/figure-spec';
import { trackEdit } from '../../app/pendingEdits';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';

interface AddToReportProps {
  /** The chart as drawn now: its id, settings and the filters in force. */
  spec: () => FigureSpec;
  title: string;
}

/** "Add to report…": appends this chart, as a live figure, to the end of a draft written report. */
export function AddToReport({ spec, title }: AddToReportProps) {
  const [drafts, setDrafts] = useState<ReportListItem[] | null>(null);
  async function add(report: ReportListItem): Promise<void> {
    const got = await call('reports:get', { id: report.id });
    if (!got.ok) return showError('Adding the figure', got.error);
    const figure: BodyNode = { type: 'figure', attrs: { id: `figure--${crypto.randomUUID()}`, spec: JSON.stringify(spec()), caption: title, sourceLine: '', marking: null } };
    const body = got.value.report.body;
    const result = await trackEdit(call('reports:update', { id: report.id, patch: { body: { ...body, content: [...(body.content ?? []), figure] } } }));
    if (!result.ok) return showError('Adding the figure', result.error);
    showSuccess(`Added the figure to the end of “${report.title}”.`);
  }
  return (
    <Popover
      placement="bottom-end"
      onOpening={() => void call('reports:list', {}).then((r) => setDrafts(r.ok ? r.value.reports.filter((x) => x.status === 'draft') : []))}
      content={
        <Menu aria-label="Add to which report">
          {drafts === null && <MenuItem disabled text="Loading…" />}
          {drafts?.length === 0 && <MenuItem disabled text="No draft reports: write one under Report › Written reports" />}
          {drafts?.map((r) => <MenuItem key={r.id} icon="document" text={r.title} onClick={() => void add(r)} />)}
        </Menu>
      }
    >
      <Button variant="minimal" small icon="add-to-artifact" text="Add to report…" aria-label={`Add to report… (${title})`} />
    </Popover>
  );
}
