import { Button, Intent, Spinner, SpinnerSize, Tooltip } from '@blueprintjs/core';
import type { AutosaveState } from '../../shared/ipc/contract';
import { formatTimestamp } from '../components/format';

export interface AutosaveIndicatorProps {
  /** The open case's autosave state, as last pushed by main. */
  autosave: AutosaveState;
  /** Folds the journal into the snapshot now ("Save now"). */
  onSaveNow(): void;
}

/** The autosave state in words. */
export function autosaveText(autosave: AutosaveState): string {
  if (autosave.state === 'error') return autosave.message ?? 'Saving failed; your edits are kept in the journal.';
  if (autosave.state === 'folding') return 'Saving…';
  const n = autosave.journalEdits;
  return n === 0 ? 'All edits saved' : `All edits saved · ${n} in journal`;
}

function details(autosave: AutosaveState): string {
  const lines = ['Every edit is written to the encrypted journal as you make it.'];
  if (autosave.lastEditAt) lines.push(`Last edit: ${formatTimestamp(autosave.lastEditAt)}.`);
  if (autosave.lastFoldAt) lines.push(`Last snapshot: ${formatTimestamp(autosave.lastFoldAt)}.`);
  lines.push('Click to fold the journal into the snapshot now.');
  return lines.join(' ');
}

/** Shows whether every edit is on disk; a click folds the journal into a new snapshot. */
export function AutosaveIndicator({ autosave, onSaveNow }: AutosaveIndicatorProps) {
  const failed = autosave.state === 'error';
  const icon = failed ? 'error' : autosave.state === 'folding' ? <Spinner size={SpinnerSize.SMALL} /> : 'tick-circle';
  return (
    <div role="status" aria-label="Autosave" aria-live="polite" className="cf-autosave">
      <Tooltip content={details(autosave)} placement="bottom" className="cf-autosave-tooltip">
        <Button
          variant="minimal"
          size="small"
          intent={failed ? Intent.DANGER : Intent.NONE}
          icon={icon}
          text={autosaveText(autosave)}
          onClick={onSaveNow}
        />
      </Tooltip>
    </div>
  );
}
