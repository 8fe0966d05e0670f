import { err } from '../../../shared/ipc/result';
import { CASE_SECTION_PREVIEW_ROWS, compileCaseSection, parseCaseSection, previewLines } from '../../../shared/report/authoring/case-section';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { formatNotes } from '../../services/report/csl-notes';
import { EXPORT_LEFT_OUT_LIMIT, NOTES_LIMIT } from '../../../shared/ipc/channels/written-reports';
import { MEDIA_TYPES, reportFileName } from '../../services/report/report-service';
import { compileForExport, writeWrittenReport } from '../../services/report/written-export';
import { chromiumPrinter } from '../../services/report/pdf';
import { StoreError } from '../../store/store-error';
import { CitationSearch, describeCited } from '../../services/written-report-citations';
import { WrittenReportService } from '../../services/written-report-service';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';
import { openDocument, reading } from './reading';

type WrittenReportChannels = 'reports:case-section' | 'reports:list' | 'reports:get' | 'reports:create' | 'reports:update' | 'reports:issue' | 'reports:branch' | 'reports:delete' | 'reports:cite-search' | 'reports:cited' | 'reports:notes' | 'reports:export-plan' | 'reports:export';

/** Written reports: list and read, and every edit as one journaled case edit. */
export function writtenReportHandlers(ctx: HandlerContext): Pick<Handlers, WrittenReportChannels> {
  const reports = new WrittenReportService(ctx.cases);
  const citations = new CitationSearch();
  const doc = () => openDocument(ctx.cases);
  return {
    'reports:list': () => reading(() => {
      const all = reports.list();
      return { reports: all.slice(0, PAGE_LIMIT), total: all.length };
    }),
    'reports:get': ({ id }) => reading(() => ({ report: reports.get(id) })),
    'reports:create': (fields) => (ctx.cases.document ? reports.create({ ...fields, marking: fields.marking ?? ctx.cases.document.defaultMarking }) : Promise.resolve(err('NO_CASE_OPEN', 'No case is open. Open or create a case first.'))),
    'reports:update': ({ id, patch }) => reading(() => reports.update(id, patch)).then((r) => (r.ok ? r.value : r)),
    'reports:issue': ({ id }) => reports.issue(id),
    'reports:branch': ({ id }) => reports.branch(id),
    'reports:delete': ({ id }) => reports.delete(id),
    'reports:cite-search': ({ query, limit }) => reading(() => ({ hits: citations.search(doc(), query, limit ?? 20) })),
    'reports:notes': ({ id }) => reading(async () => {
      const report = reports.get(id);
      const records = ctx.cases.records;
      const notes = await formatNotes(doc(), report.body, report.citationStyle, (kind, recordId) => records?.get(kind, recordId));
      return { notes: notes.slice(0, NOTES_LIMIT), total: notes.length };
    }),
    'reports:export-plan': ({ id, maxMarking, withheld, noteMode }) => reading(() => {
      const compiled = compileForExport(doc(), reports.get(id), { maxMarking, withheld, noteMode });
      if (!compiled.ok) throw new StoreError(compiled.error.code, compiled.error.message);
      const d = compiled.value;
      return { leftOut: d.leftOut.slice(0, EXPORT_LEFT_OUT_LIMIT), leftOutTotal: d.leftOut.length, notes: d.footnotes.length, marking: d.marking };
    }),
    'reports:export': ({ id, format, maxMarking, withheld, noteMode }) => reading(async () => {
      const report = reports.get(id);
      const fileName = reportFileName(report.title, format);
      const base = fileName.slice(0, -(format.length + 1));
      // Electron prints with its own engine when the host offers it; elsewhere headless Chromium.
      const written = await writeWrittenReport(doc(), report, { format, maxMarking, withheld, noteMode }, ctx.host.printToPdf ?? chromiumPrinter, base);
      if (!written.ok) throw new StoreError(written.error.code, written.error.message);
      const { bytes, document, figures } = written.value;
      return {
        fileName,
        mediaType: MEDIA_TYPES[format],
        base64: bytes.toString('base64'),
        figures: figures.map((f) => ({ fileName: f.name, mediaType: 'image/svg+xml', base64: f.bytes.toString('base64') })),
        leftOut: document.leftOut.slice(0, EXPORT_LEFT_OUT_LIMIT),
        leftOutTotal: document.leftOut.length,
      };
    }),
    'reports:case-section': ({ kind, settings }) => reading(() => {
      const parsed = parseCaseSection({ kind, settings });
      if (!parsed.ok) throw new StoreError('VALIDATION', `This case section cannot be shown: ${parsed.reason}. Remove it and insert it again.`);
      const d = doc();
      // The analyst's own view shows the whole case; an export cuts it at its maximum marking.
      const section = compileCaseSection(parsed.kind, parsed.settings, { caseName: d.name, ...d }, 'TLP:RED', () => [], CASE_SECTION_PREVIEW_ROWS);
      return { items: section.items, lines: previewLines(section.blocks).map((l) => l.slice(0, 2_000)) };
    }),
    'reports:cited': ({ refs }) => reading(() => {
      const d = doc();
      const records = ctx.cases.records;
      const get = (kind: 'sources' | 'events' | 'actors', id: string) => records?.get(kind, id);
      const found = refs.map((r) => describeCited(d, r.kind, r.id, get));
      return { records: found.filter((r) => r !== undefined), missing: refs.filter((_, i) => !found[i]).map((r) => r.id) };
    }),
  };
}
