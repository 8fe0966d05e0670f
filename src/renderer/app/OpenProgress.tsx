import { Classes, ProgressBar } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../shared/ipc/contract';
import { subscribe } from '../ipc/client';

type Progress = EventPayload<'case:open-progress'>;

const PHASES: Record<Progress['phase'], string> = {
  unlocking: 'Checking the passphrase',
  reading: 'Reading the case',
  replaying: 'Replaying the latest edits',
};

/** Opens shorter than this show no progress (a flash of a bar reads as a glitch). */
const SHOW_AFTER_MS = 1_000;

/**
 * What opening a case is doing, while `active`: the phase, a bar and how much is read. Main
 * pushes `case:open-progress` as it reads; shown only once an open has taken over a second.
 */
export function OpenProgress({ active }: { active: boolean }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    if (!active) {
      setProgress(null);
      setVisible(false);
      return undefined;
    }
    const timer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    const off = subscribe('case:open-progress', setProgress);
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [active]);

  if (!active || !visible) return null;
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div className="cf-open-progress" role="status" aria-live="polite">
      <p className={Classes.TEXT_MUTED}>
        {progress ? PHASES[progress.phase] : 'Opening the case'}
        {progress && progress.total > 0 && progress.phase !== 'unlocking' ? ` — ${megabytes(progress.done)} of ${megabytes(progress.total)}` : '…'}
      </p>
      <ProgressBar value={fraction} intent="primary" stripes={fraction === undefined} aria-label="Opening progress" />
    </div>
  );
}

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.max(0.1, bytes / 1024 ** 2).toFixed(1)} MB`;
}
