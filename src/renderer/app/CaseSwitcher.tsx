import { Button, Classes, Menu, MenuDivider, MenuItem, PopoverAnimation, PopoverNext, Spinner, SpinnerSize } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { OpenCase, RecentCase } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import { formatTimestamp } from '../components/format';
import { call, hostKind } from '../ipc/client';
import { shortcutText } from './shortcuts';

export interface CaseSwitcherProps {
  /** The open case, whose name the switcher button shows; null when none is open. */
  openCase: OpenCase | null;
  /** Whether the menu is shown (controlled, so Ctrl+O can open it). */
  isOpen: boolean;
  /** Opens or closes the menu. */
  onOpenChange(isOpen: boolean): void;
  /** A recent case was picked: unlock it. */
  onPickRecent(recent: RecentCase): void;
  /** "Open…": pick or type a case file. */
  onOpenOther(): void;
  /** "New case…" */
  onNewCase(): void;
  /** "Lock case": close the open case. */
  onLock(): void;
}

type RecentState = { state: 'loading' } | { state: 'error'; error: AppError } | { state: 'ready'; cases: RecentCase[] };

function RecentItems({ recent, openPath, onPick }: { recent: RecentState; openPath: string | null; onPick(c: RecentCase): void }) {
  if (recent.state === 'loading') return <MenuItem disabled icon={<Spinner size={SpinnerSize.SMALL} />} text="Loading recent cases…" />;
  if (recent.state === 'error') return <MenuItem disabled intent="danger" icon="error" text={`Could not list recent cases: ${recent.error.message}`} multiline />;
  if (recent.cases.length === 0) return <MenuItem disabled text="No recent cases" />;
  return (
    <>
      {recent.cases.map((c) => {
        const isOpen = c.path === openPath;
        return (
          <MenuItem
            key={c.path}
            icon={isOpen ? 'tick' : c.isDemo ? 'lab-test' : 'document'}
            text={c.fileName}
            label={c.exists ? formatTimestamp(c.lastOpenedAt).split(',')[0] : 'missing'}
            title={c.path}
            disabled={!c.exists || isOpen}
            onClick={() => onPick(c)}
          />
        );
      })}
    </>
  );
}

/** The case menu in the navbar: recent cases, open, new, lock. */
export function CaseSwitcher(props: CaseSwitcherProps) {
  const { openCase, isOpen, onOpenChange } = props;
  const [recent, setRecent] = useState<RecentState>({ state: 'loading' });

  useEffect(() => {
    if (!isOpen) return;
    let current = true;
    setRecent({ state: 'loading' });
    void call('case:recent', {}).then((result) => {
      if (!current) return;
      setRecent(result.ok ? { state: 'ready', cases: result.value.cases } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [isOpen]);

  const pick = (action: () => void) => () => {
    onOpenChange(false);
    action();
  };

  const menu = (
    <Menu aria-label="Case menu">
      <MenuDivider title="Recent cases" />
      <RecentItems recent={recent} openPath={openCase?.path ?? null} onPick={(c) => pick(() => props.onPickRecent(c))()} />
      <MenuDivider />
      <MenuItem icon="folder-open" text="Open…" label={shortcutText(hostKind(), 'switcher')} onClick={pick(props.onOpenOther)} />
      <MenuItem icon="add" text="New case…" onClick={pick(props.onNewCase)} />
      <MenuDivider />
      <MenuItem icon="lock" text="Lock/Close case" label={shortcutText(hostKind(), 'lock')} disabled={!openCase} onClick={pick(props.onLock)} />
    </Menu>
  );

  return (
    <PopoverNext content={menu} isOpen={isOpen} onInteraction={onOpenChange} placement="bottom-start" arrow={false} animation={PopoverAnimation.MINIMAL}>
      <Button
        variant="minimal"
        icon="briefcase"
        endIcon="caret-down"
        aria-label={openCase ? `Case: ${openCase.name}. Open the case menu` : 'No case open. Open the case menu'}
        aria-haspopup="menu"
        className="cf-case-button"
      >
        <span className={Classes.TEXT_OVERFLOW_ELLIPSIS} data-testid="case-name">
          {openCase ? openCase.name : 'No case open'}
        </span>
      </Button>
    </PopoverNext>
  );
}
