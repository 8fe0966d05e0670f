import type { BodyNode } from '../../domain/written-report';
import type { Marking } from '../../domain/marking';
import type { Block, LeftOut, Run } from '../document';
import type { ReportInput } from '../select';

/**
 * Nodes of a written report whose content is computed from the case when the report is shown,
 * checked or exported (issue 14): figures and their cross-references, living numbers (facts),
 * and the case-report sections inserted as blocks. The report compiler walks the body and hands
 * each such node to its compiler here; everything else (text, lists, tables, citations) it
 * compiles itself.
 */
export interface LiveNodeContext {
  /** The case as the export may show it: records above `maxMarking` are already cut out. */
  input: ReportInput;
  maxMarking: Marking;
  now: Date;
  /** A figure's number (by its node's `id` attribute) after blocks above the marking are left out; undefined when left out. */
  figureNumber(figureId: string): number | undefined;
  /** Note markers for citing records (sources, events, actors); numbering, withholding and the note style are the compiler's. */
  cite(citations: readonly { recordId: string; locator?: string }[]): Run[];
}

/** What one live node compiles to, and what it had to leave out (shown before an export writes). */
export interface CompiledLive {
  blocks: Block[];
  leftOut: LeftOut[];
}

export interface LiveNodeCompiler {
  /** Block nodes (a figure, a case section). */
  block?(node: BodyNode, ctx: LiveNodeContext): CompiledLive;
  /** Inline nodes (a fact, a figure reference): the runs a reader sees. */
  inline?(node: BodyNode, ctx: LiveNodeContext): Run[];
}
