import type { Handlers } from '../guard';
import { appHandlers } from './app';
import { caseHandlers } from './case';
import type { HandlerContext } from './context';
import { recordHandlers } from './records';

export type { HandlerContext } from './context';

/** Every channel's handler. `satisfies Handlers` makes a missing channel a compile error. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...caseHandlers(ctx),
    ...recordHandlers(ctx),
  } satisfies Handlers;
}
