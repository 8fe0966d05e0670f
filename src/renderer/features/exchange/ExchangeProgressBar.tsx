import { Button, Intent, ProgressBar } from '@blueprintjs/core';
import type { ExchangeProgress } from '../../../shared/ipc/channels/exchange';

/** What each phase is called, and what its counts count. */
const PHASES: Record<ExchangeProgress['phase'], { label: string; unit: 'bytes' | 'files' | 'records' | null }> = {
  records: { label: 'Preparing the records', unit: 'records' },
  writing: { label: 'Writing the file', unit: 'bytes' },
  reading: { label: 'Reading and checking the file', unit: 'bytes' },
  keeping: { label: 'Keeping the received files', unit: 'files' },
  planning: { label: 'Comparing with the case', unit: null },
  applying: { label: 'Applying the merge', unit: 'records' },
  done: { label: 'Finishing', unit: null },
};

function counted(progress: ExchangeProgress): string {
  const { unit } = PHASES[progress.phase];
  if (!unit || progress.total <= 0) return '';
  if (unit === 'bytes') return ` — ${megabytes(progress.done)} of ${megabytes(progress.total)}`;
  return ` — ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} ${unit}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The running export, open or merge: its phase, its counts, a bar, and Cancel (nothing is changed). */
export function ExchangeProgressBar({ label, progress, onCancel }: { label: string; progress: ExchangeProgress | null; onCancel: () => void }) {
  const fraction = progress && progress.total > 0 && PHASES[progress.phase].unit ? Math.min(1, progress.done / progress.total) : undefined;
  return <ProgressView label={label} text={progress ? `${PHASES[progress.phase].label}${counted(progress)}` : `${label}…`} fraction={fraction} onCancel={onCancel} />;
}

/** A running operation: what it is doing, a bar (striped while the total is unknown), and Cancel. */
export function ProgressView({ label, text, fraction, onCancel }: { label: string; text: string; fraction: number | undefined; onCancel: () => void }) {
  return (
    <div className="cf-exchange-progress" role="status" aria-live="polite" data-testid="exchange-progress">
      <div>{text}</div>
      <ProgressBar value={fraction} intent={Intent.PRIMARY} stripes={fraction === undefined} aria-label={`${label} progress`} />
      <Button text="Cancel" icon="cross" onClick={onCancel} />
    </div>
  );
}
