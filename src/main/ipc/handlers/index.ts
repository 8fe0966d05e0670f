import type { Handlers } from '../guard';
import { achHandlers } from './ach';
import { actorHandlers } from './actors';
import { appHandlers } from './app';
import { attachmentHandlers } from './attachments';
import { caseHandlers } from './case';
import type { HandlerContext } from './context';
import { exchangeHandlers } from './exchange';
import { importHandlers } from './import';
import { recordHandlers } from './records';
import { reportHandlers } from './report';
import { viewsHandlers } from './views';

export type { HandlerContext } from './context';

/** Every channel's handler. `satisfies Handlers` makes a missing channel a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...caseHandlers(ctx),
    ...recordHandlers(ctx),
    ...importHandlers(ctx),
    ...actorHandlers(ctx),
    ...viewsHandlers(ctx),
    ...attachmentHandlers(ctx),
    ...reportHandlers(ctx),
    ...exchangeHandlers(ctx),
    ...achHandlers(ctx),
  } satisfies Handlers;
}
