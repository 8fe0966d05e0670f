import { Classes } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import { AchView } from '../features/ach/AchView';
import { ActorsView } from '../features/actors/ActorsView';
import { AnalyticsView } from '../features/analytics/AnalyticsView';
import { ExchangeView } from '../features/exchange/ExchangeView';
import { ImportView } from '../features/import/ImportView';
import { MapView } from '../features/map/MapView';
import { ReportView } from '../features/report/ReportView';
import { TimelineView } from '../features/timeline/TimelineView';
import { VIEWS, type ViewId } from './views';

export interface ViewHostProps {
  /** The view to show. */
  view: ViewId;
}

/**
 * The tab panel of the navbar's view tabs for `view`. The selected tab always names it in
 * aria-controls (Blueprint, tabs "cf-views"), so it must exist even when no case is open.
 */
export function ViewPanel({ view, children }: { view: ViewId; children: ReactNode }) {
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  return (
    <section className="cf-view" id={`${Classes.TAB_PANEL}_cf-views_${view}`} role="tabpanel" aria-label={label} data-view={view}>
      {children}
    </section>
  );
}

/** The selected view of the open case, as the tab panel of the navbar's view tabs. */
export function ViewHost({ view }: ViewHostProps) {
  return (
    <ViewPanel view={view}>
      {view === 'timeline' && <TimelineView />}
      {view === 'actors' && <ActorsView />}
      {view === 'analytics' && <AnalyticsView />}
      {view === 'ach' && <AchView />}
      {view === 'report' && <ReportView />}
      {view === 'map' && <MapView />}
      {view === 'import' && <ImportView />}
      {view === 'exchange' && <ExchangeView />}
    </ViewPanel>
  );
}
