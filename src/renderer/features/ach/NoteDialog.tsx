import { Alert, Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, TextArea } from '@blueprintjs/core';
import { useState, type FormEvent } from 'react';
import { RATING_LABELS, type AchCell } from '../../../shared/domain/ach';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';
import { trackEdit } from '../../app/pendingEdits';

export interface NoteDialogProps {
  title: string;
  cell: AchCell | undefined;
  rowId: string;
  hypothesisId: string;
  onClose(): void;
}

/**
 * The note of one rated cell: why the analyst rated it so. Ctrl+Enter saves, Escape closes; with
 * text typed and not saved, Escape (or Close) asks first, and Escape again goes back to the text.
 */
export function NoteDialog({ title, cell, rowId, hypothesisId, onClose }: NoteDialogProps) {
  const [note, setNote] = useState(cell?.note ?? '');
  const [asking, setAsking] = useState(false);
  const unsaved = cell !== undefined && note.trim() !== (cell.note ?? '').trim();
  const requestClose = () => (unsaved ? setAsking(true) : onClose());
  const save = (e?: FormEvent) => {
    e?.preventDefault();
    void trackEdit(call('ach:cell', { rowId, hypothesisId, note: note.trim() })).then((result) => {
      if (!result.ok) return showError('Could not save the note', result.error);
      onClose();
    });
  };
  return (
    <Dialog isOpen onClose={requestClose} canOutsideClickClose={false} title={`Note: ${title}`} icon="comment">
      <form onSubmit={save}>
        <DialogBody>
          {cell ? (
            <>
              <p>
                Rated {cell.value} ({RATING_LABELS[cell.value]}){cell.by ? ` by ${cell.by}` : ''}.
              </p>
              <FormGroup label="Note" labelFor="ach-note" helperText="Ctrl+Enter saves; an empty note removes it.">
                <TextArea
                  id="ach-note"
                  fill
                  autoFocus
                  value={note}
                  maxLength={2_000}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
                  }}
                />
              </FormGroup>
            </>
          ) : (
            <Callout intent="warning">Rate the cell first (c, n, i or a); a note explains a rating.</Callout>
          )}
        </DialogBody>
        <DialogFooter actions={<>{cell && <Button type="submit" intent="primary" text="Save note" />}<Button text="Close" onClick={requestClose} /></>} />
      </form>
      <Alert
        isOpen={asking}
        intent="danger"
        icon="trash"
        confirmButtonText="Discard the note"
        cancelButtonText="Keep editing"
        canEscapeKeyCancel
        onCancel={() => setAsking(false)}
        onConfirm={onClose}
      >
        The note you typed is not saved. Discard it?
      </Alert>
    </Dialog>
  );
}
