import { HotkeysContext, NonIdealState, Spinner } from '@blueprintjs/core';
import { useCallback, useContext, useState } from 'react';
import { ErrorCallout } from '../components/ErrorCallout';
import { FilterBar } from '../features/filters/FilterBar';
import { FilterProvider } from '../features/filters/FilterProvider';
import { AppNavbar } from './AppNavbar';
import { CaseContext } from './caseContext';
import { CaseSwitcher } from './CaseSwitcher';
import { useAppHotkeys } from './hotkeys';
import { NewCaseDialog } from './NewCaseDialog';
import { OpenPathDialog } from './OpenPathDialog';
import { UnlockDialog, type UnlockTarget } from './UnlockDialog';
import { targetFromPath, useCaseActions, type CaseDialog } from './useCaseActions';
import { useCaseStatus } from './useCaseStatus';
import { useTheme } from './useTheme';
import { ViewHost, ViewPanel } from './ViewHost';
import { rememberView, storedView, type ViewId } from './views';

/** The app frame: navbar, the view of the open case, and the case dialogs. */
export function App() {
  const session = useCaseStatus();
  const [theme, toggleTheme] = useTheme();
  const [view, setViewState] = useState<ViewId>(storedView);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const [dialog, setDialog] = useState<CaseDialog>('none');
  const [target, setTarget] = useState<UnlockTarget | null>(null);
  const [, dispatchHotkeys] = useContext(HotkeysContext);
  const actions = useCaseActions(session, setTarget, setDialog);

  const open = session.status?.open ?? null;
  const candidate = session.status?.candidate ?? null;
  const unlockTarget = target ?? (candidate ? { path: candidate.path, fileName: candidate.fileName, isDemo: candidate.isDemo, keychain: candidate.keychain } : null);
  const unlockShown = session.status !== null && (open === null || target !== null);

  const setView = useCallback((next: ViewId) => {
    setViewState(next);
    rememberView(next);
  }, []);
  const openSwitcher = useCallback(() => {
    if (open && !unlockShown) setSwitcherOpen(true);
    else actions.openOther();
  }, [open, unlockShown, actions]);

  useAppHotkeys({ caseOpen: open !== null && !unlockShown, showView: setView, undo: actions.undo, redo: actions.redo, lock: actions.lock, openSwitcher });

  const adopt: typeof session.adopt = (opened) => {
    setTarget(null);
    setDialog('none');
    session.adopt(opened);
  };

  let body;
  if (session.loadError && !session.status) {
    body = (
      <div className="cf-pad">
        <ErrorCallout title="Could not reach the Casefile host" error={session.loadError} />
      </div>
    );
  } else if (!session.status) {
    body = <div className="cf-center"><Spinner aria-label="Connecting" /></div>;
  } else if (open) {
    body = (
      <CaseContext.Provider value={{ open, version: session.version }}>
        <FilterProvider key={open.path}>
          <FilterBar />
          <ViewHost view={view} />
        </FilterProvider>
      </CaseContext.Provider>
    );
  } else {
    body = (
      <ViewPanel view={view}>
        <NonIdealState icon="lock" title="No case is open" description="Unlock a case, open another one or create a new case." />
      </ViewPanel>
    );
  }

  return (
    <div className="cf-app">
      <AppNavbar
        openCase={open}
        view={view}
        onViewChange={setView}
        theme={theme}
        onToggleTheme={toggleTheme}
        onUndo={actions.undo}
        onRedo={actions.redo}
        onSaveNow={actions.saveNow}
        onShowHotkeys={() => dispatchHotkeys({ type: 'OPEN_DIALOG' })}
        switcher={
          <CaseSwitcher
            openCase={open}
            isOpen={switcherOpen}
            onOpenChange={setSwitcherOpen}
            onPickRecent={actions.pickRecent}
            onOpenOther={actions.openOther}
            onNewCase={() => setDialog('new-case')}
            onLock={actions.lock}
          />
        }
      />
      <main className="cf-main" id="cf-main" aria-label={open ? `${open.name}` : 'No case open'}>
        {body}
      </main>
      <UnlockDialog
        isOpen={unlockShown}
        target={unlockTarget}
        demoHint={unlockTarget && session.demoHint?.path === unlockTarget.path ? session.demoHint.hint : null}
        keychainAvailable={session.info?.keychain ?? false}
        canClose={open !== null}
        onUnlocked={adopt}
        onFailed={() => void session.refresh()}
        onClose={() => setTarget(null)}
        onOpenOther={actions.openOther}
        onNewCase={() => setDialog('new-case')}
      />
      <OpenPathDialog isOpen={dialog === 'open-path'} onClose={() => setDialog('none')} onChoose={(path) => { setDialog('none'); setTarget(targetFromPath(path)); }} />
      <NewCaseDialog isOpen={dialog === 'new-case'} nativeDialogs={session.info?.nativeDialogs ?? false} onClose={() => setDialog('none')} onCreated={adopt} />
    </div>
  );
}
