import { useEffect, useState } from 'react';
import type { TaxiiProgress } from '../../../shared/ipc/channels/taxii';
import { call, subscribe } from '../../ipc/client';
import { ProgressView } from './ExchangeProgressBar';

/** A collection picked in the servers panel, to publish to or pull from. */
export interface TaxiiTarget {
  connectionId: string;
  connectionLabel: string;
  apiRootUrl: string;
  collectionId: string;
  title: string;
  canRead: boolean;
  canWrite: boolean;
}

const PHASES: Record<TaxiiProgress['phase'], string> = {
  connecting: 'Connecting to the server',
  sending: 'Sending objects',
  receiving: 'Receiving objects',
  planning: 'Comparing with the case',
  done: 'Finishing',
};

/** The latest `taxii:progress` of one operation (null between runs). */
export function useTaxiiProgress(operation: TaxiiProgress['operation']): TaxiiProgress | null {
  const [progress, setProgress] = useState<TaxiiProgress | null>(null);
  useEffect(() => subscribe('taxii:progress', (p) => p.operation === operation && setProgress(p.phase === 'done' ? null : p)), [operation]);
  return progress;
}

/** A running push or pull: phase, object counts, and Cancel (a cancelled pull leaves the case untouched). */
export function TaxiiProgressBar({ label, progress }: { label: string; progress: TaxiiProgress | null }) {
  const counted = progress && progress.total > 0 ? ` — ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} objects` : progress && progress.done > 0 ? ` — ${progress.done.toLocaleString()} objects` : '';
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  return <ProgressView label={label} text={progress ? `${PHASES[progress.phase]}${counted}` : `${label}…`} fraction={fraction} onCancel={() => void call('taxii:cancel', {})} />;
}
