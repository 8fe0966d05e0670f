import { plainText, type Block, type Footnote, type Run } from './document';
import type { SectionKind } from './template';

/** How long one section of a report will be, worked out before anything is written. */
export interface SectionSize {
  kind: SectionKind;
  /** What the section lists: profiles, events, charts, sources… */
  items: number;
  /** The items in words, e.g. "12 profiles". */
  label: string;
  /** Estimated A4 pages, to one decimal. */
  pages: number;
}

export interface ReportSize {
  /** Estimated A4 pages of the whole report (PDF; DOCX is close). */
  pages: number;
  sections: SectionSize[];
}

/*
 * A rough model of the PDF's A4 page (html.ts: 10.5 pt text, 18 mm × 16 mm margins plus the
 * marking header and footer): about 48 body lines of 95 characters. Tables and notes are set at
 * 8.5 pt. Charts and the map are figures of known height that do not break across pages.
 */
const LINES_PER_PAGE = 48;
const CHARS_PER_LINE = 95;
const SMALL = 0.85;
const MM_PER_LINE = 5.2;
const TEXT_WIDTH_MM = 178;

const lines = (text: string, perLine = CHARS_PER_LINE) => Math.max(1, Math.ceil(text.length / perLine));

/** Lines one list item takes. */
export function listItemLines(item: readonly Run[]): number {
  return lines(plainText(item), CHARS_PER_LINE - 5) + 0.15;
}

/** Lines one table row takes. */
export function tableRowLines(row: readonly (readonly Run[])[]): number {
  return SMALL * lines(row.map(plainText).join(' '), 80) + 0.35;
}

/** Lines the blocks take (the estimate of any one block of the report). */
export function blocksLines(blocks: readonly Block[]): number {
  return blocks.reduce((sum, b) => sum + blockLines(b), 0);
}

function blockLines(b: Block): number {
  switch (b.type) {
    case 'banner':
      return 1.5;
    case 'title':
      // With the banner above it, the title page fills its page (a page break follows).
      return LINES_PER_PAGE - 1.5;
    case 'heading':
      return b.level === 1 ? 3 : 2;
    case 'paragraph':
      return lines(plainText(b.runs)) + 0.6;
    case 'list':
      return 1 + b.items.reduce((sum, item) => sum + listItemLines(item), 0) + (b.more?.lines ?? 0);
    case 'table':
      return 3 + b.rows.reduce((sum, row) => sum + tableRowLines(row), 0) + (b.more?.lines ?? 0);
    case 'omitted':
      return b.lines;
    case 'chart':
      return 26;
    case 'map':
      return ((b.map.height + 56) / b.map.width) * (TEXT_WIDTH_MM / MM_PER_LINE) + 2;
    case 'page-break':
      return 0;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const UNITS: Record<SectionKind, [string, string?]> = {
  title: ['title page'],
  summary: ['paragraph'],
  charts: ['chart'],
  map: ['map'],
  timeline: ['event'],
  actors: ['profile'],
  events: ['event'],
  ach: ['matrix', 'matrices'],
  sources: ['source'],
};

/** The size of each built section, in order; the notes (printed at the end) count with "Sources and notes", or else with the last section. */
export function reportSize(sections: ReadonlyArray<{ kind: SectionKind; blocks: readonly Block[]; items: number }>, footnotes: readonly Footnote[]): ReportSize {
  const noteLines = footnotes.length === 0 ? 0 : 3 + footnotes.reduce((sum, f) => sum + SMALL * lines(f.text, 110) + 0.15, 0);
  const notesWith = sections.some((s) => s.kind === 'sources') ? 'sources' : sections.at(-1)?.kind;
  let total = 0;
  const out = sections.map(({ kind, blocks, items }): SectionSize => {
    const own = blocks.reduce((sum, b) => sum + blockLines(b), 0) + (kind === notesWith ? noteLines : 0);
    total += own;
    const [one, many] = UNITS[kind];
    const notes = kind === 'sources' && footnotes.length > 0 ? `, ${plural(footnotes.length, 'note')}` : '';
    return { kind, items, label: `${plural(items, one, many)}${notes}`, pages: Math.round((own / LINES_PER_PAGE) * 10) / 10 };
  });
  return { pages: Math.max(1, Math.ceil(total / LINES_PER_PAGE)), sections: out };
}

/** The size as lines of text: the total, then one indented line per section (the builder shows them; the CLI prints them). */
export function sizeLines(size: ReportSize, labels: Readonly<Record<SectionKind, string>>): string[] {
  const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
  return [`About ${pages(size.pages)} (A4)`, ...size.sections.map((s) => `  ${labels[s.kind]}: ${s.label}, ~${pages(s.pages)}`)];
}
