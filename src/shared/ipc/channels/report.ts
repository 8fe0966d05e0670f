import { z } from 'zod';
import { EventFilter } from '../../domain/filters';
import { Marking } from '../../domain/marking';
import { ReportTemplate } from '../../report/template';

export const ReportFormatSchema = z.enum(['pdf', 'html', 'docx', 'md']);

export const reportChannels = {
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
      /** What the marking filter left out, for the confirmation toast. */
      leftOut: z.array(z.object({ collection: z.string(), id: z.string(), title: z.string(), marking: Marking, reason: z.string() })),
    }),
  },
} as const;
