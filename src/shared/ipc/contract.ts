import { z } from 'zod';
import { Actor } from '../domain/actor';
import { Event } from '../domain/event';
import { Relationship } from '../domain/relationship';
import { Series } from '../domain/series';
import { Source } from '../domain/source';

/**
 * The one IPC contract: every channel the renderer may call, with the schema of its request
 * (parsed strictly in main) and of its response. Channel names exist nowhere else; the preload
 * bridge, the browser transport and the handler record are all derived from this object.
 */

const Empty = z.object({}).strict();
const Passphrase = z.string().min(1, 'enter the passphrase').max(1_024);
const StorePath = z.string().min(1).max(4_096);

export const CaseCountsSchema = z.object({
  events: z.number().int(),
  actors: z.number().int(),
  relationships: z.number().int(),
  sources: z.number().int(),
  series: z.number().int(),
});

export const AutosaveSchema = z.object({
  /** saved: every edit is on disk; folding: the journal is being folded into the snapshot. */
  state: z.enum(['saved', 'folding', 'error']),
  /** Edits on disk in the journal, not yet folded into the snapshot. */
  journalEdits: z.number().int(),
  lastEditAt: z.string().nullable(),
  lastFoldAt: z.string().nullable(),
  message: z.string().optional(),
});
export type AutosaveState = z.infer<typeof AutosaveSchema>;

export const UndoStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

export const OpenCaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  counts: CaseCountsSchema,
  autosave: AutosaveSchema,
  undo: UndoStateSchema,
  /** Notes from opening: a migrated format, a discarded unfinished edit. */
  notices: z.array(z.string()),
});
export type OpenCase = z.infer<typeof OpenCaseSchema>;

export const RecentCaseSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  lastOpenedAt: z.string(),
  exists: z.boolean(),
  isDemo: z.boolean(),
  keychain: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCaseSchema>;

export const CaseStatusSchema = z.object({
  open: OpenCaseSchema.nullable(),
  /** The case the unlock dialog offers when none is open (the demo case on first start). */
  candidate: RecentCaseSchema.nullable(),
  /** Shown under the passphrase field for the bundled demo case only. */
  demoPassphraseHint: z.string().nullable(),
});
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const HistoryItemSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  by: z.string(),
  kind: z.string(),
  summary: z.string(),
  changeCount: z.number().int(),
});

const PutRequest = z.discriminatedUnion('collection', [
  z.object({ collection: z.literal('events'), record: Event }).strict(),
  z.object({ collection: z.literal('actors'), record: Actor }).strict(),
  z.object({ collection: z.literal('relationships'), record: Relationship }).strict(),
  z.object({ collection: z.literal('sources'), record: Source }).strict(),
  z.object({ collection: z.literal('series'), record: Series }).strict(),
]);
export type PutRequest = z.infer<typeof PutRequest>;

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

export const contract = {
  'app:info': {
    request: Empty,
    response: z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      /** Native open/save dialogs (Electron); the browser host takes typed paths instead. */
      nativeDialogs: z.boolean(),
      /** OS keychain unlock is possible (Electron with a real secret-store backend). */
      keychain: z.boolean(),
    }),
  },
  'case:status': { request: Empty, response: CaseStatusSchema },
  'case:recent': { request: Empty, response: z.object({ cases: z.array(RecentCaseSchema) }) },
  'case:unlock': {
    request: z.object({ path: StorePath, passphrase: Passphrase, rememberInKeychain: z.boolean().optional() }).strict(),
    response: OpenCaseSchema,
  },
  'case:unlock-keychain': { request: z.object({ path: StorePath }).strict(), response: OpenCaseSchema },
  'case:create': {
    request: z
      .object({
        name: z.string().trim().min(1, 'give the case a name').max(300),
        passphrase: z.string().min(8, 'use a passphrase of at least 8 characters').max(1_024),
        demo: z.boolean(),
        /** Where to write it; absent, main asks (Electron dialog) or uses the cases folder. */
        path: StorePath.optional(),
      })
      .strict(),
    response: OpenCaseSchema,
  },
  'case:pick-file': { request: Empty, response: z.object({ path: z.string().nullable() }) },
  'case:close': { request: Empty, response: Empty },
  'case:save': { request: Empty, response: AutosaveSchema },
  'records:events': { request: Empty, response: z.object({ records: z.array(Event) }) },
  'records:actors': { request: Empty, response: z.object({ records: z.array(Actor) }) },
  'records:relationships': { request: Empty, response: z.object({ records: z.array(Relationship) }) },
  'records:sources': { request: Empty, response: z.object({ records: z.array(Source) }) },
  'records:series': { request: Empty, response: z.object({ records: z.array(Series) }) },
  'records:put': { request: PutRequest, response: CommitResponse },
  'records:delete': {
    request: z.object({ collection: z.enum(['events', 'actors', 'relationships', 'sources', 'series']), id: z.string() }).strict(),
    response: CommitResponse,
  },
  'history:undo': { request: Empty, response: CommitResponse },
  'history:redo': { request: Empty, response: CommitResponse },
  'history:list': {
    request: z.object({ limit: z.number().int().min(1).max(1_000) }).strict(),
    response: z.object({ items: z.array(HistoryItemSchema) }),
  },
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
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
