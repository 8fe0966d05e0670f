import type { CasefileBridge } from '../../shared/ipc/bridge';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

/**
 * The only place in the renderer that talks to main. In Electron it uses the preload bridge;
 * in the browser host, HTTP on the same origin with the per-launch token.
 */
declare global {
  interface Window {
    casefile?: CasefileBridge;
  }
}

const TOKEN_KEY = 'casefile.launchToken';

function launchToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar, history and screenshots.
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(): CasefileBridge {
  const token = launchToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = (): void => {
    if (source || !token) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  };
  return {
    async invoke(channel, request, meta) {
      if (!token) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This page was opened without its launch token. Open the link the browser host printed in the terminal.' } };
      }
      try {
        const response = await fetch(`/ipc/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': token, ...(meta?.caseGeneration !== undefined ? { 'X-Casefile-Case': String(meta.caseGeneration) } : {}) },
          body: JSON.stringify(request ?? {}),
        });
        if (response.headers.get('Content-Type')?.startsWith('application/json')) return (await response.json()) as Result<unknown>;
        // Plain-text refusals from the host: a wrong Origin or Host, or a method it does not serve.
        const text = await response.text();
        const code = response.status === 401 || response.status === 403 || response.status === 421 ? 'FORBIDDEN' : 'INTERNAL';
        return { ok: false, error: { code, message: `The Casefile host refused the call (${response.status}): ${text}` } };
      } catch (error) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: `The Casefile host is not answering (${(error as Error).message}). Is the browser host still running?` } };
      }
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        source?.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const l of created) l(payload);
        });
        set = created;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/**
 * Where the renderer reads one of the case's files from (an <img>, a download link): the host
 * streams it from the case's blob store. `path` is what `attachments:get` answered.
 */
export function attachmentUrl(path: string, options: { download?: boolean } = {}): string {
  // `path` may carry the host's per-file key (`?key=…`); the launch token never goes in a link.
  const [base = path, existing = ''] = path.split('?', 2);
  const query = new URLSearchParams(existing);
  if (options.download) query.set('download', '1');
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return window.casefile ? `app://casefile${base}${suffix}` : `${base}${suffix}`;
}

let bridge: CasefileBridge | null = null;
function getBridge(): CasefileBridge {
  bridge ??= window.casefile ?? httpBridge();
  return bridge;
}

/** Which host serves us; the Electron preload defines window.casefile. */
export function hostKind(): 'electron' | 'browser' {
  return window.casefile ? 'electron' : 'browser';
}

/** The opening of a case this window shows (OpenCase.generation); sent with every call. */
let shownGeneration: number | undefined;
const caseMovedListeners = new Set<() => void>();

/** The opening of a case this window shows, if any. */
export function shownCase(): number | null {
  return shownGeneration ?? null;
}

/** Binds this window's calls to the case it shows (null: none is shown). */
export function bindToCase(generation: number | null): void {
  shownGeneration = generation ?? undefined;
}

/** Called when main refused a call because another window opened or closed a case; returns the unsubscribe. */
export function onCaseMoved(listener: () => void): () => void {
  caseMovedListeners.add(listener);
  return () => caseMovedListeners.delete(listener);
}

export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  const result = (await getBridge().invoke(channel, request, shownGeneration === undefined ? {} : { caseGeneration: shownGeneration })) as Result<ResponseOf<C>>;
  if (!result.ok && result.error.code === 'CONFLICT' && result.error.message.startsWith('The case this window shows is no longer')) {
    for (const listener of caseMovedListeners) listener();
  }
  return result;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().on(event, listener as (payload: unknown) => void);
}
