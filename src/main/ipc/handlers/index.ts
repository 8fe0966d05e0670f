import { CaseViews } from '../../services/views';
import type { Handlers } from '../guard';
import { achHandlers } from './ach';
import { actorHandlers } from './actors';
import { analyticsHandlers } from './analytics';
import { appHandlers } from './app';
import { attachmentHandlers } from './attachments';
import { caseHandlers } from './case';
import type { HandlerContext } from './context';
import { exchangeHandlers } from './exchange';
import { importHandlers } from './import';
import { passphraseHandlers } from './passphrase';
import { placeHandlers } from './places';
import { recordHandlers } from './records';
import { reportHandlers } from './report';
import { reportLiveHandlers } from './report-live';
import { taxiiHandlers } from './taxii';
import { viewsHandlers } from './views';
import { writtenReportHandlers } from './written-reports';

export type { HandlerContext } from './context';

/** Every channel's handler. `satisfies Handlers` makes a missing channel a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  const views = new CaseViews(ctx.cases);
  return {
    ...appHandlers(ctx),
    ...caseHandlers(ctx),
    ...recordHandlers(ctx),
    ...importHandlers(ctx),
    ...actorHandlers(ctx, views),
    ...viewsHandlers(ctx, views),
    ...analyticsHandlers(ctx, views),
    ...attachmentHandlers(ctx),
    ...reportHandlers(ctx),
    ...exchangeHandlers(ctx),
    ...passphraseHandlers(),
    ...placeHandlers(),
    ...achHandlers(ctx),
    ...taxiiHandlers(ctx),
    ...writtenReportHandlers(ctx),
    ...reportLiveHandlers(ctx, views),
  } satisfies Handlers;
}
