import { Button, Callout, Checkbox, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { OpenCase, PassphraseStrength } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import { PassphraseStrengthView, usePassphraseStrength } from '../components/PassphraseStrength';
import { call } from '../ipc/client';

export interface NewCaseDialogProps {
  /** Whether the dialog is shown. */
  isOpen: boolean;
  /** The host asks where to save with a native dialog (Electron); otherwise the cases folder is used. */
  nativeDialogs: boolean;
  /** Called with the new, open case. */
  onCreated(open: OpenCase): void;
  /** Dismisses the dialog without creating anything. */
  onClose(): void;
}

const MIN_PASSPHRASE = 8;

function problemWith(name: string, passphrase: string, repeat: string, strength: PassphraseStrength | null, acceptWeak: boolean): string | null {
  if (name.trim().length === 0) return 'Give the case a name.';
  if (passphrase.length < MIN_PASSPHRASE) return `Use a passphrase of at least ${MIN_PASSPHRASE} characters.`;
  if (passphrase !== repeat) return 'The two passphrases differ; type the same one twice.';
  if (strength?.weak && !acceptWeak) return 'This passphrase is weak (see above): choose a stronger one, or tick “Use this weak passphrase anyway”.';
  return null;
}

/** Creates an encrypted case, empty or seeded with the demo data, and opens it. */
export function NewCaseDialog({ isOpen, nativeDialogs, onCreated, onClose }: NewCaseDialogProps) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [demo, setDemo] = useState(false);
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const ids = { name: useId(), pass: useId(), repeat: useId() };

  useEffect(() => {
    if (!isOpen) return;
    setName('');
    setPassphrase('');
    setRepeat('');
    setDemo(false);
    setAcceptWeak(false);
    setAttempted(false);
    setError(null);
  }, [isOpen]);

  const strength = usePassphraseStrength(passphrase, 'case', { demo, context: name });
  const problem = problemWith(name, passphrase, repeat, strength, acceptWeak);

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAttempted(true);
    if (problem || busy) return;
    setBusy(true);
    // Submitted before the strength came back: judge it now, so a weak one is shown, not sent.
    if (!strength && !acceptWeak) {
      const judged = await call('passphrase:strength', { passphrase, use: 'case', demo, context: name.trim() ? [name] : [] });
      if (judged.ok && judged.value.weak) {
        setBusy(false);
        return;
      }
    }
    const result = await call('case:create', { name: name.trim(), passphrase, demo, allowWeakPassphrase: acceptWeak });
    setBusy(false);
    if (result.ok) {
      onCreated(result.value);
      return;
    }
    setError(result.error);
  }

  return (
    <Dialog isOpen={isOpen} title="New case" icon="add" onClose={onClose} canOutsideClickClose={false}>
      <form onSubmit={(e) => void create(e)} aria-label="New case">
        <DialogBody>
          <FormGroup label="Case name" labelFor={ids.name}>
            <InputGroup id={ids.name} value={name} onValueChange={setName} autoFocus placeholder="e.g. the group and the years the case covers" />
          </FormGroup>
          <FormGroup label="Passphrase" labelFor={ids.pass} helperText={`At least ${MIN_PASSPHRASE} characters. There is no way to recover a case without it.`}>
            <InputGroup
              id={ids.pass}
              type="password"
              value={passphrase}
              onValueChange={(value) => {
                setPassphrase(value);
                // A confirmation is for the passphrase it was given for.
                setAcceptWeak(false);
              }}
              autoComplete="new-password"
            />
          </FormGroup>
          {passphrase.length > 0 && <PassphraseStrengthView strength={strength} acceptWeak={acceptWeak} onAcceptWeakChange={setAcceptWeak} />}
          <FormGroup label="Repeat passphrase" labelFor={ids.repeat}>
            <InputGroup id={ids.repeat} type="password" value={repeat} onValueChange={setRepeat} autoComplete="new-password" />
          </FormGroup>
          <Checkbox label="Start from the demo case" checked={demo} onChange={(e) => setDemo(e.currentTarget.checked)} />
          <p className="cf-muted">{nativeDialogs ? 'You will be asked where to save the case file.' : 'The case file is saved in the cases folder of this workbench.'}</p>
          {attempted && problem && (
            <Callout intent={Intent.WARNING} icon="warning-sign" role="alert">
              {problem}
            </Callout>
          )}
          {error && (
            <Callout intent={error.code === 'CANCELLED' ? Intent.NONE : Intent.DANGER} icon="error" title="The case was not created" role="alert">
              {error.message}
            </Callout>
          )}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text="Cancel" onClick={onClose} />
              <Button type="submit" intent={Intent.PRIMARY} icon="add" text="Create case" loading={busy} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
