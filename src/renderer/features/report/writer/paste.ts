import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { cleanPastedHtml, pasteNotice, type CleanedPaste } from './pasteHtml';

export interface PasteOptions {
  /** Told what a paste left out (pictures), to show the analyst. */
  onNotice: ((message: string) => void) | null;
}

/**
 * Pasting from a word processor or a web page (pasteHtml.ts): structure kept, scripts, styles
 * and pictures dropped, the analyst told about the pictures. A paste of picture files alone
 * (a screenshot) inserts nothing and says why. Pictures are refused rather than turned into
 * source attachments: that is left for later (docs/report-authoring.md).
 */
export const PasteCleaner = Extension.create<PasteOptions>({
  name: 'pasteCleaner',
  addOptions() {
    return { onNotice: null };
  },
  addProseMirrorPlugins() {
    const notice = (message: string | null) => {
      if (message) this.options.onNotice?.(message);
    };
    // ProseMirror reads the clipboard (transformPastedHTML) before it offers the paste (handlePaste).
    let cleaned: CleanedPaste | null = null;
    return [
      new Plugin({
        key: new PluginKey('pasteCleaner'),
        props: {
          transformPastedHTML: (html) => {
            cleaned = cleanPastedHtml(html);
            return cleaned.html;
          },
          handlePaste: (_view, event) => {
            const data = event.clipboardData;
            const html = data?.getData('text/html') ?? '';
            // Word and spreadsheets also put a picture of the whole selection on the clipboard beside
            // the HTML: only picture files pasted without text count as pictures left out.
            const files = data && !html ? Array.from(data.files).filter((f) => f.type.startsWith('image/')).length : 0;
            notice(pasteNotice(cleaned ?? { remoteImages: 0, embeddedImages: 0 }, files));
            cleaned = null;
            // Picture files alone: nothing to insert (and nothing ProseMirror should try).
            return files > 0 && !data?.getData('text/plain');
          },
        },
      }),
    ];
  },
});
