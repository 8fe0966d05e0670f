import type { Result } from './result';

/**
 * What the preload script exposes as `window.casefile` in Electron, and what the browser
 * transport imitates: an allowlisted invoke and a subscription that returns its own unsubscribe.
 * Channel and event names are checked against the contract on both sides.
 */
export interface CasefileBridge {
  invoke(channel: string, request: unknown, meta?: CallMeta): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * What a call says about the window it comes from: which opening of a case it shows (OpenCase's
 * `generation`). Main refuses calls about a case that is no longer the one open, so two windows
 * of one host never write into each other's case.
 */
export interface CallMeta {
  caseGeneration?: number;
}

/** Channels that do not act on the open case: a window may call them whatever case it shows. */
export const CASE_FREE_CHANNELS: ReadonlySet<string> = new Set(['app:info', 'case:status', 'case:recent', 'case:unlock', 'case:unlock-keychain', 'case:create', 'case:pick-file', 'passphrase:strength', 'places:search']);

/** The Electron IPC channel names that carry the contract; nothing else crosses. */
export const BRIDGE_INVOKE_CHANNEL = 'casefile:invoke';
export const BRIDGE_EVENT_CHANNEL = 'casefile:event';
