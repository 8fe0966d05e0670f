import { z } from 'zod';
import { Empty, Passphrase, StorePath } from './common';

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
  /** Which opening of a case this is: windows send it back with their calls (bridge.ts, CallMeta). */
  generation: z.number().int(),
  id: z.string(),
  name: z.string(),
  path: z.string(),
  counts: CaseCountsSchema,
  autosave: AutosaveSchema,
  undo: UndoStateSchema,
  /** Notes from opening: a migrated format, a discarded unfinished edit. */
  notices: z.array(z.string()).max(50),
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

export const caseChannels = {
  'case:status': { request: Empty, response: CaseStatusSchema },
  'case:recent': { request: Empty, response: z.object({ cases: z.array(RecentCaseSchema).max(100) }) },
  'case:unlock': {
    request: z
      .object({
        path: StorePath,
        passphrase: Passphrase,
        rememberInKeychain: z.boolean().optional(),
        /** The analyst confirmed that a lock which may be left over (LOCK_UNPROVEN) is stale. */
        takeOverLock: z.boolean().optional(),
      })
      .strict(),
    response: OpenCaseSchema,
  },
  'case:unlock-keychain': { request: z.object({ path: StorePath, takeOverLock: z.boolean().optional() }).strict(), response: OpenCaseSchema },
  'case:create': {
    request: z
      .object({
        name: z.string().trim().min(1, 'give the case a name').max(300),
        passphrase: z.string().min(8, 'use a passphrase of at least 8 characters').max(1_024),
        demo: z.boolean(),
        /** The analyst saw that the passphrase is weak (passphrase:strength) and chose to use it anyway. */
        allowWeakPassphrase: z.boolean().optional(),
        /** Where to write it; absent, main asks (Electron dialog) or uses the cases folder. */
        path: StorePath.optional(),
      })
      .strict(),
    response: OpenCaseSchema,
  },
  'case:pick-file': { request: Empty, response: z.object({ path: z.string().nullable() }) },
  'case:close': { request: Empty, response: Empty },
  'case:save': { request: Empty, response: AutosaveSchema },
} as const;
