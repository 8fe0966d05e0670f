import { isWithinMarking, Marking, type Marking as MarkingType } from '../../../domain/marking';
import type { BodyNode } from '../../../domain/written-report';
import type { LeftOut } from '../../document';
import { LIVE_NODE_COMPILERS } from '../live-node-compilers';
import type { LiveNodeCompiler, LiveNodeContext } from '../live-nodes';
import type { NoteBook } from './notes';

/** Node types the compiler knows itself; anything else goes to a live-node compiler or is left out. */
export const PLAIN_NODE_TYPES: ReadonlySet<string> = new Set(['doc', 'paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'table', 'tableRow', 'tableHeader', 'tableCell', 'pageBreak', 'horizontalRule', 'codeBlock', 'text', 'hardBreak', 'citation']);

/** Block node types that are numbered figures ("Figure 2"); their `id` attribute names them. */
export const FIGURE_NODE_TYPES: ReadonlySet<string> = new Set(['figure']);

const KIND_LABELS: Record<string, string> = {
  paragraph: 'Paragraph',
  heading: 'Heading',
  blockquote: 'Quotation',
  bulletList: 'List',
  orderedList: 'List',
  table: 'Table',
  codeBlock: 'Code block',
  figure: 'Figure',
};

/** A block's label in the left-out list: its kind and place ("Paragraph 4"), never its text. */
export function kindLabel(type: string): string {
  return KIND_LABELS[type] ?? `${type.charAt(0).toUpperCase()}${type.slice(1)} block`;
}

/** A node's own portion marking, or the one it inherits (its parent's; at the top, the report's). */
export function effectiveMarking(node: BodyNode, inherited: MarkingType): MarkingType {
  const own = Marking.safeParse(node.attrs?.['marking']);
  return own.success ? own.data : inherited;
}

/** What the block walk shares: the note book, the live-node context and the left-out list. */
export class CompileState {
  readonly leftOut: LeftOut[] = [];
  /** Markings of blocks that made it into the output (the document's marking is the highest). */
  readonly kept: MarkingType[] = [];
  live!: LiveNodeContext;

  constructor(
    readonly notes: NoteBook,
    readonly max: MarkingType,
    private readonly compilers: Partial<Record<string, LiveNodeCompiler>> = LIVE_NODE_COMPILERS,
  ) {}

  within(marking: MarkingType): boolean {
    return isWithinMarking(marking, this.max);
  }

  liveCompiler(type: string): LiveNodeCompiler | undefined {
    return PLAIN_NODE_TYPES.has(type) ? undefined : this.compilers[type];
  }

  leaveOutBlock(where: string, marking: MarkingType): void {
    this.leftOut.push({ collection: 'blocks', id: where, title: `${where} (${marking})`, marking, reason: `marked ${marking}, above the export's maximum ${this.max}` });
  }

  /** A node no compiler handles: listed so the analyst sees it is missing from the output. */
  leaveOutNode(node: BodyNode, where: string): void {
    const marking = effectiveMarking(node, this.max);
    this.leftOut.push({ collection: 'blocks', id: where, title: `${kindLabel(node.type)} in ${where}`, marking, reason: `this version cannot export a "${node.type}" node` });
  }
}
