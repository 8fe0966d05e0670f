import { Button, FormGroup, InputGroup, Intent, Menu, MenuItem, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { WrittenReport } from '../../../../shared/domain/written-report';
import type { ReportListItem } from '../../../../shared/ipc/channels/written-reports';
import { useOpenCase } from '../../../app/caseContext';
import { trackEdit } from '../../../app/pendingEdits';
import { showError } from '../../../app/toaster';
import { MarkingTag } from '../../../components/MarkingTag';
import { call } from '../../../ipc/client';
import { ReportEditor } from './ReportEditor';
import './writer.css';

/** Today as YYYY-MM-DD in the analyst's time zone. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The case's written reports: the list, a new one, and the one open for writing. */
export function WrittenReports() {
  const { version } = useOpenCase();
  const [reports, setReports] = useState<ReportListItem[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [report, setReport] = useState<WrittenReport | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);

  useEffect(() => {
    let current = true;
    void call('reports:list', {}).then((r) => {
      if (current && r.ok) setReports(r.value.reports);
    });
    return () => {
      current = false;
    };
  }, [version, tick]);

  useEffect(() => {
    if (!openId) return setReport(null);
    let current = true;
    void call('reports:get', { id: openId }).then((r) => {
      if (!current) return;
      if (r.ok) setReport(r.value.report);
      else {
        // Deleted or undone out of existence: close it.
        setReport(null);
        setOpenId(null);
      }
    });
    return () => {
      current = false;
    };
  }, [openId, version, tick]);

  async function create(): Promise<void> {
    const title = newTitle.trim();
    if (!title) return;
    const result = await trackEdit(call('reports:create', { title, date: today() }));
    if (!result.ok) return showError('Adding the report', result.error);
    setNewTitle('');
    setOpenId(result.value.id);
    refresh();
  }

  return (
    <div className="cf-writer-layout">
      <nav className="cf-writer-list" aria-label="Written reports">
        <FormGroup label="New report" labelFor="cf-new-report-title">
          <InputGroup
            id="cf-new-report-title"
            placeholder="Title"
            value={newTitle}
            onChange={(e) => setNewTitle(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void create()}
            rightElement={<Button intent={Intent.PRIMARY} icon="add" text="Create" disabled={!newTitle.trim()} onClick={() => void create()} />}
          />
        </FormGroup>
        {reports.length === 0 ? (
          <p className="cf-muted">No written reports yet. Give one a title and create it.</p>
        ) : (
          <Menu aria-label="Reports of this case">
            {reports.map((r) => (
              <MenuItem
                key={r.id}
                active={r.id === openId}
                icon={r.status === 'issued' ? 'lock' : 'document'}
                text={r.title}
                label={r.status === 'issued' ? `issued ${r.date}` : `draft ${r.date}`}
                labelElement={<MarkingTag marking={r.marking} />}
                onClick={() => setOpenId(r.id)}
              />
            ))}
          </Menu>
        )}
      </nav>
      <div className="cf-writer-main">
        {report ? (
          <ReportEditor key={report.id} report={report} onChanged={refresh} onOpenReport={setOpenId} />
        ) : (
          <NonIdealState icon="manually-entered-data" title="Write a report" description="Open a report from the list, or create one. Reports live in the case: every change is saved, journaled and can be undone." />
        )}
      </div>
    </div>
  );
}
