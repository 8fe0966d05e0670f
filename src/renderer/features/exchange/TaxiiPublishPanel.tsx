import { Button, Callout, Card, H4, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../../ipc/client';
import { ExportScopeControls, LeftOutList, useExportScope } from './ExportScope';
import { entriesOf, TaxiiPagedList } from './TaxiiPagedList';
import { TaxiiProgressBar, useTaxiiProgress, type TaxiiTarget } from './taxii-shared';

type Preview = ResponseOf<'taxii:push-preview'>;
type Pushed = ResponseOf<'taxii:push'>;
type PushedObject = Pushed['failed'][number];

/** Publish to a writable collection: the left-out list first (as for file export), then push with progress. */
export function TaxiiPublishPanel({ target }: { target: TaxiiTarget | null }) {
  const scope = useExportScope('TLP:GREEN');
  const { marking, selection, selectionKey } = scope;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pushing, setPushing] = useState(false);
  const [result, setResult] = useState<Pushed | null>(null);
  const progress = useTaxiiProgress('push');
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
          <ExportScopeControls scope={scope} markingLabel="TAXII maximum marking" />
          {preview && (
            <div data-testid="taxii-push-preview">
              <p>
                {preview.toSend} object(s) to send, {preview.skipped} already on the server and unchanged.
              </p>
              <LeftOutList leftOut={preview.leftOut} total={preview.leftOutTotal} />
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

const objectsOf = (page: ResponseOf<'taxii:review-page'>) => entriesOf(page, 'objects');
const named = (o: PushedObject) => `${o.name} (${o.type})${o.message ? ` — ${o.message}` : ''}`;

/** Exactly which objects went: sent, failed (by name, with the server's reason), unknown and pending. */
function PushResult({ result }: { result: Pushed }) {
  const trouble = result.error !== undefined || result.failedTotal > 0 || result.unknownTotal > 0 || result.pendingTotal > 0;
  const list = (list: 'sent' | 'failed' | 'unknown' | 'pending', title: string, total: number, first: readonly PushedObject[], open = false) => (
    <TaxiiPagedList token={result.token} list={list} title={title} total={total} first={first} pick={objectsOf} itemKey={(o) => o.id} render={named} open={open} />
  );
  return (
    <Callout intent={trouble ? 'warning' : 'success'} title={result.error ? 'The push stopped part-way' : trouble ? 'Published, with objects not stored' : 'Published'} data-testid="taxii-push-result">
      <p>
        Sent {result.sent}, skipped {result.skipped} (unchanged), failed {result.failedTotal}, unknown {result.unknownTotal}
        {result.pendingTotal > 0 ? `, ${result.pendingTotal} still pending on the server` : ''}; {result.leftOut} left out by the marking or selection.
      </p>
      {result.error && <p>{result.error} Exactly the {result.sent} object(s) listed as sent went; push again to send the rest.</p>}
      {result.unknownTotal + result.pendingTotal > 0 && <p>The server did not confirm the unknown and pending objects; they are not counted as sent, and the next push sends them again.</p>}
      {list('failed', 'Failed', result.failedTotal, result.failed, true)}
      {list('unknown', 'Unknown status', result.unknownTotal, result.unknown, true)}
      {list('pending', 'Pending', result.pendingTotal, result.pending)}
      {list('sent', 'Sent', result.sent, result.sentObjects)}
    </Callout>
  );
}
