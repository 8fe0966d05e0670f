import type { IconName } from '@blueprintjs/core';

export type ViewId = 'timeline' | 'actors' | 'analytics' | 'ach' | 'report' | 'import' | 'map' | 'exchange';

export interface ViewDef {
  id: ViewId;
  /** The accessible name of the view's tab. */
  label: string;
  icon: IconName;
}

/** The tabs in the order shown; their shortcuts are numbered in this order (app/shortcuts.ts). */
export const VIEWS: readonly ViewDef[] = [
  { id: 'timeline', label: 'Timeline', icon: 'timeline-events' },
  { id: 'actors', label: 'Actors', icon: 'people' },
  { id: 'analytics', label: 'Analytics', icon: 'timeline-bar-chart' },
  { id: 'ach', label: 'ACH', icon: 'grid' },
  { id: 'report', label: 'Report', icon: 'document' },
  { id: 'map', label: 'Map', icon: 'map' },
  { id: 'import', label: 'Import', icon: 'import' },
  { id: 'exchange', label: 'Exchange', icon: 'exchange' },
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
