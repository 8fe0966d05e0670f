import { useHotkeys, type HotkeyConfig } from '@blueprintjs/core';
import { useMemo } from 'react';
import { hostKind } from '../ipc/client';
import { appShortcuts, type ShortcutAction } from './shortcuts';
import type { ViewId } from './views';

/** What the global shortcuts do; App supplies them. */
export interface AppHotkeyActions {
  /** A case is open: the view, history and lock shortcuts apply. */
  caseOpen: boolean;
  showView(view: ViewId): void;
  undo(): void;
  redo(): void;
  lock(): void;
  openSwitcher(): void;
}

/**
 * The app-wide keyboard shortcuts (app/shortcuts.ts: Ctrl in Electron, Alt in the browser host),
 * registered with Blueprint's HotkeysProvider so "?" lists them. Undo and redo stay out of text
 * fields, where the browser's own text undo belongs.
 */
export function useAppHotkeys(actions: AppHotkeyActions): void {
  const { caseOpen, showView, undo, redo, lock, openSwitcher } = actions;
  const hotkeys = useMemo<HotkeyConfig[]>(() => {
    const run = (action: ShortcutAction) => {
      if (action.startsWith('view:')) return () => showView(action.slice('view:'.length) as ViewId);
      return { undo, redo, lock, switcher: openSwitcher }[action as 'undo' | 'redo' | 'lock' | 'switcher'];
    };
    return appShortcuts(hostKind()).flatMap((s) =>
      s.combos.map(
        (combo): HotkeyConfig => ({
          combo,
          label: s.label,
          group: s.group,
          global: true,
          allowInInput: s.action !== 'undo' && s.action !== 'redo',
          preventDefault: true,
          disabled: s.action !== 'switcher' && !caseOpen,
          onKeyDown: run(s.action),
        }),
      ),
    );
  }, [caseOpen, showView, undo, redo, lock, openSwitcher]);
  useHotkeys(hotkeys);
}
