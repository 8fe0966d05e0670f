import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { AttachmentService } from '../../services/attachment-service';
import type { CaseService } from '../../services/case-service';
import type { AppPaths } from '../../services/app-paths';
import type { RecentCases } from '../../services/recent-cases';
import type { HostPorts } from '../host-ports';

/** Everything a handler may use. Handlers hold no state of their own. */
export interface HandlerContext {
  cases: CaseService;
  attachments: AttachmentService;
  recent: RecentCases;
  paths: AppPaths;
  host: HostPorts;
  version: string;
  /** Paths the user chose in a dialog during this session. */
  grantedPaths: Set<string>;
  /** Pushes an event to the renderer (import progress). */
  emit?: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}
