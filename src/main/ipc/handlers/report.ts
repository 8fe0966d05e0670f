import { err, ok, type Result } from '../../../shared/ipc/result';
import { PREVIEW_LEFT_OUT } from '../../../shared/report/schemas';
import { reportPreview, reportSummary } from '../../services/report/report-preview';
import { svgToPng } from '../../services/report/rasterize';
import { MEDIA_TYPES, reportFileName, writeReport } from '../../services/report/report-service';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ReportChannels = 'report:preview' | 'report:summary' | 'report:export' | 'report:png';

const NO_CASE = 'No case is open. Open a case, then write its report.';

export function reportHandlers(ctx: HandlerContext): Pick<Handlers, ReportChannels> {
  const attempt = async <T>(work: () => Promise<T> | T): Promise<Result<T>> => {
    try {
      return ok(await work());
    } catch (error) {
      if (error instanceof StoreError) return err(error.code, error.message);
      throw error;
    }
  };
  return {
    'report:preview': async ({ template, filter }) => {
      const doc = ctx.cases.document;
      return doc ? attempt(() => reportPreview(doc, template, filter, new Date())) : err('NO_CASE_OPEN', NO_CASE);
    },
    'report:summary': async ({ maxMarking, filter }) => {
      const doc = ctx.cases.document;
      return doc ? attempt(() => ({ text: reportSummary(doc, maxMarking, filter, new Date()) })) : err('NO_CASE_OPEN', NO_CASE);
    },
    'report:export': async ({ template, format, filter }) => {
      const doc = ctx.cases.document;
      if (!doc) return err('NO_CASE_OPEN', NO_CASE);
      return attempt(async () => {
        // Electron prints with its own engine when the host offers it; elsewhere headless Chromium.
        const { bytes, document } = await writeReport(doc, template, format, { filter, printer: ctx.host.printToPdf });
        return { fileName: reportFileName(template.title, format), mediaType: MEDIA_TYPES[format], base64: bytes.toString('base64'), leftOut: document.leftOut.slice(0, PREVIEW_LEFT_OUT), leftOutTotal: document.leftOut.length };
      });
    },
    // No case needed: the renderer drew the chart from what the case showed it.
    'report:png': ({ svg, width }) => attempt(async () => ({ base64: (await svgToPng(svg, width)).toString('base64') })),
  };
}
