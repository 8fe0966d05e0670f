import type { z } from 'zod';
import { contract, type Channel, type Contract, type ResponseOf } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/ipc/result';

export type RequestValue<C extends Channel> = z.infer<Contract[C]['request']>;

/** One handler per channel; a channel without one is a compile error where this record is built. */
export type Handlers = { [C in Channel]: (request: RequestValue<C>) => Promise<Result<ResponseOf<C>>> };

/** Who is calling: the origin of the frame (Electron) or of the page (browser host). */
export interface Sender {
  origin: string;
}

export type Dispatch = (channel: string, request: unknown, sender: Sender) => Promise<Result<unknown>>;

/**
 * The single entry point for every IPC call in every host: checks that the channel exists and
 * the sender is our own app, parses the request strictly, runs the handler and turns anything
 * thrown into an error value.
 */
export function createDispatch(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean): Dispatch {
  return async (channel, request, sender) => {
    if (!isTrustedSender(sender)) return err('FORBIDDEN', `Calls from ${sender.origin || 'an unknown origin'} are refused.`);
    if (!Object.hasOwn(contract, channel)) return err('FORBIDDEN', `There is no channel "${channel}".`);
    const name = channel as Channel;
    const parsed = contract[name].request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      return err('VALIDATION', `${issue?.message ?? 'Invalid request'}${where}.`);
    }
    try {
      const handler = handlers[name] as (value: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (error) {
      return err('INTERNAL', `Unexpected failure in ${channel}: ${(error as Error)?.message ?? String(error)}.`);
    }
  };
}
