import { Button, Callout, FormGroup, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { Reliability, SourceKind } from '../../../shared/domain/source';
import { showSuccess } from '../../app/toaster';
import { humanize } from '../../components/format';
import { call } from '../../ipc/client';
import { AttachmentField } from './AttachmentField';
import { sourceOf, type SourceDraft } from './sourceDraft';

export interface SourceFormProps {
  /** The source being edited (a new one has a fresh id). */
  initial: SourceDraft;
  /** Whether it exists in the case already. */
  exists: boolean;
  /** Called with the id once saved. */
  onSaved(id: string): void;
}

const RELIABILITY_LABELS: Record<string, string> = { A: 'A completely reliable', B: 'B usually reliable', C: 'C fairly reliable', D: 'D not usually reliable', E: 'E unreliable', F: 'F cannot be judged' };

/** A source's fields, its optional attachment (stored in the case with its SHA-256), saved whole or not at all. */
export function SourceForm({ initial, exists, onSaved }: SourceFormProps) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const set = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const field = (key: keyof SourceDraft, label: string, placeholder?: string) => (
    <FormGroup label={label} helperText={errors[key]} intent={errors[key] ? 'danger' : 'none'}>
      <InputGroup aria-label={label} value={String(draft[key] ?? '')} placeholder={placeholder} onValueChange={(v) => set({ [key]: v } as Partial<SourceDraft>)} intent={errors[key] ? 'danger' : 'none'} />
    </FormGroup>
  );
  const save = async () => {
    const built = sourceOf(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setMessage('Some fields need attention; nothing was saved.');
      return;
    }
    setErrors({});
    const result = await call('records:put', { collection: 'sources', record: built.source });
    if (!result.ok) return setMessage(result.error.message);
    setMessage(null);
    showSuccess(result.value.summary);
    onSaved(built.source.id);
  };
  return (
    <form aria-label="Source" className="cf-source-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {field('title', 'Title')}
      {field('authors', 'Authors', 'Family, Given; an organisation as written; separated by ;')}
      {field('outlet', 'Outlet', 'journal, newspaper, broadcaster or website it appeared in')}
      {field('publisher', 'Publisher', 'who issued it: press, agency, ministry, centre')}
      <div className="cf-editor-row">
        {field('volume', 'Volume')}
        {field('issue', 'Issue')}
        {field('pages', 'Pages')}
      </div>
      {field('date', 'Date', '2024, 2024-03 or 2024-03-22')}
      <div className="cf-editor-row">
        <FormGroup label="Kind">
          <HTMLSelect aria-label="Kind" value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as SourceDraft['kind'] })} options={SourceKind.options.map((k) => ({ value: k, label: humanize(k) }))} />
        </FormGroup>
        <FormGroup label="Reliability">
          <HTMLSelect aria-label="Reliability" value={draft.reliability} onChange={(e) => set({ reliability: e.currentTarget.value as SourceDraft['reliability'] })} options={Reliability.options.map((r) => ({ value: r, label: RELIABILITY_LABELS[r] ?? r }))} />
        </FormGroup>
        <FormGroup label="Marking">
          <HTMLSelect aria-label="Source marking" value={draft.marking} onChange={(e) => set({ marking: e.currentTarget.value as Marking })} options={[...TLP_LEVELS]} />
        </FormGroup>
      </div>
      {field('language', 'Language', 'BCP 47 tag: en, ps, ar')}
      {field('url', 'URL (kept as text, never opened)')}
      {field('accessed', 'Accessed', 'when you last read it online: 2024-03-22')}
      <AttachmentField attachment={draft.attachment} onChange={(attachment) => set({ attachment })} onError={setMessage} onBusy={setUploading} />
      {message && <Callout intent="danger" role="alert">{message}</Callout>}
      <Button type="submit" intent="primary" text={exists ? 'Save source' : 'Add source'} loading={uploading} />
    </form>
  );
}
