import { z } from 'zod';
import { Id } from '../../domain/ids';
import { CHECK_KINDS } from '../../report/authoring/check';

/** Most living numbers one request computes (a long report has a few dozen). */
export const FACTS_LIMIT = 500;
/** Most items one check answers with. */
export const CHECK_LIMIT = 2_000;

export const CheckItemSchema = z.object({ kind: z.enum(CHECK_KINDS), node: z.enum(['fact', 'citation', 'figure', 'figureRef']), ordinal: z.number().int(), message: z.string() });

/**
 * The live parts of a written report (docs/report-authoring.md): living numbers computed from
 * the open case, and "Check the draft". Figures are drawn through the Analytics channels
 * (analytics:charts, analytics:map), as the Analytics view draws them.
 */
export const reportLiveChannels = {
  /** Current values of living numbers, by their `spec` attribute (JSON); null where the spec is not valid or the series point is gone. */
  'reports:facts': {
    request: z.object({ specs: z.array(z.string().max(2_000)).max(FACTS_LIMIT) }).strict(),
    response: z.object({ values: z.array(z.number().nullable()).max(FACTS_LIMIT) }),
  },
  /** What the report's saved body needs fixed: numbers changed since confirmed, citations of deleted or merged records, empty figures. */
  'reports:check': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ items: z.array(CheckItemSchema).max(CHECK_LIMIT), total: z.number().int() }),
  },
} as const;
