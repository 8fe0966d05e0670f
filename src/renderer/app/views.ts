import type { IconName } from '@blueprintjs/core';

export type ViewId = 'timeline' | 'actors' | 'analytics' | 'ach' | 'report' | 'import' | 'map' | 'exchange';

export interface ViewDef {
  id: ViewId;
  /** The accessible name of the view's tab. */
  label: string;
  icon: IconName;
  /** The digit of its Ctrl/Cmd shortcut. */
  key: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'timeline', label: 'Timeline', icon: 'timeline-events', key: '1' },
  { id: 'actors', label: 'Actors', icon: 'people', key: '2' },
  { id: 'analytics', label: 'Analytics', icon: 'timeline-bar-chart', key: '3' },
  { id: 'ach', label: 'ACH', icon: 'grid', key: '8' },
  { id: 'report', label: 'Report', icon: 'document', key: '4' },
  { id: 'map', label: 'Map', icon: 'map', key: '7' },
  { id: 'import', label: 'Import', icon: 'import', key: '5' },
  { id: 'exchange', label: 'Exchange', icon: 'exchange', key: '6' },
];

const STORAGE_KEY = 'casefile.view';

export function isViewId(value: unknown): value is ViewId {
  return VIEWS.some((v) => v.id === value);
}

export function storedView(): ViewId {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isViewId(value) ? value : 'timeline';
  } catch {
    return 'timeline';
  }
}

export function rememberView(view: ViewId): void {
  try {
    localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // Only a convenience; the view still changes.
  }
}
