import { z } from 'zod';
import { Id } from './ids';

/**
 * A pointer from a fact to a source. `field` names the field of the record it supports
 * (e.g. 'fatalities'); absent, it supports the record as a whole.
 * Credibility follows the Admiralty scale: 1 confirmed … 6 cannot be judged.
 */
export const Citation = z
  .object({
    sourceId: Id,
    locator: z.string().max(500).optional(),
    credibility: z.number().int().min(1).max(6),
    field: z.string().max(100).optional(),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;
