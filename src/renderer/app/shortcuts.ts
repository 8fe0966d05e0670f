import { VIEWS, type ViewId } from './views';

/** Which host runs the app: Electron owns its keys; in a browser, Ctrl+L, Ctrl+O and Ctrl+digits belong to the browser. */
export type ShortcutHost = 'electron' | 'browser';

export type ShortcutAction = `view:${ViewId}` | 'undo' | 'redo' | 'lock' | 'switcher';

export interface Shortcut {
  action: ShortcutAction;
  /** Blueprint combos ("mod+1", "alt+1"); each is listed in the "?" help. */
  combos: string[];
  label: string;
  group: 'Views' | 'Case';
}

/**
 * The app-wide shortcuts for a host. Views are numbered in tab order (the fifth tab is 5).
 * In the browser host the page never sees Ctrl+L, Ctrl+O or Ctrl+digits, so it offers Alt
 * instead; Electron keeps Ctrl/Cmd. Undo and redo (Ctrl+Z) reach the page in both.
 */
export function appShortcuts(host: ShortcutHost): Shortcut[] {
  const mod = host === 'browser' ? 'alt' : 'mod';
  return [
    ...VIEWS.map((view, i): Shortcut => ({ action: `view:${view.id}`, combos: [`${mod}+${i + 1}`], label: `Show ${view.label}`, group: 'Views' })),
    { action: 'undo', combos: ['mod+z'], label: 'Undo the last edit', group: 'Case' },
    { action: 'redo', combos: ['mod+shift+z'], label: 'Redo', group: 'Case' },
    { action: 'lock', combos: [`${mod}+l`], label: 'Lock (close) the case', group: 'Case' },
    { action: 'switcher', combos: [`${mod}+o`], label: 'Open the case switcher', group: 'Case' },
  ];
}

/** How a combo reads in a menu or tooltip: "mod+l" -> "Ctrl+L", "alt+5" -> "Alt+5". */
export function comboText(combo: string): string {
  return combo
    .split('+')
    .map((part) => (part === 'mod' ? 'Ctrl' : part.length === 1 ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('+');
}

/** The first combo of an action as menu text for a host, e.g. "Ctrl+O" in Electron, "Alt+O" in a browser. */
export function shortcutText(host: ShortcutHost, action: ShortcutAction): string {
  const combo = appShortcuts(host).find((s) => s.action === action)?.combos[0];
  return combo ? comboText(combo) : '';
}
