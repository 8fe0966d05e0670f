import type { Result } from './result';

/**
 * What the preload script exposes as `window.casefile` in Electron, and what the browser
 * transport imitates: an allowlisted invoke and a subscription that returns its own unsubscribe.
 * Channel and event names are checked against the contract on both sides.
 */
export interface CasefileBridge {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The Electron IPC channel names that carry the contract; nothing else crosses. */
export const BRIDGE_INVOKE_CHANNEL = 'casefile:invoke';
export const BRIDGE_EVENT_CHANNEL = 'casefile:event';
