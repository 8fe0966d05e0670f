import { Button, Callout, Dialog, DialogBody, DialogFooter, Intent, Radio, RadioGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { showError, showToast } from '../../app/toaster';
import { call } from '../../ipc/client';
import { useCaseCall } from '../filters/useCaseCall';
import { repointActor } from '../filters/chips';
import { useEventFilter } from '../filters/useEventFilter';

export interface MergeDialogProps {
  /** The two actors to merge, or null when closed. */
  pair: [Actor, Actor] | null;
  /** Closes the dialog. */
  onClose(): void;
  /** Called with the kept actor's id after a merge. */
  onMerged(keptId: string): void;
}

/** Merges two actors into one, showing first what moves; the merge is one step Ctrl+Z reverts. */
export function MergeDialog({ pair, onClose, onMerged }: MergeDialogProps) {
  const [keepFirst, setKeepFirst] = useState(true);
  const [busy, setBusy] = useState(false);
  const { setFilter } = useEventFilter();
  useEffect(() => setKeepFirst(true), [pair]);
  const keep = pair ? (keepFirst ? pair[0] : pair[1]) : null;
  const drop = pair ? (keepFirst ? pair[1] : pair[0]) : null;
  // Main works out what the merge would move, writing nothing.
  const request = { keepId: keep?.id ?? '', mergeId: drop?.id ?? '' };
  const planned = useCaseCall('actors:merge-preview', request, `${request.keepId}|${request.mergeId}`, keep !== null && drop !== null);
  const preview = planned.state === 'ready' && keep && drop ? planned.value : null;

  const merge = async () => {
    if (!keep || !drop) return;
    setBusy(true);
    const result = await call('actors:merge', { keepId: keep.id, mergeId: drop.id });
    setBusy(false);
    if (!result.ok) return showError('Merging the actors', result.error);
    showToast({
      intent: Intent.SUCCESS,
      icon: 'git-merge',
      message: `${result.value.summary}. Ctrl+Z undoes the merge.`,
      timeout: 8_000,
      action: { text: 'Undo', onClick: () => void call('history:undo', {}).then((r) => (r.ok ? showToast({ intent: Intent.PRIMARY, icon: 'undo', message: r.value.summary }) : showError('Undo', r.error))) },
    });
    // A filter on the merged-away actor would name an id that no longer exists: point it at the kept one.
    setFilter((current) => repointActor(current, drop.id, keep.id));
    onMerged(keep.id);
  };

  return (
    <Dialog isOpen={pair !== null} onClose={onClose} title="Merge two actors" icon="git-merge" className="cf-merge-dialog">
      {pair && keep && drop && (
        <DialogBody>
          <RadioGroup label="Keep" selectedValue={keepFirst ? 'first' : 'second'} onChange={(e) => setKeepFirst(e.currentTarget.value === 'first')}>
            <Radio value="first" labelElement={<bdi dir="auto">{pair[0].name}</bdi>} aria-label={`Keep ${pair[0].name}`} />
            <Radio value="second" labelElement={<bdi dir="auto">{pair[1].name}</bdi>} aria-label={`Keep ${pair[1].name}`} />
          </RadioGroup>
          {preview ? (
            <Callout intent={Intent.PRIMARY} icon="info-sign" aria-label="What the merge does">
              <p>
                “<bdi dir="auto">{drop.name}</bdi>” and its {drop.aliases.length} alias(es) become aliases of “<bdi dir="auto">{keep.name}</bdi>”, each noting where it came from.
              </p>
              <p>
                Moved to the kept actor: {preview.moved.claims} responsibility claim(s), {preview.moved.participants} event target or participant entr(ies), {preview.moved.relationships} relationship(s), {preview.moved.series} series.
                {preview.removedSelfLinks > 0 && ` ${preview.removedSelfLinks} relationship(s) between the two would link the actor to itself and are removed.`}
              </p>
              <p>One undo (Ctrl+Z) reverts the whole merge.</p>
            </Callout>
          ) : planned.state === 'error' ? (
            <Callout intent={Intent.WARNING}>These actors can no longer be merged ({planned.error.message}). Close and try again.</Callout>
          ) : (
            <Callout icon="time">Working out what the merge moves…</Callout>
          )}
        </DialogBody>
      )}
      <DialogFooter
        actions={
          <>
            <Button text="Cancel" onClick={onClose} />
            <Button intent={Intent.PRIMARY} icon="git-merge" text="Merge" loading={busy} disabled={!preview} onClick={() => void merge()} />
          </>
        }
      />
    </Dialog>
  );
}
