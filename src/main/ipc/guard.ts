import type { z } from 'zod';
import { ANSWER_LIMIT_CHARS, UNBOUNDED_ANSWERS } from '../../shared/ipc/bounds';
import { CASE_FREE_CHANNELS } from '../../shared/ipc/bridge';
import { contract, type Channel, type Contract, type ResponseOf } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/ipc/result';

export type RequestValue<C extends Channel> = z.infer<Contract[C]['request']>;

/** One handler per channel; a channel without one is a compile error where this record is built. */
export type Handlers = { [C in Channel]: (request: RequestValue<C>) => Promise<Result<ResponseOf<C>>> };

/** Who is calling: the origin of the frame (Electron) or of the page (browser host), and which opening of a case the window shows. */
export interface Sender {
  origin: string;
  caseGeneration?: number;
}

export type Dispatch = (channel: string, request: unknown, sender: Sender) => Promise<Result<unknown>>;

/**
 * The single entry point for every IPC call in every host: checks that the channel exists and
 * the sender is our own app, parses the request strictly, runs the handler and turns anything
 * thrown into an error value.
 */
export function createDispatch(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean, openGeneration: () => number = () => 0): Dispatch {
  return async (channel, request, sender) => {
    if (!isTrustedSender(sender)) return err('FORBIDDEN', `Calls from ${sender.origin || 'an unknown origin'} are refused.`);
    if (!Object.hasOwn(contract, channel)) return err('FORBIDDEN', `There is no channel "${channel}".`);
    // A window that shows another opening of a case (another window opened or closed one since)
    // may not act on the case open now.
    if (sender.caseGeneration !== undefined && !CASE_FREE_CHANNELS.has(channel) && sender.caseGeneration !== openGeneration()) {
      return err('CONFLICT', 'The case this window shows is no longer the one open (another window opened or closed a case). Nothing was changed; the window now shows what is open.');
    }
    const name = channel as Channel;
    const parsed = contract[name].request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
      return err('VALIDATION', `${issue?.message ?? 'Invalid request'}${where}.`);
    }
    try {
      const handler = handlers[name] as (value: unknown) => Promise<Result<unknown>>;
      const answer = await handler(parsed.data);
      // A view built from a case that was switched away while it was built is that case's data,
      // not this window's any more: dropped (edits are not: they were checked when they committed).
      if (sender.caseGeneration !== undefined && isView(name) && sender.caseGeneration !== openGeneration()) {
        return err('CONFLICT', 'The case this window shows is no longer the one open (another window opened or closed a case while this view was prepared). The window now shows what is open.');
      }
      return bounded(name, answer);
    } catch (error) {
      return err('INTERNAL', `Unexpected failure in ${channel}: ${(error as Error)?.message ?? String(error)}.`);
    }
  };
}

/**
 * No answer grows with the case (shared/ipc/bounds.ts): one longer than ANSWER_LIMIT_CHARS of
 * JSON is a defect of its channel, refused here rather than sent to a renderer it could stall.
 */
function bounded(channel: Channel, result: Result<unknown>): Result<unknown> {
  if (!result.ok || UNBOUNDED_ANSWERS.has(channel)) return result;
  let length: number;
  try {
    const text = JSON.stringify(result);
    length = text.length;
    if (length <= ANSWER_LIMIT_CHARS) measured.set(result, text);
  } catch {
    length = Infinity;
  }
  if (length <= ANSWER_LIMIT_CHARS) return result;
  const size = Number.isFinite(length) ? `${(length / 1_048_576).toFixed(1)} MB` : 'too long to measure';
  return err('INTERNAL', `The answer to ${channel} was ${size}, more than the ${ANSWER_LIMIT_CHARS / 1_048_576} MB one answer may carry. Nothing was sent; narrow the filters, and please report this.`);
}

/** The JSON text of answers `bounded` measured, until a host that sends JSON takes it. */
const measured = new WeakMap<object, string>();

/**
 * An answer as JSON text: the text made when its length was checked (taken once, so a result
 * object a handler hands out again is serialised afresh), or made now. The browser host sends
 * this, instead of serialising every answer twice.
 */
export function answerJson(result: Result<unknown>): string {
  const text = measured.get(result);
  if (text === undefined) return JSON.stringify(result);
  measured.delete(result);
  return text;
}

/** Channels that only read the open case to draw a view: their answer is only good for the case it was built from. */
const VIEW_CHANNELS: ReadonlySet<string> = new Set([
  'timeline:summary', 'timeline:window', 'timeline:tiles', 'timeline:list', 'timeline:facets', 'timeline:event',
  'analytics:charts', 'analytics:builder', 'analytics:map', 'analytics:world-map',
  'records:events', 'records:actors', 'records:relationships', 'records:sources', 'records:series',
  'actors:list', 'actors:search', 'actors:detail', 'actors:profile', 'actors:link-chart', 'actors:duplicates', 'actors:merge-preview',
  'sources:list', 'sources:citing', 'report:preview', 'report:summary',
]);

function isView(channel: Channel): boolean {
  return VIEW_CHANNELS.has(channel);
}
