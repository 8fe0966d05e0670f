import { Node, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from '@tiptap/suggestion';
import type { CiteCandidate } from '../../../../shared/ipc/channels/written-reports';
import type { CitedKind } from '../../../../shared/domain/written-report';

export interface CitationAttrs {
  recordId: string;
  kind: CitedKind;
  locator: string | null;
  /** The record's title when it was cited: the hover text until the case answers with today's. */
  label: string;
}

/** How the editor talks to the React search popup and the record card. */
export interface CitationHooks {
  search: (query: string) => Promise<CiteCandidate[]>;
  onSuggest: (state: SuggestionProps<CiteCandidate, CiteCandidate> | null) => void;
  onSuggestKey: (props: SuggestionKeyDownProps) => boolean;
  onActivate: (attrs: CitationAttrs) => void;
  /** Today's title of a cited record, when known. */
  titleOf: (kind: CitedKind, id: string) => string | undefined;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      insertCitation: (attrs: CitationAttrs) => ReturnType;
      /** Opens the citation search at the cursor, as typing "@" does. */
      openCitationSearch: () => ReturnType;
    };
  }
}

const numbering = new PluginKey('citationNumbers');

/** Writes each citation's note number (its position among the citations, in reading order) into its DOM. */
export function renumberCitations(view: EditorView, titleOf: CitationHooks['titleOf']): void {
  let n = 0;
  view.state.doc.descendants((node, pos) => {
    if (node.type.name !== 'citation') return !node.isTextblock || node.childCount > 0;
    n += 1;
    const dom = view.nodeDOM(pos);
    if (!(dom instanceof HTMLElement)) return false;
    const attrs = node.attrs as CitationAttrs;
    const title = `${titleOf(attrs.kind, attrs.recordId) ?? attrs.label}${attrs.locator ? `, ${attrs.locator}` : ''}`;
    const text = String(n);
    if (dom.textContent !== text) dom.textContent = text;
    if (dom.title !== title) dom.title = title;
    const label = `Note ${n}: ${title}`;
    if (dom.getAttribute('aria-label') !== label) dom.setAttribute('aria-label', label);
    return false;
  });
}

/**
 * An inline citation of a case record: a note number in the text, in order of first use.
 * Typing "@" (or Ctrl+Shift+K) opens a search over sources, events and actors; Enter on a
 * selected citation, or a click, opens the record.
 */
export const Citation = Node.create<{ hooks: CitationHooks | null }>({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions() {
    return { hooks: null };
  },
  addAttributes() {
    return {
      recordId: { default: '' },
      kind: { default: 'sources' },
      locator: { default: null },
      label: { default: '' },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[data-citation]', getAttrs: (el) => ({ recordId: el.getAttribute('data-record-id') ?? '', kind: el.getAttribute('data-kind') ?? 'sources', locator: el.getAttribute('data-locator'), label: el.getAttribute('title') ?? '' }) }];
  },
  renderHTML({ node }) {
    const a = node.attrs as CitationAttrs;
    return ['sup', { 'data-citation': '', 'data-record-id': a.recordId, 'data-kind': a.kind, ...(a.locator ? { 'data-locator': a.locator } : {}), title: a.label, class: 'cf-citation' }, '?'];
  },
  renderText() {
    return '';
  },
  addNodeView() {
    return ({ node, getPos, editor }) => {
      const a = node.attrs as CitationAttrs;
      const dom = document.createElement('sup');
      dom.className = 'cf-citation';
      dom.dataset['citation'] = '';
      dom.dataset['recordId'] = a.recordId;
      dom.dataset['kind'] = a.kind;
      dom.setAttribute('role', 'link');
      dom.title = a.label;
      dom.textContent = '?';
      dom.addEventListener('click', (event) => {
        event.preventDefault();
        const pos = typeof getPos === 'function' ? getPos() : undefined;
        if (pos !== undefined) editor.commands.setNodeSelection(pos);
        this.options.hooks?.onActivate(a);
      });
      // The number is ours to write (renumberCitations): ProseMirror must not take it for an edit.
      return { dom, ignoreMutation: () => true };
    };
  },
  addCommands() {
    return {
      insertCitation:
        (attrs) =>
        ({ chain }) =>
          chain().insertContent([{ type: this.name, attrs }]).run(),
      openCitationSearch:
        () =>
        ({ chain }) =>
          chain().insertContent('@').run(),
    };
  },
  addKeyboardShortcuts() {
    return {
      'Mod-Shift-k': () => this.editor.commands.openCitationSearch(),
      Enter: ({ editor }) => activateSelected(editor, this.options.hooks),
      Space: ({ editor }) => activateSelected(editor, this.options.hooks),
    };
  },
  addProseMirrorPlugins() {
    const hooks = this.options.hooks;
    const plugins: Plugin[] = [
      new Plugin({
        key: numbering,
        view: (view) => {
          const titleOf = hooks?.titleOf ?? (() => undefined);
          renumberCitations(view, titleOf);
          return {
            update: (next, prev) => {
              if (!next.state.doc.eq(prev.doc)) renumberCitations(next, titleOf);
            },
          };
        },
      }),
    ];
    if (hooks) {
      plugins.push(
        Suggestion<CiteCandidate, CiteCandidate>({
          editor: this.editor,
          char: '@',
          allowSpaces: true,
          allowedPrefixes: null,
          pluginKey: new PluginKey('citationSearch'),
          debounce: 120,
          items: ({ query }) => (query.trim() ? hooks.search(query) : Promise.resolve([])),
          command: ({ editor, range, props }) => {
            editor.chain().focus().deleteRange(range).insertCitation({ recordId: props.id, kind: props.kind, locator: null, label: props.label }).run();
          },
          render: () => ({
            onStart: (props) => hooks.onSuggest(props),
            onUpdate: (props) => hooks.onSuggest(props),
            onKeyDown: (props) => hooks.onSuggestKey(props),
            onExit: () => hooks.onSuggest(null),
          }),
        }),
      );
    }
    return plugins;
  },
});

function activateSelected(editor: Editor, hooks: CitationHooks | null): boolean {
  const { selection } = editor.state;
  const node = 'node' in selection ? (selection.node as { type: { name: string }; attrs: unknown } | undefined) : undefined;
  if (!node || node.type.name !== 'citation' || !hooks) return false;
  hooks.onActivate(node.attrs as CitationAttrs);
  return true;
}
