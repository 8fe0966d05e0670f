import { err, ok } from '../../../shared/ipc/result';
import type { CaseViews } from '../../services/views';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type AnalyticsChannels = 'analytics:charts' | 'analytics:builder' | 'analytics:map' | 'analytics:world-map';

const NO_CASE = 'No case is open. Open or create a case first.';

/** Charts and the map, computed in main from the events the filter selects. */
export function analyticsHandlers(ctx: HandlerContext, views: CaseViews): Pick<Handlers, AnalyticsChannels> {
  return {
    'analytics:charts': async ({ filter, settings }) => {
      const doc = ctx.cases.document;
      return doc ? ok(await views.analytics.charts(doc, filter, settings)) : err('NO_CASE_OPEN', NO_CASE);
    },
    'analytics:builder': async ({ filter, spec }) => {
      const doc = ctx.cases.document;
      return doc ? ok(await views.analytics.builder(doc, filter, spec)) : err('NO_CASE_OPEN', NO_CASE);
    },
    'analytics:map': async ({ filter, scope, policy }) => {
      const doc = ctx.cases.document;
      return doc ? ok(await views.analytics.map(doc, filter, scope, policy)) : err('NO_CASE_OPEN', NO_CASE);
    },
    'analytics:world-map': async ({ filter, policy }) => {
      const doc = ctx.cases.document;
      return doc ? ok(await views.analytics.worldMap(doc, filter, policy)) : err('NO_CASE_OPEN', NO_CASE);
    },
  };
}
