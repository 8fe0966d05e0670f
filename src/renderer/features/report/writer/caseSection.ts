import { Node } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import type { CaseSectionKind } from '../../../../shared/report/authoring/case-section';
import { CaseSectionView } from './CaseSectionView';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    caseSection: {
      /** Inserts a case section (events table, timeline excerpt, actor profiles, sources list); `settings` is its JSON text. */
      insertCaseSection: (attrs: { kind: CaseSectionKind; settings: string }) => ReturnType;
    };
  }
}

/**
 * A case-report section as a block of the text (issue 14, point 7): an atom holding the section's
 * kind and settings; the editor shows a compact live preview, exports compile it from the case
 * (shared/report/authoring/case-section.ts).
 */
export const CaseSection = Node.create({
  name: 'caseSection',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      kind: { default: 'events', parseHTML: (el) => el.getAttribute('data-kind') ?? 'events', renderHTML: (attrs) => ({ 'data-kind': attrs['kind'] }) },
      settings: { default: '', parseHTML: (el) => el.getAttribute('data-settings') ?? '', renderHTML: (attrs) => ({ 'data-settings': attrs['settings'] }) },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-case-section]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, 'data-case-section': '' }];
  },
  addNodeView() {
    return ReactNodeViewRenderer(CaseSectionView);
  },
  addCommands() {
    return {
      insertCaseSection:
        (attrs) =>
        ({ chain }) =>
          chain().insertContent({ type: this.name, attrs }).run(),
    };
  },
});
