import { z } from 'zod';
import { ChartDataSchema, MapModelSchema } from '../analytics/schemas';
import { Marking } from '../domain/marking';
import { SectionKind } from './template';

/** Schemas of the report tree (document.ts) as the preview sends it; bounded by PreviewLimits. */

/** Rows, list items and profiles the preview shows of each section. */
export const PREVIEW_ROWS = 100;
/** Footnotes and left-out records the preview lists (their totals are sent beside). */
export const PREVIEW_NOTES = 300;
export const PREVIEW_LEFT_OUT = 200;

const Run = z.union([z.object({ text: z.string(), strong: z.boolean().optional() }), z.object({ footnote: z.number().int() })]);
const Runs = z.array(Run).max(2_000);
const Omitted = z.object({ count: z.number().int(), lines: z.number() });

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('banner'), marking: Marking }),
  z.object({ type: z.literal('title'), title: z.string(), subtitle: z.string().optional(), lines: z.array(z.string()).max(20) }),
  z.object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() }),
  z.object({ type: z.literal('paragraph'), runs: Runs }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(Runs).max(PREVIEW_ROWS), more: Omitted.optional() }),
  z.object({ type: z.literal('table'), caption: z.string(), header: z.array(z.string()).max(20), rows: z.array(z.array(Runs).max(20)).max(PREVIEW_ROWS), more: Omitted.optional() }),
  z.object({ type: z.literal('omitted'), text: z.string(), lines: z.number() }),
  z.object({ type: z.literal('chart'), chart: ChartDataSchema }),
  z.object({ type: z.literal('map'), map: MapModelSchema }),
  z.object({ type: z.literal('page-break') }),
]);

export const LeftOutSchema = z.object({ collection: z.enum(['events', 'actors', 'sources', 'series', 'matrices', 'matrixRows', 'blocks', 'citations']), id: z.string(), title: z.string(), marking: Marking, reason: z.string() });

export const ReportPreviewSchema = z.object({
  title: z.string(),
  marking: Marking,
  blocks: z.array(BlockSchema).max(8 * PREVIEW_ROWS + 200),
  footnotes: z.array(z.object({ n: z.number().int(), text: z.string(), sourceId: z.string() })).max(PREVIEW_NOTES),
  leftOut: z.array(LeftOutSchema).max(PREVIEW_LEFT_OUT),
  size: z.object({ pages: z.number(), sections: z.array(z.object({ kind: SectionKind, items: z.number().int(), label: z.string(), pages: z.number() })).max(20) }),
  /** Footnotes of the written report (the preview lists the first PREVIEW_NOTES). */
  footnotesTotal: z.number().int(),
  /** Records left out by the marking cut, per collection (the preview lists the first PREVIEW_LEFT_OUT). */
  leftOutTotal: z.number().int(),
  leftOutCounts: z.record(z.string(), z.number().int()),
});
export type ReportPreview = z.infer<typeof ReportPreviewSchema>;
