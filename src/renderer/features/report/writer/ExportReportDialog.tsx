import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, HTMLSelect, Intent } from '@blueprintjs/core';
import { useEffect, useRef, useState } from 'react';
import { TLP_LEVELS, type Marking } from '../../../../shared/domain/marking';
import type { WrittenReport } from '../../../../shared/domain/written-report';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { showError, showSuccess } from '../../../app/toaster';
import { call } from '../../../ipc/client';
import { downloadBlob } from '../../analytics/export-image';

type Format = 'pdf' | 'docx' | 'html' | 'md';
const FORMATS: Array<{ value: Format; label: string }> = [
  { value: 'docx', label: 'Word (DOCX)' },
  { value: 'pdf', label: 'PDF' },
  { value: 'html', label: 'Web page (HTML, self-contained)' },
  { value: 'md', label: 'Markdown (figures as files beside it)' },
];

interface ExportReportDialogProps {
  report: WrittenReport;
  isOpen: boolean;
  onClose: () => void;
  /** Saves typed text first, so the export takes what is on screen. */
  flush: () => Promise<boolean>;
}

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * Export of a written report (docs/report-authoring.md): the maximum marking, what a withheld
 * citation's note does, and where notes go; the left-out list is shown before anything is written.
 */
export function ExportReportDialog({ report, isOpen, onClose, flush }: ExportReportDialogProps) {
  const [format, setFormat] = useState<Format>('docx');
  const [maxMarking, setMaxMarking] = useState<Marking>(report.marking);
  const [withheld, setWithheld] = useState<'mark' | 'drop'>('mark');
  const [noteMode, setNoteMode] = useState<'footnotes' | 'endnotes'>('footnotes');
  const [plan, setPlan] = useState<ResponseOf<'reports:export-plan'> | { refused: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The editor hands a new flush each render; the plan is fetched again only when a setting changes.
  const flushRef = useRef(flush);
  flushRef.current = flush;

  useEffect(() => {
    if (!isOpen) return;
    let live = true;
    setPlan(null);
    void flushRef.current().then(() => call('reports:export-plan', { id: report.id, maxMarking, withheld, noteMode })).then((r) => {
      if (live) setPlan(r.ok ? r.value : { refused: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [isOpen, report.id, maxMarking, withheld, noteMode]);

  async function write(): Promise<void> {
    setBusy(true);
    const result = await call('reports:export', { id: report.id, format, maxMarking, withheld, noteMode });
    setBusy(false);
    if (!result.ok) return showError('Exporting the report', result.error);
    downloadBlob(new Blob([bytesOf(result.value.base64)], { type: result.value.mediaType }), result.value.fileName);
    for (const figure of result.value.figures) downloadBlob(new Blob([bytesOf(figure.base64)], { type: figure.mediaType }), figure.fileName);
    showSuccess(`Wrote ${result.value.fileName}${result.value.figures.length ? ` and ${result.value.figures.length} figure file(s)` : ''}; ${result.value.leftOutTotal} item(s) above ${maxMarking} left out.`);
    onClose();
  }

  const refused = plan && 'refused' in plan ? plan.refused : null;
  const ready = plan && !('refused' in plan) ? plan : null;
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={`Export “${report.title}”`} icon="export">
      <DialogBody>
        <FormGroup label="Format" labelFor="cf-export-format">
          <HTMLSelect id="cf-export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as Format)} options={FORMATS} />
        </FormGroup>
        <FormGroup label="Maximum marking" labelFor="cf-export-max" helperText="Blocks marked above it are left out; citations of records above it are withheld.">
          <HTMLSelect id="cf-export-max" value={maxMarking} onChange={(e) => setMaxMarking(e.currentTarget.value as Marking)} options={[...TLP_LEVELS]} />
        </FormGroup>
        <FormGroup label="A withheld citation" labelFor="cf-export-withheld">
          <HTMLSelect id="cf-export-withheld" value={withheld} onChange={(e) => setWithheld(e.currentTarget.value as 'mark' | 'drop')} options={[{ value: 'mark', label: 'keeps its note, reading “[withheld]”' }, { value: 'drop', label: 'loses its note marker' }]} />
        </FormGroup>
        <FormGroup label="Notes" labelFor="cf-export-notes" helperText="Word places footnotes on each page; PDF, HTML and Markdown list notes after the text.">
          <HTMLSelect id="cf-export-notes" value={noteMode} onChange={(e) => setNoteMode(e.currentTarget.value as 'footnotes' | 'endnotes')} options={[{ value: 'footnotes', label: 'Footnotes' }, { value: 'endnotes', label: 'Endnotes' }]} />
        </FormGroup>
        {refused && <Callout intent={Intent.DANGER} title="Cannot export at this marking">{refused}</Callout>}
        {ready && (
          <Callout intent={ready.leftOutTotal ? Intent.WARNING : Intent.SUCCESS} title={ready.leftOutTotal ? `Left out at ${maxMarking}: ${ready.leftOutTotal}` : `Nothing is left out at ${maxMarking}`} aria-label="Left out of the export">
            <p>
              {ready.notes} note(s); the file will be marked {ready.marking}.
            </p>
            {ready.leftOut.length > 0 && (
              <ul className="cf-export-left-out">
                {ready.leftOut.map((l, i) => (
                  <li key={`${l.id}-${i}`}>
                    {l.title}: {l.reason}
                  </li>
                ))}
              </ul>
            )}
          </Callout>
        )}
      </DialogBody>
      <DialogFooter actions={<>
        <Button text="Cancel" onClick={onClose} />
        <Button intent={Intent.PRIMARY} icon="export" text="Write" loading={busy} disabled={!ready} onClick={() => void write()} />
      </>} />
    </Dialog>
  );
}
