import { Classes } from '@blueprintjs/core';
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

/** The selected view of the open case, as the tab panel of the navbar's view tabs. */
export function ViewHost({ view }: ViewHostProps) {
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  return (
    // The id is the one Blueprint's tab points at with aria-controls (tabs "cf-views").
    <section className="cf-view" id={`${Classes.TAB_PANEL}_cf-views_${view}`} role="tabpanel" aria-label={label} data-view={view}>
      {view === 'timeline' && <TimelineView />}
      {view === 'actors' && <ActorsView />}
      {view === 'analytics' && <AnalyticsView />}
      {view === 'ach' && <AchView />}
      {view === 'report' && <ReportView />}
      {view === 'map' && <MapView />}
      {view === 'import' && <ImportView />}
      {view === 'exchange' && <ExchangeView />}
    </section>
  );
}
