import type { ChartData } from '../analytics/chart-data';
import type { MapModel } from '../analytics/map-model';
import type { Marking } from '../domain/marking';
import type { ReportSize } from './size';

/** Inline content: plain text, or a reference to a numbered footnote. */
export type Run = { text: string; strong?: boolean } | { footnote: number };

export type Block =
  | { type: 'banner'; marking: Marking }
  | { type: 'title'; title: string; subtitle?: string; lines: string[] }
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; items: Run[][]; more?: Omitted }
  | { type: 'table'; caption: string; header: string[]; rows: Run[][][]; more?: Omitted }
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
  sourceId: string;
}

/** Why a record is not in the report, shown before anything is written. */
export interface LeftOut {
  collection: 'events' | 'actors' | 'sources' | 'series' | 'matrices' | 'matrixRows';
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
}

/** The text of runs without footnote marks (for alt text and plain writers). */
export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => ('text' in r ? r.text : '')).join('');
}
