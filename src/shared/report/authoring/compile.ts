import { isWithinMarking, markingRank, type Marking } from '../../domain/marking';
import type { BodyNode, WrittenReport } from '../../domain/written-report';
import { err, ok, type Result } from '../../ipc/result';
import type { Block, ReportDocument } from '../document';
import type { ReportInput } from '../select';
import { blocksLines } from '../size';
import { compileBlock } from './compile/blocks';
import { cutInput } from './compile/cut';
import { NoteBook, type NoteFormatter } from './compile/notes';
import { CompileState, effectiveMarking, FIGURE_NODE_TYPES, kindLabel } from './compile/state';
import type { LiveNodeCompiler } from './live-nodes';

export type { CitationRef, NoteFormatter } from './compile/notes';
export { MISSING_NOTE, WITHHELD_NOTE } from './compile/notes';

export interface CompileOptions {
  /** Nothing marked above it appears in the output. */
  maxMarking: Marking;
  /** A citation of a record above the maximum: its note reads "[withheld]" ('mark') or it has no marker ('drop'). */
  withheld: 'mark' | 'drop';
  noteMode: 'footnotes' | 'endnotes';
  now?: Date;
  /** Live-node compilers (tests pass their own; the app uses LIVE_NODE_COMPILERS). */
  compilers?: Partial<Record<string, LiveNodeCompiler>>;
}

const LINES_PER_PAGE = 48;

/**
 * A written report as the tree every export writer walks (docs/report-authoring.md): blocks
 * above the maximum marking left out (and listed by kind and place, never by their text),
 * citations of records above it withheld, notes numbered in order of first use and figures in
 * order after that cut. The report's title, subtitle, authors and date carry its overall
 * marking, so a report marked above the maximum is refused rather than cut.
 */
export function compileWrittenReport(report: WrittenReport, input: ReportInput, options: CompileOptions, formatter: NoteFormatter): Result<ReportDocument> {
  const max = options.maxMarking;
  if (!isWithinMarking(report.marking, max)) {
    return err('FORBIDDEN', `"${report.title}" is marked ${report.marking} as a whole, above the maximum ${max}: its title and front matter cannot go out at ${max}. Export at ${report.marking} or higher, or lower the report's overall marking if that is right.`);
  }
  const notes = new NoteBook(input, max, options.withheld, formatter);
  const state = new CompileState(notes, max, options.compilers);
  const top = (report.body.content ?? []).map((node, i, all) => ({ node, marking: effectiveMarking(node, report.marking), where: `${kindLabel(node.type)} ${ordinal(all, i)}` }));
  const shown = top.filter((b) => state.within(b.marking));

  const figures = numberFigures(shown.map((b) => b.node), state);
  state.live = {
    input: cutInput(input, max),
    maxMarking: max,
    now: options.now ?? new Date(),
    figureNumber: (id) => figures.get(id),
    cite: (citations) =>
      citations.flatMap((c) => {
        const kind = notes.kindOf(c.recordId);
        return kind ? notes.cite({ kind, id: c.recordId, locator: c.locator }, 'a figure or fact') : notes.cite({ kind: 'sources', id: c.recordId, locator: c.locator }, 'a figure or fact');
      }),
  };

  const blocks: Block[] = [];
  for (const b of top) {
    if (!state.within(b.marking)) {
      state.leaveOutBlock(b.where, b.marking);
      continue;
    }
    state.kept.push(b.marking);
    blocks.push(...compileBlock(b.node, state, { where: b.where, marking: b.marking }));
  }

  const marking = [report.marking, ...state.kept, ...notes.citedMarkings()].filter((m) => isWithinMarking(m, max)).reduce((a, m) => (markingRank(m) > markingRank(a) ? m : a), report.marking);
  const front: Block[] = [
    { type: 'banner', marking },
    { type: 'title', title: report.title, ...(report.subtitle ? { subtitle: report.subtitle } : {}), lines: [report.authors.join(', '), report.date].filter((l) => l.length > 0) },
  ];
  const entries = notes.bibliography();
  const all = [...front, ...blocks];
  return ok({
    title: report.title,
    marking,
    blocks: all,
    footnotes: notes.notes,
    leftOut: [...state.leftOut, ...notes.leftOut],
    size: { pages: Math.round(((blocksLines(all) + notes.notes.length * 1.5 + entries.length * 2) / LINES_PER_PAGE) * 10) / 10, sections: [] },
    notePlacement: options.noteMode,
    ...(entries.length ? { bibliography: { heading: formatter.inText ? 'References' : 'Bibliography', entries } } : {}),
    meta: { ...(report.subtitle ? { subtitle: report.subtitle } : {}), authors: report.authors, date: report.date },
  });
}

/** "Paragraph 4": the block's place among the body's top-level blocks of its kind. */
function ordinal(all: readonly BodyNode[], i: number): number {
  const label = kindLabel(all[i]!.type);
  return all.slice(0, i + 1).filter((n) => kindLabel(n.type) === label).length;
}

/** Figure numbers (by the figure node's id) in reading order among the blocks the export keeps. */
function numberFigures(nodes: readonly BodyNode[], state: CompileState): Map<string, number> {
  const numbers = new Map<string, number>();
  const walk = (node: BodyNode, marking: Marking) => {
    const m = effectiveMarking(node, marking);
    if (!state.within(m)) return;
    const id = node.attrs?.['id'];
    if (FIGURE_NODE_TYPES.has(node.type) && state.liveCompiler(node.type)?.block && typeof id === 'string' && !numbers.has(id)) numbers.set(id, numbers.size + 1);
    for (const child of node.content ?? []) walk(child, m);
  };
  for (const node of nodes) walk(node, state.max);
  return numbers;
}
