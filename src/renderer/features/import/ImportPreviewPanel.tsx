import { Button, Callout, Checkbox, H5, HTMLTable, Intent, Tag } from '@blueprintjs/core';
import type { Marking } from '../../../shared/domain/marking';
import type { ImportPreview } from '../../../shared/ipc/channels/import';
import { ActorMatchList } from './ActorMatchList';
import { MarkingChoice } from './MarkingChoice';

export interface ImportPreviewPanelProps {
  /** What the import will do. */
  preview: ImportPreview;
  /** Whether the events the dataset no longer lists will be removed. */
  removeMissing: boolean;
  onRemoveMissingChange: (remove: boolean) => void;
  /** Applies the import as one undoable step. */
  onConfirm: () => void;
  /** Drops the preview; nothing is changed. */
  onDiscard: () => void;
  /** Disables the buttons while committing. */
  busy: boolean;
  /** The marking chosen for the new records; null until chosen (the import waits for it). */
  marking: Marking | null;
  onMarkingChange: (marking: Marking) => void;
  /** Confirmed actor matches (file name key → case actor id). */
  accepted: Readonly<Record<string, string>>;
  onAcceptedChange: (accepted: Record<string, string>) => void;
  /** Plans again with the choices made, so the counts show them. */
  onRecount: () => void;
}

const STATUS_INTENT = { add: Intent.SUCCESS, update: Intent.PRIMARY, unchanged: Intent.NONE, duplicate: Intent.WARNING } as const;
const STATUS_LABEL = { add: 'add', update: 'update', unchanged: 'skip: unchanged', duplicate: 'skip: duplicate' } as const;

/** The preview of an import: counts, each row's fate, invalid rows, and what the dataset dropped. */
export function ImportPreviewPanel({ preview, removeMissing, onRemoveMissingChange, onConfirm, onDiscard, busy, marking, onMarkingChange, accepted, onAcceptedChange, onRecount }: ImportPreviewPanelProps) {
  const c = preview.counts;
  const previewed = Object.fromEntries(preview.proposals.filter((p) => p.accepted).map((p) => [p.key, p.actorId]));
  const stale = JSON.stringify(Object.entries(previewed).sort()) !== JSON.stringify(Object.entries(accepted).sort()) || (preview.marking.applied !== null && marking !== null && marking !== preview.marking.applied);
  const skipped = c.unchanged + c.duplicate + c.invalid;
  const changes = c.add + c.update + (removeMissing ? c.missing : 0);
  return (
    <section className="cf-import-preview" aria-label="Import preview" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <H5>
        {preview.fileName} · {preview.format.toUpperCase()} · {preview.rowsRead.toLocaleString()} rows
      </H5>
      {preview.filter && (
        <p data-testid="import-filter-summary">
          Rows kept: {preview.filter}. {c.filteredOut.toLocaleString()} {c.filteredOut === 1 ? 'row was' : 'rows were'} left out by the filters and will not be imported.
        </p>
      )}
      <div className="cf-import-counts" data-testid="import-counts">
        <Tag intent={Intent.SUCCESS} large>{c.add} to add</Tag> <Tag intent={Intent.PRIMARY} large>{c.update} to update</Tag>{' '}
        <Tag large>{skipped} to skip</Tag> <Tag minimal>{c.duplicate} duplicates</Tag> <Tag minimal>{c.invalid} invalid</Tag>{' '}
        {c.filteredOut > 0 && <><Tag minimal data-testid="import-filtered-out">{c.filteredOut} filtered out</Tag>{' '}</>}
        <Tag minimal>{c.actorsNew} new actors, {c.actorsMatched} matched</Tag> <Tag minimal>{c.sourcesNew} new sources</Tag>
        {c.recategorised > 0 && <> <Tag intent={Intent.WARNING} minimal data-testid="import-recategorised">{c.recategorised} change category</Tag></>}
        {c.responsibilityChanged > 0 && <> <Tag intent={Intent.WARNING} minimal data-testid="import-responsibility-changed">{c.responsibilityChanged} change responsibility</Tag></>}
      </div>
      {c.missing > 0 && (
        <Callout intent={Intent.WARNING} title={`${c.missing} events of this dataset are no longer in the file`}>
          <ul className="cf-import-list">
            {preview.missing.slice(0, 20).map((m) => <li key={m.id}>{m.date} — {m.title}</li>)}
          </ul>
          <Checkbox checked={removeMissing} onChange={(e) => onRemoveMissingChange(e.currentTarget.checked)} label="Remove them from the case" />
        </Callout>
      )}
      {preview.issues.length > 0 && (
        <Callout intent={Intent.DANGER} title={`${c.invalid} rows cannot be imported and will be skipped`}>
          <ul className="cf-import-list">
            {preview.issues.slice(0, 50).map((i, n) => (
              <li key={n}>line {i.line}{i.column ? `, column ${i.column}` : ''}{i.field ? ` (${i.field})` : ''}: {i.message}</li>
            ))}
          </ul>
        </Callout>
      )}
      {preview.notes.length > 0 && (
        <Callout intent={Intent.WARNING} title={preview.format === 'stix' ? 'Reported while reading the bundle' : 'Read before importing'}>
          <ul className="cf-import-list">{preview.notes.slice(0, 50).map((n, i) => <li key={i}>{n}</li>)}</ul>
        </Callout>
      )}
      <ActorMatchList proposals={preview.proposals} accepted={accepted} onChange={onAcceptedChange} disabled={busy} />
      <MarkingChoice suggestion={preview.marking} value={marking} onChange={onMarkingChange} disabled={busy} />
      {stale && (
        <Callout intent={Intent.NONE} icon="refresh">
          The counts above were made before your choices; they apply when you import. <Button small text="Recount with my choices" onClick={onRecount} disabled={busy} />
        </Callout>
      )}
      <HTMLTable compact striped className="cf-import-rows" aria-label="Rows and what happens to them">
        <thead>
          <tr><th>Line</th><th>What happens</th><th>Date</th><th>Title</th><th>Possible duplicate of</th></tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, 200).map((r) => (
            <tr key={`${r.line}-${r.eventId}`}>
              <td>{r.line}</td>
              <td><Tag minimal intent={STATUS_INTENT[r.status]}>{STATUS_LABEL[r.status]}</Tag></td>
              <td>{r.date}</td>
              <td>{r.title}</td>
              <td>{r.duplicateOf ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
      <div className="cf-import-actions" style={{ display: 'flex', gap: 8 }}>
        <Button
          intent={Intent.PRIMARY}
          icon="import"
          disabled={busy || changes === 0 || marking === null}
          onClick={onConfirm}
          text={changes === 0 ? 'Nothing to import' : `Import (${changes} changes${marking ? `, new records ${marking}` : ''})`}
        />
        {marking === null && changes > 0 && <span className="bp6-text-muted">Choose a marking for the new records first.</span>}
        <Button text="Discard" onClick={onDiscard} disabled={busy} />
      </div>
    </section>
  );
}
