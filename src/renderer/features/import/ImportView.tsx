import { Button, Callout, FormGroup, H4, HTMLSelect, Intent } from '@blueprintjs/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { CsvMapping } from '../../../shared/formats/csv-mapping/mapping';
import type { FileInspection, ImportFileRef, ImportPreview, ImportProgress } from '../../../shared/ipc/channels/import';
import type { AppError } from '../../../shared/ipc/errors';
import { IMPORT_FORMATS, type ImportFormat } from '../../../shared/import/types';
import type { Marking } from '../../../shared/domain/marking';
import { emptyFilter, isEmptyFilter, type ImportRowFilter } from '../../../shared/import/filters';
import { ImportFilterForm } from './ImportFilterForm';
import { showError, showSuccess } from '../../app/toaster';
import { ErrorCallout } from '../../components/ErrorCallout';
import { call, subscribe } from '../../ipc/client';
import { FileChooser } from './FileChooser';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportProgressBar } from './ImportProgressBar';
import { MappingWizard } from './MappingWizard';
import { uploadFile } from './upload';

const FORMAT_LABELS: Record<ImportFormat, string> = { acled: 'ACLED CSV', gtd: 'GTD CSV', csv: 'Any CSV / XLSX (mapping)', stix: 'STIX 2.1 bundle' };

/** The Import view: pick a file, check the format (and map columns), preview, confirm. */
export function ImportView() {
  const formatId = useId();
  const [file, setFile] = useState<ImportFileRef | null>(null);
  const [inspection, setInspection] = useState<FileInspection | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [saved, setSaved] = useState<CsvMapping[]>([]);
  const [running, setRunning] = useState<'Uploading' | 'Reading' | 'Importing' | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [removeMissing, setRemoveMissing] = useState(false);
  const [filter, setFilter] = useState<ImportRowFilter>(emptyFilter);
  const [marking, setMarking] = useState<Marking | null>(null);
  const [accepted, setAccepted] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ what: string; error: AppError } | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);

  useEffect(() => subscribe('import:progress', setProgress), []);
  useEffect(() => {
    void call('import:mappings', {}).then((r) => r.ok && setSaved(r.value.mappings));
  }, []);

  const fail = (what: string, error: AppError): void => setFailure(error.code === 'CANCELLED' ? null : { what, error });

  async function chosen(ref: ImportFileRef): Promise<void> {
    setFile(ref);
    setPreview(null);
    setFailure(null);
    const inspected = await call('import:inspect', { fileId: ref.fileId });
    if (!inspected.ok) return fail(`Could not read ${ref.name}`, inspected.error);
    setInspection(inspected.value);
    setFormat(inspected.value.format);
    setMapping(inspected.value.guess);
  }

  async function upload(picked: File): Promise<void> {
    const controller = new AbortController();
    uploadAbort.current = controller;
    setRunning('Uploading');
    setProgress({ phase: 'reading', bytes: 0, totalBytes: picked.size, rows: 0 });
    const result = await uploadFile(picked, (bytes) => setProgress({ phase: 'reading', bytes, totalBytes: picked.size, rows: 0 }), controller.signal);
    setRunning(null);
    if (result.ok) await chosen(result.value);
    else fail(`Could not upload ${picked.name}`, result.error);
  }

  /** Previews the file; a recount keeps the marking and matches chosen so far. */
  async function runPreview(recount = false): Promise<void> {
    if (!file) return;
    setRunning('Reading');
    setProgress(null);
    setFailure(null);
    const rowFilter = format === 'stix' || isEmptyFilter(filter) ? {} : { filter };
    const choices = recount ? { choices: { accepted, ...(marking ? { marking } : {}) } } : {};
    const result = await call('import:preview', { fileId: file.fileId, format, ...(format === 'csv' && mapping ? { mapping } : {}), ...rowFilter, ...choices });
    setRunning(null);
    if (result.ok) {
      setPreview(result.value);
      if (!recount) {
        setRemoveMissing(false);
        setMarking(null);
        setAccepted(Object.fromEntries(result.value.proposals.filter((p) => p.accepted).map((p) => [p.key, p.actorId])));
      }
    } else fail(`Could not import ${file.name}`, result.error);
  }

  async function confirm(): Promise<void> {
    if (!preview || !marking) return;
    setRunning('Importing');
    const result = await call('import:commit', { previewId: preview.previewId, removeMissing, marking, accepted });
    setRunning(null);
    if (!result.ok) return fail('The import was not applied; the case is unchanged', result.error);
    showSuccess(`${result.value.summary}. Undo with Ctrl+Z.`);
    setPreview(null);
    setFile(null);
    setInspection(null);
  }

  function cancel(): void {
    uploadAbort.current?.abort();
    void call('import:cancel', {});
  }

  async function saveMapping(name: string): Promise<void> {
    if (!mapping) return;
    const named = { ...mapping, name };
    const result = await call('import:save-mapping', { mapping: named });
    if (!result.ok) return showError('Could not save the mapping', result.error);
    setMapping(named);
    setSaved((list) => [...list.filter((m) => m.name !== name), named]);
    showSuccess(`Saved the mapping “${name}”.`);
  }

  return (
    <div className="cf-import" style={{ padding: 16, overflow: 'auto', height: '100%', display: 'flex', flexDirection: 'column', gap: 12 }}>
      <H4>Import ACLED, GTD, any CSV or XLSX, or a STIX 2.1 bundle</H4>
      <FileChooser onChosen={(f) => void chosen(f)} onUpload={(f) => void upload(f)} onError={fail} disabled={running !== null} />
      {running && <ImportProgressBar label={running} progress={progress} onCancel={cancel} />}
      {failure && <ErrorCallout title={failure.what} error={failure.error} />}
      {file && inspection && !preview && (
        <section aria-label="Format">
          <Callout intent={Intent.NONE} icon="document">
            {file.name} · {(file.size / 1024).toFixed(1)} KB · {inspection.kind === 'xlsx' ? 'XLSX workbook' : `${inspection.encoding}${inspection.delimiter ? `, delimiter ${JSON.stringify(inspection.delimiter)}` : ''}`}
          </Callout>
          <FormGroup label="Format" labelFor={formatId} inline>
            <HTMLSelect id={formatId} value={format} onChange={(e) => setFormat(e.currentTarget.value as ImportFormat)} options={IMPORT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))} />
          </FormGroup>
          {format === 'csv' && mapping && <MappingWizard inspection={inspection} mapping={mapping} onChange={setMapping} saved={saved} onSave={(n) => void saveMapping(n)} />}
          {format !== 'stix' && <ImportFilterForm filter={filter} onChange={setFilter} disabled={running !== null} />}
          <Button intent={Intent.PRIMARY} icon="eye-open" text="Preview import" onClick={() => void runPreview()} disabled={running !== null} />
        </section>
      )}
      {preview && (
        <ImportPreviewPanel
          preview={preview}
          removeMissing={removeMissing}
          onRemoveMissingChange={setRemoveMissing}
          onConfirm={() => void confirm()}
          onDiscard={() => {
            void call('import:cancel', {});
            setPreview(null);
          }}
          busy={running !== null}
          marking={marking}
          onMarkingChange={setMarking}
          accepted={accepted}
          onAcceptedChange={setAccepted}
          onRecount={() => void runPreview(true)}
        />
      )}
    </div>
  );
}
