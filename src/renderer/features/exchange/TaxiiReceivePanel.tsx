import { Button, Callout, Card, H4, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { ConflictTable, type Choice } from './ConflictTable';
import { TaxiiProgressBar, useTaxiiProgress, type TaxiiTarget } from './taxii-shared';

type Review = ResponseOf<'taxii:pull'>;

/** Receive from a readable collection: pull (with progress and Cancel), then the merge review and one Apply. */
export function TaxiiReceivePanel({ target }: { target: TaxiiTarget | null }) {
  const [review, setReview] = useState<Review | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<string[] | null>(null);
  const [running, setRunning] = useState<'pull' | 'apply' | null>(null);
  const progress = useTaxiiProgress('pull');
  const readable = target?.canRead === true ? target : null;
  useEffect(() => {
    setReview(null);
    setError(null);
    setStale(null);
  }, [readable]);
  const pull = async () => {
    if (!readable) return;
    setReview(null);
    setError(null);
    setStale(null);
    setRunning('pull');
    const result = await call('taxii:pull', { connectionId: readable.connectionId, collectionId: readable.collectionId });
    setRunning(null);
    if (!result.ok) return setError(result.error.message);
    setReview(result.value);
    setChoices({});
  };
  const apply = async () => {
    if (!review) return;
    setRunning('apply');
    const result = await call('taxii:apply', { token: review.token, resolutions: choices });
    setRunning(null);
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') setReview(null);
      return showError('The merge was not applied', result.error);
    }
    if (result.value.stale) {
      // The case changed since the pull in a way that changes the merge: nothing was merged; pull again to review it.
      setStale(result.value.stale);
      setReview(null);
      return;
    }
    showSuccess(`${result.value.summary}. Ctrl+Z undoes the whole merge.`);
    setReview(null);
  };
  return (
    <Card className="cf-exchange-card" aria-label="Receive from TAXII">
      <H4>Receive from a TAXII collection</H4>
      {!readable ? (
        <NonIdealState
          icon="cloud-download"
          title={target ? `You cannot read “${target.title}”` : 'No collection chosen'}
          description={target ? 'Choose a collection with read rights in TAXII servers, or ask the server’s administrator for them.' : 'In TAXII servers, list a server’s collections and choose one you can read.'}
        />
      ) : (
        <>
          <p>
            From “{readable.title}” on {readable.connectionLabel}: what was added since your last applied pull.
          </p>
          <Button icon="cloud-download" text="Pull" disabled={running !== null} onClick={() => void pull()} />
        </>
      )}
      {running === 'pull' && <TaxiiProgressBar label="Pulling" progress={progress} />}
      {error && (
        <Callout intent="danger" title="Nothing was received" data-testid="taxii-pull-error">
          {error}
        </Callout>
      )}
      {stale && (
        <Callout intent="warning" title="The case changed since the pull; nothing was merged" data-testid="taxii-stale">
          What differs from what you reviewed:
          <ul>
            {stale.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          Pull again to review the merge against the case as it is now.
        </Callout>
      )}
      {review && <ReviewView review={review} choices={choices} onChoose={(key, v) => setChoices((all) => ({ ...all, [key]: v }))} onApply={() => void apply()} busy={running !== null} />}
    </Card>
  );
}

function ReviewView({ review, choices, onChoose, onApply, busy }: { review: Review; choices: Record<string, Choice>; onChoose: (key: string, v: Choice) => void; onApply: () => void; busy: boolean }) {
  const { totals } = review;
  const nothing = review.received === 0;
  return (
    <div data-testid="taxii-review">
      <p>
        Received {review.received} object(s): {totals.added} new, {totals.changed} changed, {totals.conflicts} conflict(s), {review.unchanged} unchanged, {review.oursNewer} newer here, {totals.unmapped} not mapped.
      </p>
      {nothing && <Callout intent="primary">Nothing new in this collection since your last pull.</Callout>}
      <Listed title="New" total={totals.added} items={review.added.map((a) => ({ key: `${a.collection}/${a.id}`, text: a.label }))} />
      <Listed title="Changed" total={totals.changed} items={review.changed.map((c) => ({ key: `${c.collection}/${c.id}`, text: `${c.label} (${c.fields.join(', ')})` }))} />
      {review.conflicts.length > 0 && <ConflictTable conflicts={review.conflicts} choices={choices} onChoose={onChoose} />}
      {totals.conflicts > review.conflicts.length && <p>The first {review.conflicts.length} of {totals.conflicts} conflicts are shown; those not shown keep ours.</p>}
      {totals.unmapped > 0 && (
        <Callout intent="warning" title={`${totals.unmapped} object(s) could not be mapped to records and will not be merged`} data-testid="taxii-unmapped">
          <ul aria-label="Not mapped">
            {review.unmapped.map((u) => (
              <li key={u.id}>
                {u.type} <code>{u.id}</code> — {u.reason}
              </li>
            ))}
          </ul>
        </Callout>
      )}
      {!nothing && <Button intent="primary" icon="git-merge" text="Apply merge" disabled={busy} onClick={onApply} />}
    </div>
  );
}

function Listed({ title, total, items }: { title: string; total: number; items: { key: string; text: string }[] }) {
  if (total === 0) return null;
  return (
    <details>
      <summary>
        {title}: {total}
      </summary>
      <ul className="cf-exchange-leftout">
        {items.map((i) => (
          <li key={i.key}>{i.text}</li>
        ))}
        {total > items.length && <li>… and {total - items.length} more</li>}
      </ul>
    </details>
  );
}
