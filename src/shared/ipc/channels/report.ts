import { z } from 'zod';
import { EventFilter } from '../../domain/filters';
import { Marking } from '../../domain/marking';
import { ReportPreviewSchema } from '../../report/schemas';
import { ReportTemplate } from '../../report/template';

/** Largest drawing the PNG channel takes (a world map of admin-1 areas is a few MB of SVG). */
export const PNG_SVG_LIMIT_CHARS = 32 * 1024 * 1024;
/** Widest PNG it makes (twice a 4K screen's width). */
export const PNG_WIDTH_LIMIT = 8_192;

export const ReportFormatSchema = z.enum(['pdf', 'html', 'docx', 'md']);

export const reportChannels = {
  /**
   * The report's preview, built in main from the case (shared/report/select.ts cuts it): every
   * section measured and numbered as the written report, the first PREVIEW_ROWS of each long one shown.
   */
  'report:preview': {
    request: z.object({ template: ReportTemplate, filter: EventFilter.optional() }).strict(),
    response: ReportPreviewSchema,
  },
  /** The Markdown case summary for the clipboard, from the report's own selection (filters and maximum marking). */
  'report:summary': {
    request: z.object({ maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    response: z.object({ text: z.string().max(500_000) }),
  },
  /**
   * Writes the report of the open case in one format and returns the file's bytes (base64) for
   * the renderer to save; the tree is rebuilt in main from the case, so the renderer cannot add
   * records the marking filter would leave out.
   */
  'report:export': {
    request: z.object({ template: ReportTemplate, format: ReportFormatSchema, filter: EventFilter.optional() }).strict(),
    response: z.object({
      fileName: z.string(),
      mediaType: z.string(),
      base64: z.string(),
      /** What the marking filter left out (the first of them), for the confirmation toast. */
      leftOut: z.array(z.object({ collection: z.string(), id: z.string(), title: z.string(), marking: Marking, reason: z.string() })),
      leftOutTotal: z.number().int(),
    }),
  },
  /**
   * A chart or map drawing (SVG) as PNG, rasterised in main with the bundled Noto fonts: an SVG
   * drawn through an <img> in the renderer sees only the system's fonts, so Arabic, Ethiopic or
   * Devanagari labels came out as empty boxes on machines without them.
   */
  'report:png': {
    request: z.object({ svg: z.string().min(1).max(PNG_SVG_LIMIT_CHARS), width: z.number().int().min(1).max(PNG_WIDTH_LIMIT) }).strict(),
    response: z.object({ base64: z.string() }),
  },
} as const;
