import { Button, Callout, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useId, useState, type FormEvent } from 'react';

export interface OpenPathDialogProps {
  /** Whether the dialog is shown. */
  isOpen: boolean;
  /** Called with the typed path of a case file; the unlock dialog takes over from there. */
  onChoose(path: string): void;
  /** Dismisses the dialog. */
  onClose(): void;
}

/**
 * "Open…" on the browser host, which has no native file dialog: the analyst types the path of
 * a .cfcase file on the machine that runs the host.
 */
export function OpenPathDialog({ isOpen, onChoose, onClose }: OpenPathDialogProps) {
  const [path, setPath] = useState('');
  const [attempted, setAttempted] = useState(false);
  const fieldId = useId();

  useEffect(() => {
    if (isOpen) setAttempted(false);
  }, [isOpen]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    setAttempted(true);
    if (path.trim().length > 0) onChoose(path.trim());
  }

  return (
    <Dialog isOpen={isOpen} title="Open a case file" icon="folder-open" onClose={onClose}>
      <form onSubmit={submit} aria-label="Open a case file">
        <DialogBody>
          <FormGroup
            label="Path of the case file"
            labelFor={fieldId}
            helperText="The full path of a .cfcase file on the machine running the Casefile host, e.g. /home/analyst/cases/my-case.cfcase."
          >
            <InputGroup id={fieldId} value={path} onValueChange={setPath} autoFocus placeholder="/path/to/case.cfcase" spellCheck={false} />
          </FormGroup>
          {attempted && path.trim().length === 0 && (
            <Callout intent={Intent.WARNING} role="alert">
              Type the path of a case file first.
            </Callout>
          )}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text="Cancel" onClick={onClose} />
              <Button type="submit" intent={Intent.PRIMARY} text="Continue" icon="arrow-right" />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
