import type { Extensions } from '@tiptap/core';
import Placeholder from '@tiptap/extension-placeholder';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { BlockAttributes } from './blockAttributes';
import { CaseSection } from './caseSection';
import { Citation, type CitationHooks } from './citation';
import { Fact, Figure, FigureRef } from './liveNodes';
import type { LiveValues } from './liveValues';
import { PageBreak } from './pageBreak';
import { PasteCleaner } from './paste';

/**
 * The writer's schema. It must stay within what `WrittenReport` accepts (NODE_TYPES and
 * MARK_TYPES in shared/domain/written-report.ts): links are left out (the app is offline and
 * never opens one), and nothing here makes images or embeds.
 */
export function writerExtensions(hooks: CitationHooks | null, values: LiveValues | null = null, onPasteNotice: ((message: string) => void) | null = null): Extensions {
  return [
    StarterKit.configure({ link: false, heading: { levels: [1, 2, 3] } }),
    TableKit.configure({ table: { resizable: false } }),
    Placeholder.configure({ placeholder: 'Write here. Type @ to cite a source, event or actor.' }),
    BlockAttributes,
    PageBreak,
    CaseSection,
    Citation.configure({ hooks }),
    PasteCleaner.configure({ onNotice: onPasteNotice }),
    Figure,
    FigureRef,
    Fact.configure({ values }),
  ];
}
