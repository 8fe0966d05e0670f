import { Button, FormGroup, H4, HTMLSelect, Intent, TextArea } from '@blueprintjs/core';
import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { AchMatrix, AchRow } from '../../../shared/domain/ach';
import type { Actor } from '../../../shared/domain/actor';
import type { Event } from '../../../shared/domain/event';
import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import type { Relationship } from '../../../shared/domain/relationship';
import type { Series } from '../../../shared/domain/series';
import type { Source } from '../../../shared/domain/source';
import { buildReport } from '../../../shared/report/build';
import { selectReport } from '../../../shared/report/select';
import { builtInTemplate, TEMPLATE_NAMES, type ReportTemplate, type TemplateName } from '../../../shared/report/template';
import { useOpenCase } from '../../app/caseContext';
import { showError, showSuccess } from '../../app/toaster';
import { all, useRecords, type Loadable } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { call } from '../../ipc/client';
import { downloadBlob } from '../analytics/export-image';
import { useEventFilter } from '../filters/useEventFilter';
import { LeftOutList } from './LeftOutList';
import { MatrixPick } from './MatrixPick';
import './report.css';
import { ReportPreview } from './ReportPreview';
import { ReportSizeList } from './ReportSizeList';
import { buildMarkdownSummary } from './summary';
import { TemplateForm } from './TemplateForm';

const FORMATS = [
  { value: 'pdf', label: 'PDF' },
  { value: 'html', label: 'HTML (self-contained)' },
  { value: 'docx', label: 'Word (DOCX)' },
  { value: 'md', label: 'Markdown' },
] as const;
type Format = (typeof FORMATS)[number]['value'];

/** The case's ACH matrices and rows, for the preview's "Competing hypotheses" section. */
function useAchRecords(): Loadable<{ matrices: AchMatrix[]; rows: AchRow[] }> {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<{ matrices: AchMatrix[]; rows: AchRow[] }>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    void call('ach:records', {}).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', value: result.value } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [version]);
  return loaded;
}

/** The Report view: the report builder with its live preview, and the case summary for the clipboard. */
export function ReportView() {
  const { open } = useOpenCase();
  const loaded = all(useRecords('records:events'), useRecords('records:actors'), useRecords('records:relationships'), useRecords('records:sources'), useRecords('records:series'), useAchRecords());
  return (
    <LoadState loadable={loaded} what="the report data">
      {([events, actors, relationships, sources, series, ach]) => <ReportBuilder caseName={open.name} records={{ events, actors, relationships, sources, series, matrices: ach.matrices, matrixRows: ach.rows }} />}
    </LoadState>
  );
}

interface ReportBuilderProps {
  /** The open case's name (the default title). */
  caseName: string;
  /** The records a report (and its clipboard summary) is built from. */
  records: { events: readonly Event[]; actors: readonly Actor[]; relationships: readonly Relationship[]; sources: readonly Source[]; series: readonly Series[]; matrices: readonly AchMatrix[]; matrixRows: readonly AchRow[] };
}

function ReportBuilder({ caseName, records }: ReportBuilderProps) {
  const { filter } = useEventFilter();
  const [preset, setPreset] = useState<TemplateName>('default');
  const [template, setTemplate] = useState<ReportTemplate>(() => builtInTemplate('default', caseName));
  const [format, setFormat] = useState<Format>('pdf');
  const [busy, setBusy] = useState(false);
  // The summary last copied, shown for copying by hand only while the marking and filters it was cut at hold.
  const [copied, setCopied] = useState<{ text: string; max: Marking; filter: EventFilter } | null>(null);
  const markdown = copied && copied.max === template.maxMarking && copied.filter === filter ? copied.text : null;
  const fieldId = useId();
  // The preview follows typing without blocking it.
  const deferred = useDeferredValue(template);
  const doc = useMemo(() => buildReport({ caseName, ...records, filter }, deferred, new Date()), [caseName, records, filter, deferred]);

  async function write(): Promise<void> {
    setBusy(true);
    const result = await call('report:export', { template, format, filter });
    setBusy(false);
    if (!result.ok) return showError('Writing the report', result.error);
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    downloadBlob(new Blob([bytes], { type: result.value.mediaType }), result.value.fileName);
    showSuccess(`Wrote ${result.value.fileName}; ${result.value.leftOut.length} record(s) above ${template.maxMarking} left out.`);
  }

  async function copySummary(): Promise<void> {
    // The same selection and marking cut as the report the summary stands for.
    const selection = selectReport({ caseName, ...records, filter }, template.maxMarking);
    const filtered = Object.keys(filter).length > 0;
    const text = buildMarkdownSummary({ caseName, selection, maxMarking: template.maxMarking, filtered }, new Date());
    setCopied({ text, max: template.maxMarking, filter });
    try {
      await navigator.clipboard.writeText(text);
      showSuccess('The case summary is on the clipboard as Markdown.');
    } catch (error) {
      showError('Copying to the clipboard', { code: 'UNAVAILABLE', message: `${(error as Error).message}. The summary is shown below; select it and copy it by hand.` });
    }
  }

  return (
    <div className="cf-report-builder">
      <aside className="cf-report-side" aria-label="Report settings">
        <FormGroup label="Template" labelFor="cf-report-preset">
          <HTMLSelect
            id="cf-report-preset"
            value={preset}
            onChange={(e) => {
              const name = e.currentTarget.value as TemplateName;
              setPreset(name);
              setTemplate((t) => ({ ...builtInTemplate(name, caseName), title: t.title, subtitle: t.subtitle, author: t.author, summary: t.summary, maxMarking: t.maxMarking }));
            }}
            options={[...TEMPLATE_NAMES]}
          />
        </FormGroup>
        <TemplateForm template={template} onChange={setTemplate} />
        <MatrixPick matrices={records.matrices} template={template} onChange={setTemplate} />
      </aside>
      <div className="cf-report-main">
        <div className="cf-toolbar">
          <H4 className="cf-toolbar-title">Preview</H4>
          <span className="cf-spacer" />
          <HTMLSelect aria-label="Format" value={format} onChange={(e) => setFormat(e.currentTarget.value as Format)} options={[...FORMATS]} />
          <Button intent={Intent.PRIMARY} icon="export" text="Write report" loading={busy} onClick={() => void write()} />
          <Button icon="clipboard" text="Copy summary as Markdown" onClick={() => void copySummary()} />
        </div>
        {markdown !== null && (
          <FormGroup label="Markdown summary" labelFor={fieldId}>
            <TextArea id={fieldId} value={markdown} readOnly fill rows={10} className="cf-markdown" spellCheck={false} />
          </FormGroup>
        )}
        {records.sources.length === 0 && (
          <EmptyState icon="book" title="No sources yet" description="This case has no sources, so the report can cite none. Footnotes and the source list appear once records cite sources." />
        )}
        <LeftOutList leftOut={doc.leftOut} max={template.maxMarking} />
        <ReportSizeList size={doc.size} />
        <ReportPreview doc={doc} />
      </div>
    </div>
  );
}
