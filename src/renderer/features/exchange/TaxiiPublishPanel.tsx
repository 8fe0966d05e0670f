import { Button, Callout, Card, Checkbox, FormGroup, H4, HTMLSelect, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../../ipc/client';
import { useEventFilter } from '../filters/useEventFilter';
import { TaxiiProgressBar, useTaxiiProgress, type TaxiiTarget } from './taxii-shared';

type Preview = ResponseOf<'taxii:push-preview'>;
type Pushed = ResponseOf<'taxii:push'>;

/** Publish to a writable collection: the left-out list first (as for file export), then push with progress. */
export function TaxiiPublishPanel({ target }: { target: TaxiiTarget | null }) {
  const [marking, setMarking] = useState<Marking>('TLP:GREEN');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pushing, setPushing] = useState(false);
  const [result, setResult] = useState<Pushed | null>(null);
  const progress = useTaxiiProgress('push');
  const { filter } = useEventFilter();
  const filtered = Object.values(filter).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '');
  const [onlySelection, setOnlySelection] = useState(false);
  const selection = onlySelection && filtered ? { filter } : {};
  // The effect keys on the selection's JSON: the object itself is new on every render.
  const selectionKey = JSON.stringify(selection);
  const writable = target?.canWrite === true ? target : null;
  // Bumped after a push: what is left to send has changed.
  const [pushes, setPushes] = useState(0);
  useEffect(() => setResult(null), [writable, marking, selectionKey]);
  useEffect(() => {
    setPreview(null);
    if (!writable) return;
    const current = JSON.parse(selectionKey) as typeof selection;
    void call('taxii:push-preview', { connectionId: writable.connectionId, collectionId: writable.collectionId, apiRootUrl: writable.apiRootUrl, maxMarking: marking, ...current }).then((r) => {
      setPreviewError(r.ok ? null : r.error.message);
      if (r.ok) setPreview(r.value);
    });
  }, [writable, marking, selectionKey, pushes]);
  const push = async () => {
    if (!writable) return;
    setPushing(true);
    setError(null);
    setResult(null);
    const pushed = await call('taxii:push', { connectionId: writable.connectionId, collectionId: writable.collectionId, maxMarking: marking, ...selection });
    setPushing(false);
    setPushes((n) => n + 1);
    if (!pushed.ok) return setError(pushed.error.message);
    setResult(pushed.value);
  };
  return (
    <Card className="cf-exchange-card" aria-label="Publish to TAXII">
      <H4>Publish to a TAXII collection</H4>
      {!writable ? (
        <NonIdealState
          icon="cloud-upload"
          title={target ? `You cannot write to “${target.title}”` : 'No collection chosen'}
          description={target ? 'Choose a collection with write rights in TAXII servers, or ask the server’s administrator for them.' : 'In TAXII servers, list a server’s collections and choose one you can write to.'}
        />
      ) : (
        <>
          <p>
            To “{writable.title}” on {writable.connectionLabel}
          </p>
          <FormGroup label="Up to marking">
            <HTMLSelect value={marking} onChange={(e) => setMarking(e.target.value as Marking)} options={[...TLP_LEVELS]} aria-label="TAXII maximum marking" />
          </FormGroup>
          <Checkbox
            label={filtered ? 'Only the events that match the current filters (the filtered selection)' : 'Only the filtered selection (set filters in the bar above first)'}
            checked={onlySelection && filtered}
            disabled={!filtered}
            onChange={() => setOnlySelection((v) => !v)}
          />
          {preview && (
            <div data-testid="taxii-push-preview">
              <p>
                {preview.toSend} object(s) to send, {preview.skipped} already on the server and unchanged.
              </p>
              <p>Left out or cut: {preview.leftOutTotal}</p>
              <ul className="cf-exchange-leftout" aria-label="Left out">
                {preview.leftOut.map((l) => (
                  <li key={`${l.collection}/${l.id}`}>
                    {l.label} — {l.reason}
                  </li>
                ))}
                {preview.leftOutTotal > preview.leftOut.length && <li>… and {preview.leftOutTotal - preview.leftOut.length} more</li>}
              </ul>
            </div>
          )}
          <Button intent="primary" icon="cloud-upload" text="Push" disabled={pushing || !preview} onClick={() => void push()} />
          {pushing && <TaxiiProgressBar label="Pushing" progress={progress} />}
          {result && <PushResult result={result} />}
        </>
      )}
      {previewError && (
        <Callout intent="danger" title="What would be sent could not be worked out" data-testid="taxii-preview-error">
          {previewError}
        </Callout>
      )}
      {error && (
        <Callout intent="danger" title="Not published" data-testid="taxii-push-error">
          {error}
        </Callout>
      )}
    </Card>
  );
}

function PushResult({ result }: { result: Pushed }) {
  const trouble = result.error !== undefined || result.failedTotal > 0;
  return (
    <Callout intent={trouble ? 'warning' : 'success'} title={result.error ? 'The push stopped part-way' : 'Published'} data-testid="taxii-push-result">
      <p>
        Sent {result.sent}, skipped {result.skipped} (unchanged), failed {result.failedTotal}
        {result.pending > 0 ? `, ${result.pending} still pending on the server` : ''}; {result.leftOut} left out by the marking or selection.
      </p>
      {result.error && <p>{result.error} Exactly the {result.sent} object(s) counted as sent went; push again to send the rest.</p>}
      {result.failed.length > 0 && (
        <ul aria-label="Failed objects">
          {result.failed.map((f) => (
            <li key={f.id}>
              {f.name} ({f.type}) — {f.message}
            </li>
          ))}
          {result.failedTotal > result.failed.length && <li>… and {result.failedTotal - result.failed.length} more</li>}
        </ul>
      )}
    </Callout>
  );
}
