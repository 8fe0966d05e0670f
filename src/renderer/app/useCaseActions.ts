import { Intent } from '@blueprintjs/core';
import { useCallback, useMemo } from 'react';
import type { RecentCase } from '../../shared/ipc/contract';
import { fileNameOf } from '../components/format';
import { call } from '../ipc/client';
import { settleEdits } from './pendingEdits';
import { showError, showToast } from './toaster';
import type { UnlockTarget } from './UnlockDialog';
import type { CaseSession } from './useCaseStatus';

/** Which case dialog is on screen besides the unlock dialog. */
export type CaseDialog = 'none' | 'open-path' | 'new-case';

export interface CaseActions {
  undo(): void;
  redo(): void;
  lock(): void;
  saveNow(): void;
  /** "Open…": the native picker in Electron, the typed-path dialog in the browser host. */
  openOther(): void;
  pickRecent(recent: RecentCase): void;
}

/** An unlock target for a path picked or typed by the analyst. */
export function targetFromPath(path: string): UnlockTarget {
  return { path, fileName: fileNameOf(path), isDemo: false, keychain: false };
}

/** The shell's commands against main; every failure is reported in words. */
export function useCaseActions(session: CaseSession, setTarget: (t: UnlockTarget | null) => void, setDialog: (d: CaseDialog) => void): CaseActions {
  const { info, refresh } = session;

  const history = useCallback(async (direction: 'undo' | 'redo') => {
    // A rating still waiting for its double, or on its way, is the last edit: it goes first.
    await settleEdits();
    const result = await call(direction === 'undo' ? 'history:undo' : 'history:redo', {});
    if (result.ok) showToast({ intent: Intent.PRIMARY, icon: direction, message: result.value.summary, timeout: 4_000 });
    else showError(direction === 'undo' ? 'Undo' : 'Redo', result.error);
  }, []);

  const lock = useCallback(async () => {
    const result = await call('case:close', {});
    if (!result.ok) showError('Closing the case', result.error);
    setTarget(null);
    await refresh();
  }, [refresh, setTarget]);

  const saveNow = useCallback(async () => {
    const result = await call('case:save', {});
    if (!result.ok) showError('Saving', result.error);
  }, []);

  const openOther = useCallback(async () => {
    if (!info?.nativeDialogs) {
      setDialog('open-path');
      return;
    }
    const result = await call('case:pick-file', {});
    if (!result.ok) showError('Choosing a case file', result.error);
    else if (result.value.path) setTarget(targetFromPath(result.value.path));
  }, [info, setDialog, setTarget]);

  const pickRecent = useCallback(
    (recent: RecentCase) => setTarget({ path: recent.path, fileName: recent.fileName, isDemo: recent.isDemo, keychain: recent.keychain }),
    [setTarget],
  );

  // One stable object, so hotkey registrations do not churn on every render.
  return useMemo(
    () => ({
      undo: () => void history('undo'),
      redo: () => void history('redo'),
      lock: () => void lock(),
      saveNow: () => void saveNow(),
      openOther: () => void openOther(),
      pickRecent,
    }),
    [history, lock, saveNow, openOther, pickRecent],
  );
}
