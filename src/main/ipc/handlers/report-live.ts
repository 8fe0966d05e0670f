import { checkCaseOf, checkReport } from '../../../shared/report/authoring/check';
import { computeFacts, parseFactSpec, type FactSpec } from '../../../shared/report/authoring/fact-spec';
import { CHECK_LIMIT } from '../../../shared/ipc/channels/report-live';
import type { CaseViews } from '../../services/views';
import { WrittenReportService } from '../../services/written-report-service';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';
import { openDocument, reading } from './reading';

type ReportLiveChannels = 'reports:facts' | 'reports:check';

/** Living numbers and "Check the draft", computed over the event columns the views keep per case version. */
export function reportLiveHandlers(ctx: HandlerContext, views: CaseViews): Pick<Handlers, ReportLiveChannels> {
  const reports = new WrittenReportService(ctx.cases);
  return {
    'reports:facts': ({ specs }) =>
      reading(async () => {
        const doc = openDocument(ctx.cases);
        const parsed = specs.map((s) => parseFactSpec(s));
        const valid = parsed.flatMap((p) => (p.ok ? [p.spec] : [])) as FactSpec[];
        const tables = await views.data.tables(doc);
        const computed = computeFacts(valid, tables.events, doc.series, tables.columns);
        let at = 0;
        return { values: parsed.map((p) => (p.ok ? (computed[at++] ?? null) : null)) };
      }),
    'reports:check': ({ id }) =>
      reading(async () => {
        const doc = openDocument(ctx.cases);
        const report = reports.get(id);
        const items = checkReport(report.body, checkCaseOf(doc, await views.data.tables(doc)));
        return { items: items.slice(0, CHECK_LIMIT), total: items.length };
      }),
  };
}
