/**
 * The preload bridge: `window.casefile` with an allowlisted invoke and event subscription.
 * Runs sandboxed with contextIsolation; it may import only 'electron' and pure shared code.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_EVENT_CHANNEL, BRIDGE_INVOKE_CHANNEL, type CasefileBridge } from '../shared/ipc/bridge';
import { CHANNELS, EVENT_NAMES } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

const bridge: CasefileBridge = {
  invoke(channel, request, meta) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: `There is no channel "${channel}".` } });
    }
    const generation = meta?.caseGeneration;
    return ipcRenderer.invoke(BRIDGE_INVOKE_CHANNEL, channel, request, Number.isSafeInteger(generation) ? { caseGeneration: generation } : {}) as Promise<Result<unknown>>;
  },
  on(event, listener) {
    if (!eventNames.has(event)) return () => undefined;
    const wrapped = (_: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(BRIDGE_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('casefile', bridge);
