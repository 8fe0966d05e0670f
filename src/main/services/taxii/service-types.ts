import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import type { LeftOut } from '../../../shared/exchange';
import type { TaxiiApiRoot, TaxiiCollection } from './client';
import type { ReceivePlan } from './receive';
import type { TaxiiAuth, TaxiiFailure } from './types';

/** What the TAXII service takes and answers (taxii-service.ts), for its handlers, the CLI and tests. */

/** Where to reach a server and as whom. */
export interface Endpoint {
  discoveryUrl: string;
  auth: TaxiiAuth;
  caPem?: string;
}

export interface ServerListing {
  title: string;
  apiRoots: Array<{ root: TaxiiApiRoot; collections: TaxiiCollection[] } | { url: string; error: TaxiiFailure }>;
}

export interface PushOptions {
  maxMarking: Marking;
  filter?: EventFilter;
  /** Send every object again, ignoring what this case remembers having sent. */
  resend?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: { phase: 'connecting' | 'sending'; done: number; total: number }) => void;
}

/** One object of a push, as the analyst sees it: its STIX type and name (or id). */
export interface PushedObject {
  id: string;
  type: string;
  name: string;
}

export interface PushReport {
  collection: string;
  /** How many the server confirmed it stored; `sentObjects` names each. */
  sent: number;
  sentObjects: PushedObject[];
  skipped: number;
  failed: Array<PushedObject & { message: string }>;
  /** Objects the server had not finished storing when we stopped asking. */
  pending: PushedObject[];
  /** Objects the server's status did not account for: not remembered as sent, so the next push sends them again. */
  unknown: PushedObject[];
  leftOut: LeftOut[];
  /** Set when the push stopped part-way: `sent` says exactly what went before. */
  error?: TaxiiFailure;
}

export interface PullOptions {
  /** Page size asked for (default 100; servers may give fewer). */
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { phase: 'connecting' | 'receiving' | 'planning'; done: number; total: number }) => void;
}

export interface PullReview extends ReceivePlan {
  collection: string;
  /** The added_after the pull asked from, and the cursor a merge of it moves to. */
  from?: string;
  highWater?: string;
  pages: number;
}

export interface PullOutcome {
  seq: number | null;
  summary: string;
  counts: { added: number; changed: number; deleted: number; conflictsResolved: number };
  skipped: string[];
  stale?: { differences: string[] };
}
