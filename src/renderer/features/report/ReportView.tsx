import { Button, ButtonGroup, FormGroup, H4, HTMLSelect, Intent, TextArea } from '@blueprintjs/core';
import { useEffect, useId, useState } from 'react';
import type { AchMatrix } from '../../../shared/domain/ach';
import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import { defaultMapScope } from '../../../shared/analytics/map-model';
import { builtInTemplate, TEMPLATE_NAMES, type ReportTemplate, type TemplateName } from '../../../shared/report/template';
import { useOpenCase } from '../../app/caseContext';
import { showError, showSuccess } from '../../app/toaster';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { call } from '../../ipc/client';
import { downloadBlob } from '../analytics/export-image';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import { LeftOutList } from './LeftOutList';
import { MatrixPick } from './MatrixPick';
import './report.css';
import { ReportPreview } from './ReportPreview';
import { ReportSizeList } from './ReportSizeList';
import { TemplateForm } from './TemplateForm';
import { WrittenReports } from './writer/WrittenReports';

const FORMATS = [
  { value: 'pdf', label: 'PDF' },
  { value: 'html', label: 'HTML (self-contained)' },
  { value: 'docx', label: 'Word (DOCX)' },
  { value: 'md', label: 'Markdown' },
] as const;
type Format = (typeof FORMATS)[number]['value'];

/** The preview follows typing a moment later, so a keystroke does not rebuild it. */
const TYPING_DELAY_MS = 300;

/**
 * The Report view: the report builder with its live preview, and the case summary for the
 * clipboard. Main builds both from the case (report:preview, report:summary); the view holds the template.
 */
/** The case's ACH matrices, for picking which the report carries (main builds the report itself). */
function useAchMatrices(): ReadonlyArray<Pick<AchMatrix, 'id' | 'title' | 'marking'>> {
  const { version } = useOpenCase();
  const [matrices, setMatrices] = useState<ReadonlyArray<Pick<AchMatrix, 'id' | 'title' | 'marking'>>>([]);
  useEffect(() => {
    let current = true;
    void call('ach:list', {}).then((result) => {
      if (current && result.ok) setMatrices(result.value.matrices);
    });
    return () => {
      current = false;
    };
  }, [version]);
  return matrices;
}

/** The Report view: the case report built from sections, and the written reports (docs/report-authoring.md). */
export function ReportView() {
  const { open } = useOpenCase();
  const [tab, setTab] = useState<'builder' | 'written'>('builder');
  // Two parts, switched by pressed buttons (not nested tabs: the view itself is a tab panel).
  return (
    <div className="cf-report-parts">
      <ButtonGroup className="cf-report-switch" aria-label="Report part">
        <Button variant="minimal" icon="th-list" text="Case report" active={tab === 'builder'} aria-pressed={tab === 'builder'} onClick={() => setTab('builder')} />
        <Button variant="minimal" icon="manually-entered-data" text="Written reports" active={tab === 'written'} aria-pressed={tab === 'written'} onClick={() => setTab('written')} />
      </ButtonGroup>
      {tab === 'builder' ? <ReportBuilder caseName={open.name} hasSources={open.counts.sources > 0} /> : <WrittenReports />}
    </div>
  );
}

interface ReportBuilderProps {
  /** The open case's name (the default title). */
  caseName: string;
  /** Whether the case has any source to cite. */
  hasSources: boolean;
}

function ReportBuilder({ caseName, hasSources }: ReportBuilderProps) {
  const matrices = useAchMatrices();
  const { filter } = useEventFilter();
  const [preset, setPreset] = useState<TemplateName>('default');
  const [template, setTemplate] = useState<ReportTemplate>(() => builtInTemplate('default', caseName));
  // The map starts as the one that fits the case's countries, until the analyst picks one.
  const facets = useCaseCall('timeline:facets', {}, '');
  const countries = facets.state === 'ready' ? facets.value.countries : null;
  const [mapChosen, setMapChosen] = useState(false);
  useEffect(() => {
    if (countries && !mapChosen) setTemplate((t) => ({ ...t, mapScope: defaultMapScope(countries) }));
  }, [countries, mapChosen]);
  const [format, setFormat] = useState<Format>('pdf');
  const [busy, setBusy] = useState(false);
  // The summary last copied, shown for copying by hand only while the marking and filters it was cut at hold.
  const [copied, setCopied] = useState<{ text: string; max: Marking; filter: EventFilter } | null>(null);
  const markdown = copied && copied.max === template.maxMarking && copied.filter === filter ? copied.text : null;
  const fieldId = useId();
  const [settled, setSettled] = useState(template);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(template), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [template]);
  const preview = useCaseCall('report:preview', { template: settled, filter }, JSON.stringify([settled, filter]));

  async function write(): Promise<void> {
    setBusy(true);
    const result = await call('report:export', { template, format, filter });
    setBusy(false);
    if (!result.ok) return showError('Writing the report', result.error);
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    downloadBlob(new Blob([bytes], { type: result.value.mediaType }), result.value.fileName);
    showSuccess(`Wrote ${result.value.fileName}; ${result.value.leftOutTotal} record(s) above ${template.maxMarking} left out.`);
  }

  async function copySummary(): Promise<void> {
    // The same selection and marking cut as the report the summary stands for (made in main).
    const max = template.maxMarking;
    const made = await call('report:summary', { maxMarking: max, filter });
    if (!made.ok) return showError('Making the summary', made.error);
    const text = made.value.text;
    setCopied({ text, max, filter });
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
              setTemplate((t) => ({ ...builtInTemplate(name, caseName, countries ?? []), title: t.title, subtitle: t.subtitle, author: t.author, summary: t.summary, maxMarking: t.maxMarking }));
            }}
            options={[...TEMPLATE_NAMES]}
          />
        </FormGroup>
        <TemplateForm
          template={template}
          onChange={(next) => {
            if (next.mapScope !== template.mapScope) setMapChosen(true);
            setTemplate(next);
          }}
        />
        <MatrixPick matrices={matrices} template={template} onChange={setTemplate} />
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
        {!hasSources && (
          <EmptyState icon="book" title="No sources yet" description="This case has no sources, so the report can cite none. Footnotes and the source list appear once records cite sources." />
        )}
        <LoadState loadable={preview} what="the preview">
          {(doc) => (
            <>
              <LeftOutList leftOut={doc.leftOut} total={doc.leftOutTotal} max={settled.maxMarking} />
              <ReportSizeList size={doc.size} />
              <ReportPreview doc={doc} />
            </>
          )}
        </LoadState>
      </div>
    </div>
  );
}
