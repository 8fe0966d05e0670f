import { Intent } from '@blueprintjs/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseStatus, OpenCase, ResponseOf } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import { bindToCase, call, onCaseMoved, shownCase, subscribe } from '../ipc/client';
import { showError, showToast } from './toaster';

export type AppInfo = ResponseOf<'app:info'>;

/** The shell's view of main: which host, which case is open, and how its saving goes. */
export interface CaseSession {
  /** What the host offers (native dialogs, keychain); null until the first answer. */
  info: AppInfo | null;
  /** Open case or unlock candidate; null until the first answer. */
  status: CaseStatus | null;
  /** Why the status could not be read, if it could not. */
  loadError: AppError | null;
  /** Grows on every change of the open case's records. */
  version: number;
  /** The demo passphrase hint seen last, with the demo file it belongs to. */
  demoHint: { path: string; hint: string } | null;
  /** Asks main again for the status (after close, or when something may have changed). */
  refresh(): Promise<void>;
  /** Takes the case main just opened (unlock, create) as the open case. */
  adopt(open: OpenCase): void;
}

export function useCaseStatus(): CaseSession {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);
  const [demoHint, setDemoHint] = useState<CaseSession['demoHint']>(null);
  const mounted = useRef(true);
  const hasStatus = useRef(false);

  const refresh = useCallback(async () => {
    const result = await call('case:status', {});
    if (!mounted.current) return;
    if (!result.ok) {
      setLoadError(result.error);
      // Before the first answer the frame shows the error itself; afterwards, say it in a toast.
      if (hasStatus.current) showError('Reading the case status', result.error);
      return;
    }
    hasStatus.current = true;
    setLoadError(null);
    bindToCase(result.value.open?.generation ?? null);
    setStatus(result.value);
    setVersion((v) => v + 1);
    const { candidate, demoPassphraseHint } = result.value;
    if (candidate && demoPassphraseHint) setDemoHint({ path: candidate.path, hint: demoPassphraseHint });
  }, []);

  const adopt = useCallback((open: OpenCase) => {
    bindToCase(open.generation);
    setStatus({ open, candidate: null, demoPassphraseHint: null });
    setVersion((v) => v + 1);
    for (const notice of open.notices) showToast({ intent: Intent.WARNING, icon: 'info-sign', message: notice, timeout: 0 });
  }, []);

  useEffect(() => {
    mounted.current = true;
    void call('app:info', {}).then((result) => {
      if (!mounted.current) return;
      if (result.ok) setInfo(result.value);
      else showError('Reading what this host offers', result.error);
    });
    void refresh();
    const offChanged = subscribe('case:changed', (payload) => {
      setStatus((s) => (s?.open ? { ...s, open: { ...s.open, counts: payload.counts, undo: payload.undo } } : s));
      setVersion((v) => v + 1);
    });
    const offAutosave = subscribe('case:autosave', (autosave) => {
      setStatus((s) => (s?.open ? { ...s, open: { ...s.open, autosave } } : s));
    });
    const offClosed = subscribe('case:closed', ({ reason }) => {
      showToast({ intent: Intent.WARNING, icon: 'lock', message: `The case was closed: ${reason}`, timeout: 8_000 });
      void refresh();
    });
    const offOpened = subscribe('case:opened', ({ generation }) => {
      // Another window opened, switched or closed the case; this window's own opens arrive adopted.
      if (generation !== shownCase()) void refresh();
    });
    // Another window opened or closed a case: show what is open now.
    const offMoved = onCaseMoved(() => {
      showToast({ intent: Intent.WARNING, icon: 'swap-horizontal', message: 'Another window opened or closed a case; this window now shows the case that is open.', timeout: 8_000 });
      void refresh();
    });
    return () => {
      mounted.current = false;
      offChanged();
      offAutosave();
      offClosed();
      offMoved();
      offOpened();
    };
  }, [refresh]);

  return { info, status, loadError, version, demoHint, refresh, adopt };
}
