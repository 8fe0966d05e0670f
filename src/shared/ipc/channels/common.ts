import { z } from 'zod';

/** Schemas several channel groups share. */
export const Empty = z.object({}).strict();
export const Passphrase = z.string().min(1, 'enter the passphrase').max(1_024);
export const StorePath = z.string().min(1).max(4_096);
