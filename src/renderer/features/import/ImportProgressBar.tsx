import { Button, Intent, ProgressBar } from '@blueprintjs/core';
import type { ImportProgress } from '../../../shared/ipc/channels/import';

export interface ImportProgressBarProps {
  /** What is happening, e.g. "Uploading" or "Reading". */
  label: string;
  /** The latest progress, or null before the first report. */
  progress: ImportProgress | null;
  /** Stops the work; nothing is changed in the case. */
  onCancel: () => void;
}

/** A progress bar with the rows read so far and a Cancel button. */
export function ImportProgressBar({ label, progress, onCancel }: ImportProgressBarProps) {
  const fraction = progress && progress.totalBytes > 0 ? Math.min(1, progress.bytes / progress.totalBytes) : undefined;
  const phase = progress?.phase === 'planning' ? 'Comparing with the case' : label;
  return (
    <div className="cf-import-progress" role="status" aria-live="polite">
      <div>
        {phase}
        {fraction !== undefined ? ` — ${Math.round(fraction * 100)}%` : '…'}
        {progress && progress.rows > 0 ? ` (${progress.rows.toLocaleString()} rows)` : ''}
      </div>
      <ProgressBar value={fraction} intent={Intent.PRIMARY} aria-label={`${label} progress`} />
      <Button text="Cancel" icon="cross" onClick={onCancel} />
    </div>
  );
}
