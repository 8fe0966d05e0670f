import { useHotkeys, type HotkeyConfig } from '@blueprintjs/core';
import { useMemo } from 'react';
import { VIEWS, type ViewId } from './views';

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
 * The app-wide keyboard shortcuts, registered with Blueprint's HotkeysProvider so "?" lists them.
 * Undo and redo stay out of text fields, where the browser's own text undo belongs.
 */
export function useAppHotkeys(actions: AppHotkeyActions): void {
  const { caseOpen, showView, undo, redo, lock, openSwitcher } = actions;
  const hotkeys = useMemo<HotkeyConfig[]>(
    () => [
      ...VIEWS.map(
        (view): HotkeyConfig => ({
          combo: `mod+${view.key}`,
          label: `Show ${view.label}`,
          group: 'Views',
          global: true,
          allowInInput: true,
          preventDefault: true,
          disabled: !caseOpen,
          onKeyDown: () => showView(view.id),
        }),
      ),
      { combo: 'mod+z', label: 'Undo the last edit', group: 'Case', global: true, preventDefault: true, disabled: !caseOpen, onKeyDown: undo },
      { combo: 'mod+shift+z', label: 'Redo', group: 'Case', global: true, preventDefault: true, disabled: !caseOpen, onKeyDown: redo },
      { combo: 'mod+l', label: 'Lock (close) the case', group: 'Case', global: true, allowInInput: true, preventDefault: true, disabled: !caseOpen, onKeyDown: lock },
      { combo: 'mod+o', label: 'Open the case switcher', group: 'Case', global: true, allowInInput: true, preventDefault: true, onKeyDown: openSwitcher },
    ],
    [caseOpen, showView, undo, redo, lock, openSwitcher],
  );
  useHotkeys(hotkeys);
}
