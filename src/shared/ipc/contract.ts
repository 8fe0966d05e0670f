import { z } from 'zod';
import { achChannels } from './channels/ach';
import { actorChannels } from './channels/actors';
import { analyticsChannels } from './channels/analytics';
import { appChannels } from './channels/app';
import { attachmentChannels } from './channels/attachments';
import { AutosaveSchema, CaseCountsSchema, caseChannels, UndoStateSchema } from './channels/case';
import { exchangeChannels, ExchangeProgress } from './channels/exchange';
import { importChannels, ImportProgress } from './channels/import';
import { passphraseChannels } from './channels/passphrase';
import { placeChannels } from './channels/places';
import { recordChannels } from './channels/records';
import { reportChannels } from './channels/report';
import { reportLiveChannels } from './channels/report-live';
import { taxiiChannels, TaxiiProgress } from './channels/taxii';
import { timelineChannels } from './channels/timeline';
import { viewsChannels } from './channels/views';
import { writtenReportChannels } from './channels/written-reports';

/**
 * The one IPC contract: every channel the renderer may call, with the schema of its request
 * (parsed strictly in main) and of its response. Channels are grouped by domain in ./channels/
 * and joined here; their names exist nowhere else: the preload bridge, the browser transport and
 * the handler record are all derived from this object.
 */
export const contract = {
  ...appChannels,
  ...caseChannels,
  ...recordChannels,
  ...importChannels,
  ...actorChannels,
  ...timelineChannels,
  ...viewsChannels,
  ...analyticsChannels,
  ...attachmentChannels,
  ...reportChannels,
  ...exchangeChannels,
  ...passphraseChannels,
  ...placeChannels,
  ...achChannels,
  ...taxiiChannels,
  ...writtenReportChannels,
  ...reportLiveChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<Contract[C]['response']>;
export const CHANNELS = Object.keys(contract) as Channel[];

/** Pushes from main to the renderer. */
export const events = {
  'case:changed': z.object({ seq: z.number().int(), counts: CaseCountsSchema, undo: UndoStateSchema }),
  'case:autosave': AutosaveSchema,
  'case:closed': z.object({ reason: z.string() }),
  'import:progress': ImportProgress,
  /** How far a `.casefile` export or open has got. */
  'exchange:progress': ExchangeProgress,
  /** How far a TAXII push or pull has got. */
  'taxii:progress': TaxiiProgress,
  /** The open case changed (opened, switched, closed): windows showing another opening refresh. */
  'case:opened': z.object({ generation: z.number().int().nullable() }),
  /** How far opening a case has got (shown in the unlock dialog for large cases). */
  'case:open-progress': z.object({ phase: z.enum(['unlocking', 'reading', 'replaying']), done: z.number(), total: z.number() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export * from './channels/case';
export { PassphraseStrengthSchema, type PassphraseStrength, type PassphraseUse } from './channels/passphrase';
export { HistoryItemSchema, type PutRequest } from './channels/records';
