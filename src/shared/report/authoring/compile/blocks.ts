import type { Marking } from '../../../domain/marking';
import type { BodyNode } from '../../../domain/written-report';
import { plainText, type Block, type Direction, type Run } from '../../document';
import { blockDirection } from '../direction';
import { compileInline } from './inline';
import { effectiveMarking, type CompileState } from './state';

interface Place {
  /** The block's name in the left-out list ("Paragraph 4", "Part of Quotation 2"). */
  where: string;
  marking: Marking;
  quote?: boolean;
}

function rtl(dir: unknown, runs: readonly Run[]): Direction | undefined {
  return blockDirection(dir, plainText(runs)) === 'rtl' ? 'rtl' : undefined;
}

/** The text of a node's inline content without notes (headings, table headers). */
function nodeText(node: BodyNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(nodeText).join(node.type === 'tableCell' || node.type === 'tableHeader' || node.type === 'listItem' ? ' ' : '');
}

function hasCitation(node: BodyNode): boolean {
  return node.type === 'citation' || (node.content ?? []).some(hasCitation);
}

/** The runs of a container's paragraphs (a list item, a table cell), joined by spaces. */
function containerRuns(node: BodyNode, state: CompileState, place: Place): Run[] {
  const runs: Run[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'bulletList' || child.type === 'orderedList') continue;
    const marking = effectiveMarking(child, place.marking);
    if (!state.within(marking)) {
      state.leaveOutBlock(`Part of ${place.where}`, marking);
      continue;
    }
    if (runs.length) runs.push({ text: ' ' });
    runs.push(...compileInline(child.type === 'paragraph' || child.type === 'heading' ? child.content : [child], state, place.where));
  }
  return runs;
}

function list(node: BodyNode, state: CompileState, place: Place): Block[] {
  const items: Run[][] = [];
  const dirs: Direction[] = [];
  const walk = (l: BodyNode, marking: Marking) => {
    for (const item of l.content ?? []) {
      const m = effectiveMarking(item, marking);
      if (!state.within(m)) {
        state.leaveOutBlock(`Item of ${place.where}`, m);
        continue;
      }
      const runs = containerRuns(item, state, { ...place, marking: m });
      items.push(runs);
      dirs.push(rtl(item.attrs?.['dir'], runs) ?? 'ltr');
      // Nested lists follow their item (the tree keeps one level).
      for (const sub of item.content ?? []) if (sub.type === 'bulletList' || sub.type === 'orderedList') {
        const sm = effectiveMarking(sub, m);
        if (state.within(sm)) walk(sub, sm);
        else state.leaveOutBlock(`Part of ${place.where}`, sm);
      }
    }
  };
  walk(node, place.marking);
  if (!items.length) return [];
  return [{ type: 'list', ordered: node.type === 'orderedList', items, ...(dirs.includes('rtl') ? { itemDirs: dirs } : {}), ...(place.quote ? { quote: true } : {}) }];
}

function table(node: BodyNode, state: CompileState, place: Place): Block[] {
  const rows = (node.content ?? []).filter((r) => {
    const m = effectiveMarking(r, place.marking);
    if (!state.within(m)) state.leaveOutBlock(`Row of ${place.where}`, m);
    return state.within(m);
  });
  const first = rows[0];
  const headed = first !== undefined && (first.content ?? []).length > 0 && (first.content ?? []).every((c) => c.type === 'tableHeader') && !hasCitation(first);
  const header = headed ? (first.content ?? []).map(nodeText) : [];
  const body = (headed ? rows.slice(1) : rows).map((r) => (r.content ?? []).map((cell) => containerRuns(cell, state, { ...place, marking: effectiveMarking(r, place.marking) })));
  const dir = rtl(node.attrs?.['dir'], body.flat(2));
  return [{ type: 'table', caption: '', header, rows: body, ...(dir ? { dir } : {}) }];
}

/**
 * One body block as report blocks, once its marking is within the export's maximum (the caller
 * checks the top level; nested blocks are checked here, each by its own or inherited marking).
 */
export function compileBlock(node: BodyNode, state: CompileState, place: Place): Block[] {
  switch (node.type) {
    case 'paragraph': {
      const runs = compileInline(node.content, state, place.where);
      const dir = rtl(node.attrs?.['dir'], runs);
      return [{ type: 'paragraph', runs, ...(dir ? { dir } : {}), ...(place.quote ? { quote: true } : {}) }];
    }
    case 'heading': {
      if (hasCitation(node)) state.leaveOutNode({ type: 'citation' }, `${place.where} (notes are not placed in headings)`);
      const text = nodeText(node);
      const level = Math.min(3, Math.max(1, Number(node.attrs?.['level']) || 1)) as 1 | 2 | 3;
      const dir = blockDirection(node.attrs?.['dir'], text) === 'rtl' ? 'rtl' : undefined;
      if (place.quote) return [{ type: 'paragraph', runs: [{ text, strong: true }], quote: true, ...(dir ? { dir } : {}) }];
      return [{ type: 'heading', level, text, ...(dir ? { dir } : {}) }];
    }
    case 'blockquote':
      return (node.content ?? []).flatMap((child, i) => {
        const marking = effectiveMarking(child, place.marking);
        const where = `Part of ${place.where}`;
        if (!state.within(marking)) {
          state.leaveOutBlock(where, marking);
          return [];
        }
        return compileBlock(child, state, { where: i === 0 ? place.where : where, marking, quote: true });
      });
    case 'bulletList':
    case 'orderedList':
      return list(node, state, place);
    case 'table':
      return table(node, state, place);
    case 'pageBreak':
      return [{ type: 'page-break' }];
    case 'horizontalRule':
      return [{ type: 'paragraph', runs: [{ text: '* * *' }] }];
    case 'codeBlock':
      return [{ type: 'paragraph', runs: [{ text: nodeText(node), code: true }], ...(place.quote ? { quote: true } : {}) }];
    default: {
      const live = state.liveCompiler(node.type)?.block;
      if (!live) {
        state.leaveOutNode(node, place.where);
        return [];
      }
      const compiled = live(node, state.live);
      state.leftOut.push(...compiled.leftOut);
      return compiled.blocks;
    }
  }
}
