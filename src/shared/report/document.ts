import type { ChartData } from '../analytics/chart-data';
import type { MapModel } from '../analytics/map-model';
import type { Marking } from '../domain/marking';
import type { ReportSize } from './size';

/** Inline content: text with its emphasis, or a reference to a numbered note. */
export type Run = TextRun | { footnote: number };

export interface TextRun {
  text: string;
  strong?: boolean;
  /** Italic (the written report's emphasis). */
  em?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  sup?: boolean;
  sub?: boolean;
}

/** A written block's reading direction (RTL paragraphs are marked so in every format). */
export type Direction = 'ltr' | 'rtl';

export type Block =
  | { type: 'banner'; marking: Marking }
  | { type: 'title'; title: string; subtitle?: string; lines: string[] }
  | { type: 'heading'; level: 1 | 2 | 3; text: string; dir?: Direction }
  /** `quote`: part of a block quotation; `role: 'caption'`: a figure's caption (Word's Caption style). */
  | { type: 'paragraph'; runs: Run[]; dir?: Direction; quote?: boolean; role?: 'caption' }
  | { type: 'list'; ordered: boolean; items: Run[][]; more?: Omitted; dir?: Direction; quote?: boolean; itemDirs?: Direction[] }
  | { type: 'table'; caption: string; header: string[]; rows: Run[][][]; more?: Omitted; dir?: Direction }
  /** A preview's stand-in for what it does not show (whole profiles); the written report has them. */
  | { type: 'omitted'; text: string; lines: number }
  | { type: 'chart'; chart: ChartData }
  | { type: 'map'; map: MapModel }
  | { type: 'page-break' };

/** Items (list items, table rows) a preview leaves out of a block, and the lines they take in the written report. */
export interface Omitted {
  count: number;
  lines: number;
}

export interface Footnote {
  n: number;
  /** The cited source, as a bibliography line, with the locator. */
  text: string;
  /** The cited record (a source; in written reports also an event or actor); empty for a withheld note. */
  sourceId: string;
}

/** Why a record is not in the report, shown before anything is written. */
export interface LeftOut {
  /** `blocks`: a written report's block (its title names only its kind and place, never its text); `citations`: a withheld citation. */
  collection: 'events' | 'actors' | 'sources' | 'series' | 'matrices' | 'matrixRows' | 'blocks' | 'citations';
  id: string;
  title: string;
  marking: Marking;
  reason: string;
}

/** The report as a tree every writer (HTML, PDF, DOCX, Markdown) and the live preview walk. */
export interface ReportDocument {
  title: string;
  /** The marking of the report: the most restrictive marking among what it contains. */
  marking: Marking;
  blocks: Block[];
  footnotes: Footnote[];
  leftOut: LeftOut[];
  /** How long each section and the whole report will be, for the builder and the CLI to show first. */
  size: ReportSize;
  /** Where writers put the notes: at the foot of each page (the default) or all at the end. */
  notePlacement?: 'footnotes' | 'endnotes';
  /** The works cited, formatted in the report's style, printed after the notes. */
  bibliography?: { heading: string; entries: string[] };
  /** Document properties writers store in the file (DOCX core properties, HTML meta). */
  meta?: { subtitle?: string; authors: string[]; date?: string };
}

/** The text of runs without footnote marks (for alt text and plain writers). */
export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => ('text' in r ? r.text : '')).join('');
}
