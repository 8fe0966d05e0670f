import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import type { BodyNode } from '../../../../shared/domain/written-report';
import { SaveCoalescer } from '../../../../shared/report/authoring/save-coalescer';
import { holdPendingEdit, trackEdit } from '../../../app/pendingEdits';
import { showError } from '../../../app/toaster';
import { call } from '../../../ipc/client';

export type SaveState = 'saved' | 'unsaved' | 'saving';

/** Saved after typing pauses this long, and at least this often while typing goes on. */
export const IDLE_SAVE_MS = 1_000;
export const MAX_UNSAVED_MS = 5_000;

/**
 * Saves the editor's body as case edits, coalesced: one journal entry per pause in typing (at
 * least every few seconds), never one per keystroke. Everything unsaved is saved at once when
 * the editor loses focus, the report closes, the window is hidden or closed, and before a case
 * undo or redo (app/pendingEdits). `lastSaved` holds the JSON text of the body main holds, so
 * a change that came from elsewhere (an undo) can be told from the editor's own.
 */
export function useBodySaver(reportId: string, editor: Editor | null) {
  const [state, setState] = useState<SaveState>('saved');
  const lastSaved = useRef<string>('');
  const saver = useRef<SaveCoalescer<BodyNode> | null>(null);

  useEffect(() => {
    if (!editor) return;
    const coalescer = new SaveCoalescer<BodyNode>(
      async (body) => {
        const text = JSON.stringify(body);
        if (text === lastSaved.current) return true;
        const result = await trackEdit(call('reports:update', { id: reportId, patch: { body } }));
        if (!result.ok) {
          showError('Saving the report text', result.error);
          // An issued (frozen) or deleted report will never take it: stop retrying, keep it on screen.
          return result.error.code === 'CONFLICT' || result.error.code === 'NOT_FOUND';
        }
        lastSaved.current = text;
        return true;
      },
      { idleMs: IDLE_SAVE_MS, maxWaitMs: MAX_UNSAVED_MS, retryMs: 3_000, onState: setState },
    );
    saver.current = coalescer;
    const touch = () => coalescer.touch(() => editor.getJSON() as BodyNode);
    const flush = () => void coalescer.flush();
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    editor.on('update', touch);
    editor.on('blur', flush);
    const release = holdPendingEdit(flush);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      editor.off('update', touch);
      editor.off('blur', flush);
      release();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onHidden);
      // Read the text now, while the editor surely still holds it; the save itself is async.
      if (coalescer.dirty && !editor.isDestroyed) {
        const body = editor.getJSON() as BodyNode;
        coalescer.touch(() => body);
      }
      void coalescer.dispose();
      saver.current = null;
    };
  }, [editor, reportId]);

  return { state, lastSaved, saver };
}
