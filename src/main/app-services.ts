import { userInfo } from 'node:os';
import type { EventName, EventPayload } from '../shared/ipc/contract';
import { createDispatch, type Dispatch, type Sender } from './ipc/guard';
import { createHandlers } from './ipc/handlers';
import type { HostPorts } from './ipc/host-ports';
import type { AppPaths } from './services/app-paths';
import { AttachmentService } from './services/attachment-service';
import { CaseService } from './services/case-service';
import { RecentCases } from './services/recent-cases';

export interface AppServices {
  dispatch: Dispatch;
  cases: CaseService;
  attachments: AttachmentService;
  recent: RecentCases;
  /** Subscribe to pushes for the renderer; returns the unsubscribe. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

/** Wires the plain-Node services and the IPC handlers once, for whichever host runs them. */
export function createAppServices(options: { paths: AppPaths; host: HostPorts; version: string; isTrustedSender: (sender: Sender) => boolean }): AppServices {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(name, payload);
  };
  const cases = new CaseService({ user: safeUserName(), emit });
  const recent = new RecentCases(options.paths.recentFile, options.paths.demoCase);
  const attachments = new AttachmentService(cases);
  const handlers = createHandlers({ cases, attachments, recent, paths: options.paths, host: options.host, version: options.version, grantedPaths: new Set<string>(), emit });
  return {
    dispatch: createDispatch(handlers, options.isTrustedSender, () => cases.generation),
    cases,
    attachments,
    recent,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}
