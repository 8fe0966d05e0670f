import { Node, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { factChanged, formatFactValue, type FactAttrs } from '../../../../shared/report/authoring/fact-spec';
import { FigureView } from './FigureView';
import { factSpecsIn, type LiveValues } from './liveValues';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    liveNodes: {
      insertFigure: (attrs: { id: string; spec: string; caption?: string; sourceLine?: string }) => ReturnType;
      insertFigureRef: (figureId: string) => ReturnType;
      insertFact: (spec: string) => ReturnType;
    };
  }
}

/** A figure: a chart or map of the case, redrawn from it, with its caption and source line (shared/report/authoring/figure-spec.ts). */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return { id: { default: '' }, spec: { default: '' }, caption: { default: '' }, sourceLine: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'figure[data-figure-id]', getAttrs: (el) => ({ id: el.getAttribute('data-figure-id') ?? '', spec: el.getAttribute('data-spec') ?? '', caption: el.getAttribute('data-caption') ?? '', sourceLine: el.getAttribute('data-source-line') ?? '' }) }];
  },
  renderHTML({ node }) {
    const a = node.attrs;
    return ['figure', { 'data-figure-id': a['id'], 'data-spec': a['spec'], 'data-caption': a['caption'], 'data-source-line': a['sourceLine'], class: 'cf-figure' }];
  },
  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
  addCommands() {
    return {
      insertFigure:
        (attrs) =>
        ({ chain }) =>
          chain().insertContent({ type: this.name, attrs: { caption: '', sourceLine: '', ...attrs } }).run(),
    };
  },
});

/** "Figure 2": a cross-reference that reads the number of the figure it points at, wherever that figure moves. */
export const FigureRef = Node.create({
  name: 'figureRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { figureId: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'span[data-figure-ref]', getAttrs: (el) => ({ figureId: el.getAttribute('data-figure-ref') ?? '' }) }];
  },
  renderHTML({ node }) {
    return ['span', { 'data-figure-ref': node.attrs['figureId'], class: 'cf-figure-ref' }, 'Figure'];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('span');
      dom.className = 'cf-figure-ref';
      dom.dataset['figureRef'] = String(node.attrs['figureId']);
      dom.textContent = 'Figure ?';
      // The text is ours to write (renumberLive): ProseMirror must not take it for an edit.
      return { dom, ignoreMutation: () => true };
    };
  },
  addCommands() {
    return {
      insertFigureRef:
        (figureId) =>
        ({ chain }) =>
          chain().insertContent([{ type: this.name, attrs: { figureId } }]).run(),
    };
  },
});

/** A living number: shows its value in the case now; activating it (click, or Enter when selected) confirms that value. */
export const Fact = Node.create<{ values: LiveValues | null }>({
  name: 'fact',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions() {
    return { values: null };
  },
  addAttributes() {
    return { spec: { default: '' }, confirmedValue: { default: null }, confirmedAt: { default: null }, marking: { default: null } };
  },
  parseHTML() {
    return [{ tag: 'span[data-fact]', getAttrs: (el) => ({ spec: el.getAttribute('data-fact') ?? '', confirmedValue: Number(el.getAttribute('data-confirmed')) || null, confirmedAt: el.getAttribute('data-confirmed-at') }) }];
  },
  renderHTML({ node }) {
    const a = node.attrs as FactAttrs;
    return ['span', { 'data-fact': a.spec, ...(a.confirmedValue !== null ? { 'data-confirmed': String(a.confirmedValue) } : {}), ...(a.confirmedAt ? { 'data-confirmed-at': a.confirmedAt } : {}), class: 'cf-fact' }, formatFactValue(a.confirmedValue ?? undefined)];
  },
  addNodeView() {
    return ({ node, getPos, editor }) => {
      const dom = document.createElement('span');
      dom.className = 'cf-fact';
      dom.dataset['fact'] = String(node.attrs['spec']);
      dom.setAttribute('role', 'button');
      dom.textContent = '…';
      dom.addEventListener('click', (event) => {
        event.preventDefault();
        const pos = typeof getPos === 'function' ? getPos() : undefined;
        if (pos !== undefined) confirmFactAt(editor, pos, this.options.values);
      });
      return { dom, ignoreMutation: () => true };
    };
  },
  addCommands() {
    return {
      insertFact:
        (spec) =>
        ({ chain }) =>
          chain().insertContent([{ type: this.name, attrs: { spec, confirmedValue: null, confirmedAt: null } }]).run(),
    };
  },
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { selection } = editor.state;
        const node = 'node' in selection ? (selection.node as { type: { name: string } } | undefined) : undefined;
        return node?.type.name === 'fact' ? confirmFactAt(editor, selection.from, this.options.values) : false;
      },
    };
  },
  addProseMirrorPlugins() {
    const values = this.options.values;
    return [
      new Plugin({
        key: new PluginKey('liveNumbers'),
        view: (view) => {
          if (values) values.onChange = () => !view.isDestroyed && renumberLive(view, values);
          values?.ensure(factSpecsIn(view));
          renumberLive(view, values);
          return {
            update: (next, prev) => {
              if (next.state.doc.eq(prev.doc)) return;
              values?.ensure(factSpecsIn(next));
              renumberLive(next, values);
            },
          };
        },
      }),
    ];
  },
});

/** Confirms the fact at `pos` with its current value (nothing while the value is unknown or the report is frozen). */
function confirmFactAt(editor: Editor, pos: number, values: LiveValues | null): boolean {
  const node = editor.state.doc.nodeAt(pos);
  if (!node || node.type.name !== 'fact' || !editor.isEditable) return false;
  const current = values?.get(String(node.attrs['spec']));
  if (current === undefined || current === null) return true;
  editor.chain().setNodeSelection(pos).updateAttributes('fact', { confirmedValue: current, confirmedAt: new Date().toISOString() }).run();
  return true;
}

/**
 * Writes into the DOM what depends on the whole document: each figure's number (reading
 * order), each cross-reference's "Figure n" (or that its figure is gone), and each living
 * number's value with whether it still matches what was confirmed.
 */
export function renumberLive(view: EditorView, values: LiveValues | null): void {
  const numbers = new Map<string, number>();
  view.state.doc.descendants((node) => {
    if (node.type.name === 'figure' && !numbers.has(String(node.attrs['id']))) numbers.set(String(node.attrs['id']), numbers.size + 1);
    return node.type.name !== 'figure';
  });
  view.state.doc.descendants((node, pos) => {
    const type = node.type.name;
    if (type !== 'figure' && type !== 'figureRef' && type !== 'fact') return true;
    const dom = view.nodeDOM(pos);
    if (!(dom instanceof HTMLElement)) return false;
    if (type === 'figure') {
      const label = dom.querySelector('[data-figure-number]');
      const text = `Figure ${numbers.get(String(node.attrs['id'])) ?? '?'}.`;
      if (label && label.textContent !== text) label.textContent = text;
    } else if (type === 'figureRef') {
      const n = numbers.get(String(node.attrs['figureId']));
      setText(dom, n === undefined ? '[missing figure]' : `Figure ${n}`);
      dom.classList.toggle('cf-dangling', n === undefined);
    } else {
      drawFact(dom, node.attrs as FactAttrs, values?.get(String(node.attrs['spec'])));
    }
    return false;
  });
}

function setText(dom: HTMLElement, text: string): void {
  if (dom.textContent !== text) dom.textContent = text;
}

function drawFact(dom: HTMLElement, a: FactAttrs, current: number | null | undefined): void {
  const known = current !== undefined;
  const value = current ?? undefined;
  setText(dom, known ? formatFactValue(value) : formatFactValue(a.confirmedValue ?? undefined));
  const stale = known && factChanged(a.confirmedValue, value);
  const unconfirmed = a.confirmedValue === null;
  dom.classList.toggle('cf-fact-stale', stale);
  dom.classList.toggle('cf-fact-unconfirmed', unconfirmed);
  dom.dataset['state'] = stale ? 'stale' : unconfirmed ? 'unconfirmed' : 'confirmed';
  const was = a.confirmedValue === null ? 'not confirmed yet' : `confirmed as ${formatFactValue(a.confirmedValue)}${a.confirmedAt ? ` on ${a.confirmedAt.slice(0, 10)}` : ''}`;
  const label = `Living number ${known ? formatFactValue(value) : '(computing)'}: ${stale ? 'changed since it was ' : ''}${was}. Click or press Enter to confirm the current value.`;
  if (dom.title !== label) dom.title = label;
  if (dom.getAttribute('aria-label') !== label) dom.setAttribute('aria-label', label);
}
