import { Button, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';

export interface IdentityNameDialogProps {
  isOpen: boolean;
  /** The name to start from: the current one, or the OS user name as a suggestion. */
  suggested: string;
  /** Why the dialog opened, shown above the field. */
  reason: string;
  onClose(): void;
  /** Called with the saved name. */
  onSaved(name: string): void;
}

/** Asks the analyst for the name partners see on their public key and on every case file they sign. */
export function IdentityNameDialog({ isOpen, suggested, reason, onClose, onSaved }: IdentityNameDialogProps) {
  const [name, setName] = useState(suggested);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (isOpen) setName(suggested);
  }, [isOpen, suggested]);
  const save = async () => {
    setSaving(true);
    const result = await call('exchange:set-name', { name });
    setSaving(false);
    if (!result.ok) return showError('Your name was not saved', result.error);
    onSaved(result.value.name);
  };
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Your name in exchanges">
      <DialogBody>
        <p>{reason}</p>
        <FormGroup label="Name partners will see" labelFor="cf-identity-name" helperText="For example your name and team, or your organisation. You can change it later under Exchange → Your keys; your keys stay the same.">
          <InputGroup id="cf-identity-name" value={name} onValueChange={setName} autoFocus maxLength={200} onKeyDown={(e) => e.key === 'Enter' && name.trim() && void save()} />
        </FormGroup>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Cancel" onClick={onClose} />
            <Button intent="primary" text="Save name" disabled={!name.trim() || saving} onClick={() => void save()} />
          </>
        }
      />
    </Dialog>
  );
}
