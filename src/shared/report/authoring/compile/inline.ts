import type { BodyNode, CitedKind } from '../../../domain/written-report';
import { CITED_KINDS } from '../../../domain/written-report';
import type { Run, TextRun } from '../../document';
import type { CompileState } from './state';

const MARK_FLAGS: Partial<Record<string, keyof Omit<TextRun, 'text'>>> = {
  bold: 'strong',
  italic: 'em',
  underline: 'underline',
  strike: 'strike',
  code: 'code',
  superscript: 'sup',
  subscript: 'sub',
};

function textRun(node: BodyNode): TextRun {
  const run: TextRun = { text: node.text ?? '' };
  for (const mark of node.marks ?? []) {
    const flag = MARK_FLAGS[mark.type];
    if (flag) run[flag] = true;
  }
  return run;
}

/**
 * The runs of a text block's inline content: text with its emphasis, citations as notes (or
 * withheld), live inline nodes (facts, figure references) through their compilers. An inline
 * node nobody compiles is listed as left out, never dropped silently.
 */
export function compileInline(nodes: readonly BodyNode[] | undefined, state: CompileState, where: string): Run[] {
  const runs: Run[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'text':
        if (node.text) runs.push(textRun(node));
        break;
      case 'hardBreak':
        runs.push({ text: ' ' });
        break;
      case 'citation': {
        const id = node.attrs?.['recordId'];
        const kind = node.attrs?.['kind'];
        const locator = node.attrs?.['locator'];
        if (typeof id !== 'string' || !(CITED_KINDS as readonly unknown[]).includes(kind)) break;
        runs.push(...state.notes.cite({ kind: kind as CitedKind, id, locator: typeof locator === 'string' && locator ? locator : undefined }, where));
        break;
      }
      default: {
        const live = state.liveCompiler(node.type)?.inline;
        if (live) runs.push(...live(node, state.live));
        else state.leaveOutNode(node, where);
      }
    }
  }
  return mergeSpaces(runs);
}

/** Text runs with the same emphasis next to each other are one run (fewer, larger runs in DOCX). */
function mergeSpaces(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && 'text' in last && 'text' in run && sameStyle(last, run)) out[out.length - 1] = { ...last, text: last.text + run.text };
    else out.push(run);
  }
  return out;
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  return (Object.values(MARK_FLAGS) as Array<keyof TextRun>).every((k) => !!a[k] === !!b[k]);
}
