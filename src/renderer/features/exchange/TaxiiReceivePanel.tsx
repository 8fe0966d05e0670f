import { Button, Callout, Card, H4, NonIdealState } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { TAXII_PAGE } from '../../../shared/ipc/channels/taxii';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { ConflictTable, type Choice } from './ConflictTable';
import { TaxiiProgressBar, useTaxiiProgress, type TaxiiTarget } from './taxii-shared';
import { entriesOf, PageButtons, TaxiiPagedList, useTaxiiPage } from './TaxiiPagedList';

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

const addedOf = (page: ResponseOf<'taxii:review-page'>) => entriesOf(page, 'added');
const changedOf = (page: ResponseOf<'taxii:review-page'>) => entriesOf(page, 'changed');
const unmappedOf = (page: ResponseOf<'taxii:review-page'>) => entriesOf(page, 'unmapped');
const conflictsOf = (page: ResponseOf<'taxii:review-page'>) => entriesOf(page, 'conflicts');

function ReviewView({ review, choices, onChoose, onApply, busy }: { review: Review; choices: Record<string, Choice>; onChoose: (key: string, v: Choice) => void; onApply: () => void; busy: boolean }) {
  const { totals } = review;
  const nothing = review.received === 0;
  // Conflicts come a page at a time; a choice not made (on any page) keeps ours.
  const conflicts = useTaxiiPage(review.token, 'conflicts', review.conflicts, conflictsOf);
  return (
    <div data-testid="taxii-review">
      <p>
        Received {review.received} object(s): {totals.added} new, {totals.changed} changed, {totals.conflicts} conflict(s), {review.unchanged} unchanged, {review.oursNewer} newer here, {totals.unmapped} not mapped.
      </p>
      {nothing && <Callout intent="primary">Nothing new in this collection since your last pull.</Callout>}
      <TaxiiPagedList token={review.token} list="added" title="New" total={totals.added} first={review.added} pick={addedOf} itemKey={(a) => `${a.collection}/${a.id}`} render={(a) => a.label} />
      <TaxiiPagedList token={review.token} list="changed" title="Changed" total={totals.changed} first={review.changed} pick={changedOf} itemKey={(c) => `${c.collection}/${c.id}`} render={(c) => `${c.label} (${c.fields.join(', ')})`} />
      <PageButtons what="Conflicts" offset={conflicts.offset} total={totals.conflicts} onTurn={(o) => void conflicts.turn(o)} />
      {conflicts.items.length > 0 && <ConflictTable conflicts={conflicts.items} choices={choices} onChoose={onChoose} />}
      {totals.conflicts > TAXII_PAGE && <p>Conflicts you do not change, on any page, keep ours.</p>}
      {totals.unmapped > 0 && (
        <Callout intent="warning" title={`${totals.unmapped} object(s) could not be mapped to records and will not be merged`} data-testid="taxii-unmapped">
          <TaxiiPagedList
            token={review.token}
            list="unmapped"
            title="Not mapped"
            total={totals.unmapped}
            first={review.unmapped}
            pick={unmappedOf}
            itemKey={(u) => u.id}
            open
            render={(u) => (
              <>
                {u.type} <code>{u.id}</code> — {u.reason}
              </>
            )}
          />
        </Callout>
      )}
      {!nothing && <Button intent="primary" icon="git-merge" text="Apply merge" disabled={busy} onClick={onApply} />}
    </div>
  );
}
