import { Extension } from '@tiptap/core';
import { TLP_LEVELS } from '../../../../shared/domain/marking';

/** Blocks that carry a direction and a portion marking of their own. */
export const MARKED_BLOCKS = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'table', 'codeBlock', 'caseSection', 'figure'] as const;
const DIRECTED_BLOCKS = ['paragraph', 'heading', 'blockquote', 'listItem', 'tableCell', 'tableHeader'] as const;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    blockAttributes: {
      /** Sets the direction of the blocks in the selection: 'auto' follows their first strong character. */
      setTextDirection: (dir: 'auto' | 'ltr' | 'rtl') => ReturnType;
      /** Sets the portion marking of the blocks in the selection (null: the report's own). */
      setPortionMarking: (marking: string | null) => ReturnType;
    };
  }
}

/**
 * `dir` on text blocks (Pashto, Dari and Arabic paragraphs read right to left): "auto" is drawn as
 * `dir="auto"`, which the browser resolves from the first strong character; the toolbar sets it
 * to ltr or rtl by hand. `marking` on top-level blocks is the portion marking (TLP 2.0) an
 * export cuts by; none means the report's overall marking.
 */
export const BlockAttributes = Extension.create({
  name: 'blockAttributes',
  addGlobalAttributes() {
    return [
      {
        types: [...DIRECTED_BLOCKS],
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: (el) => {
              const dir = el.getAttribute('dir');
              return dir === 'rtl' || dir === 'ltr' ? dir : 'auto';
            },
            renderHTML: (attrs) => ({ dir: attrs['dir'] ?? 'auto' }),
          },
        },
      },
      {
        types: [...MARKED_BLOCKS],
        attributes: {
          marking: {
            default: null,
            parseHTML: (el) => {
              const marking = el.getAttribute('data-marking');
              return (TLP_LEVELS as readonly string[]).includes(marking ?? '') ? marking : null;
            },
            renderHTML: (attrs) => (attrs['marking'] ? { 'data-marking': attrs['marking'] } : {}),
          },
        },
      },
    ];
  },
  addCommands() {
    return {
      setTextDirection:
        (dir) =>
        ({ commands }) =>
          DIRECTED_BLOCKS.map((type) => commands.updateAttributes(type, { dir })).some(Boolean),
      setPortionMarking:
        (marking) =>
        ({ commands }) =>
          MARKED_BLOCKS.map((type) => commands.updateAttributes(type, { marking })).some(Boolean),
    };
  },
  addKeyboardShortcuts() {
    return {
      // Ctrl+Shift+X toggles right-to-left for the paragraph (Ctrl+Shift+R is the browser's reload).
      'Mod-Shift-x': () => {
        const current = this.editor.getAttributes('paragraph')['dir'] ?? this.editor.getAttributes('heading')['dir'];
        return this.editor.commands.setTextDirection(current === 'rtl' ? 'ltr' : 'rtl');
      },
    };
  },
});
