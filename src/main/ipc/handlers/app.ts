import { ok } from '../../../shared/ipc/result';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

export function appHandlers(ctx: HandlerContext): Pick<Handlers, 'app:info'> {
  return {
    'app:info': async () =>
      ok({
        name: 'Casefile Workbench',
        version: ctx.version,
        host: ctx.host.kind,
        nativeDialogs: ctx.host.kind === 'electron',
        keychain: ctx.host.keychain !== null && ctx.host.keychain.unavailableReason() === null,
      }),
  };
}
