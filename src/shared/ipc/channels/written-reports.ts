import { z } from 'zod';
import { Id } from '../../domain/ids';
import { Marking } from '../../domain/marking';
import { CitationStyle, CitedKind, IsoDay, ReportBody, ReportStatus, WrittenReport } from '../../domain/written-report';
import { PAGE_LIMIT } from '../bounds';
import { CASE_SECTION_PREVIEW_ROWS, CASE_SECTION_SETTINGS_MAX, CaseSectionKind } from '../../report/authoring/case-section';
import { Empty } from './common';

/** What every edit of a written report answers; `saved` is false when nothing changed (no journal entry). */
const ReportCommitResponse = z.object({ seq: z.number().int(), summary: z.string(), saved: z.boolean(), id: z.string() });

export const CiteCandidateSchema = z.object({ kind: CitedKind, id: z.string(), label: z.string(), detail: z.string(), marking: Marking });
export type CiteCandidate = z.infer<typeof CiteCandidateSchema>;

/** Most records one citation search answers with, and most cited records described at once. */
export const CITE_SEARCH_LIMIT = 50;
export const CITED_LOOKUP_LIMIT = 500;
/** Most notes one answer lists (the article this is modelled on has about 130). */
export const NOTES_LIMIT = 2_000;

export const ReportListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  date: z.string(),
  marking: Marking,
  status: ReportStatus,
  issuedAt: z.string().optional(),
  branchedFrom: z.string().optional(),
});
export type ReportListItem = z.infer<typeof ReportListItemSchema>;

const ReportPatchSchema = z
  .object({
    title: z.string().max(500).optional(),
    subtitle: z.string().max(1_000).nullable().optional(),
    authors: z.array(z.string().max(200)).max(30).optional(),
    date: IsoDay.optional(),
    marking: Marking.optional(),
    citationStyle: CitationStyle.optional(),
    body: ReportBody.optional(),
  })
  .strict();

/** How a written report is exported: the maximum marking, what a withheld citation's note does, where notes go. */
const ExportSettings = {
  id: Id,
  maxMarking: Marking,
  /** "mark": a citation of a record above the maximum keeps a note reading "[withheld]"; "drop": its marker goes. */
  withheld: z.enum(['mark', 'drop']),
  noteMode: z.enum(['footnotes', 'endnotes']),
};
/** Most left-out entries one answer lists (the total says how many there were). */
export const EXPORT_LEFT_OUT_LIMIT = 500;
const LeftOutList = z.array(z.object({ collection: z.string(), id: z.string(), title: z.string(), marking: Marking, reason: z.string() })).max(EXPORT_LEFT_OUT_LIMIT);

/**
 * Written reports (docs/report-authoring.md): several per case, each edit one journaled, undoable
 * case edit. An issued report is frozen: every edit of it is refused with CONFLICT.
 */
export const writtenReportChannels = {
  'reports:list': { request: Empty, response: z.object({ reports: z.array(ReportListItemSchema).max(PAGE_LIMIT), total: z.number().int() }) },
  'reports:get': { request: z.object({ id: Id }).strict(), response: z.object({ report: WrittenReport }) },
  /** Adds a draft; without a marking it takes the case's default marking. */
  'reports:create': {
    request: z
      .object({ title: z.string().max(500), subtitle: z.string().max(1_000).optional(), authors: z.array(z.string().max(200)).max(30).optional(), date: IsoDay, marking: Marking.optional(), citationStyle: CitationStyle.optional() })
      .strict(),
    response: ReportCommitResponse,
  },
  /** Changes a draft's fields and/or body. The editor sends the body coalesced (shared/report/authoring/save-coalescer.ts). */
  'reports:update': { request: z.object({ id: Id, patch: ReportPatchSchema }).strict(), response: ReportCommitResponse },
  'reports:issue': { request: z.object({ id: Id }).strict(), response: ReportCommitResponse },
  /** "New draft from this": answers with the new draft's id. */
  'reports:branch': { request: z.object({ id: Id }).strict(), response: ReportCommitResponse },
  'reports:delete': { request: z.object({ id: Id }).strict(), response: ReportCommitResponse },
  /** Records a citation may point at (sources, events, actors), by the case's name search in any script. */
  'reports:cite-search': {
    request: z.object({ query: z.string().max(300), limit: z.number().int().min(1).max(CITE_SEARCH_LIMIT).optional() }).strict(),
    response: z.object({ hits: z.array(CiteCandidateSchema).max(CITE_SEARCH_LIMIT) }),
  },
  /** The cited records as they are now (hover titles, the record card); `missing` lists those the case no longer holds. */
  'reports:cited': {
    request: z.object({ refs: z.array(z.object({ kind: CitedKind, id: Id }).strict()).max(CITED_LOOKUP_LIMIT) }).strict(),
    response: z.object({ records: z.array(CiteCandidateSchema).max(CITED_LOOKUP_LIMIT), missing: z.array(z.string()).max(CITED_LOOKUP_LIMIT) }),
  },
  /**
   * What an export at these settings would leave out (blocks above the maximum, withheld
   * citations), shown before anything is written; refused when the report as a whole is above the maximum.
   */
  'reports:export-plan': {
    request: z.object(ExportSettings).strict(),
    response: z.object({ leftOut: LeftOutList, leftOutTotal: z.number().int(), notes: z.number().int(), marking: Marking }),
  },
  /**
   * Writes the report in one format (compiled in main from the case, so nothing above the maximum
   * can come from the renderer); Markdown's figures come as files to save beside it.
   */
  'reports:export': {
    request: z.object({ ...ExportSettings, format: z.enum(['pdf', 'html', 'docx', 'md']) }).strict(),
    response: z.object({
      fileName: z.string(),
      mediaType: z.string(),
      base64: z.string(),
      figures: z.array(z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() })).max(200),
      leftOut: LeftOutList,
      leftOutTotal: z.number().int(),
    }),
  },
  /** The report's notes in reading order, formatted by the CSL processor in the report's note style. */
  'reports:notes': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ notes: z.array(z.object({ n: z.number().int(), kind: CitedKind, recordId: z.string(), text: z.string(), missing: z.boolean() })).max(NOTES_LIMIT), total: z.number().int() }),
  },
  /**
   * A case section's compact preview for its node view (shared/report/authoring/case-section.ts):
   * how many items it holds in the whole case and its first lines. The export compiles it again.
   */
  'reports:case-section': {
    request: z.object({ kind: CaseSectionKind, settings: z.string().max(CASE_SECTION_SETTINGS_MAX) }).strict(),
    response: z.object({ items: z.number().int(), lines: z.array(z.string().max(2_000)).max(CASE_SECTION_PREVIEW_ROWS) }),
  },
} as const;
