import { err, ok } from '../../../shared/ipc/result';
import { MEDIA_TYPES, reportFileName, writeReport } from '../../services/report/report-service';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

export function reportHandlers(ctx: HandlerContext): Pick<Handlers, 'report:export'> {
  return {
    'report:export': async ({ template, format, filter }) => {
      const doc = ctx.cases.document;
      if (!doc) return err('NO_CASE_OPEN', 'No case is open. Open a case, then write its report.');
      try {
        // Electron prints with its own engine when the host offers it; elsewhere headless Chromium.
        const { bytes, document } = await writeReport(doc, template, format, { filter, printer: ctx.host.printToPdf });
        return ok({ fileName: reportFileName(template.title, format), mediaType: MEDIA_TYPES[format], base64: bytes.toString('base64'), leftOut: document.leftOut });
      } catch (error) {
        if (error instanceof StoreError) return err(error.code, error.message);
        throw error;
      }
    },
  };
}
