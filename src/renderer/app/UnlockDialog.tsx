import { Button, Callout, Checkbox, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent, Tooltip } from '@blueprintjs/core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { OpenCase } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/errors';
import { call } from '../ipc/client';
import { OpenProgress } from './OpenProgress';

/** The case file the dialog unlocks. */
export interface UnlockTarget {
  path: string;
  fileName: string;
  isDemo: boolean;
  /** A keychain entry was stored for it. */
  keychain: boolean;
}

export interface UnlockDialogProps {
  /** Whether the dialog is shown. */
  isOpen: boolean;
  /** The case to unlock; null when there is none to offer (first start without the demo). */
  target: UnlockTarget | null;
  /** Shown under the passphrase field, for the bundled demo case only. */
  demoHint: string | null;
  /** The host can keep the case key in the OS keychain (Electron with a real secret store). */
  keychainAvailable: boolean;
  /** Whether the dialog may be dismissed: only while another case stays open. */
  canClose: boolean;
  /** Called with the case main opened. */
  onUnlocked(open: OpenCase): void;
  /** Called after a failed attempt (main may have closed the case that was open). */
  onFailed(): void;
  /** Dismisses the dialog (only when `canClose`). */
  onClose(): void;
  /** "Open another case…" */
  onOpenOther(): void;
  /** "New case…" */
  onNewCase(): void;
}

/** Asks for the passphrase of a case file; wrong passphrases are explained and the dialog stays. */
export function UnlockDialog(props: UnlockDialogProps) {
  const { isOpen, target, demoHint, keychainAvailable, canClose } = props;
  const [passphrase, setPassphrase] = useState('');
  const [show, setShow] = useState(false);
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState<'passphrase' | 'keychain' | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const fieldId = useId();

  useEffect(() => {
    setPassphrase('');
    setError(null);
    setRemember(false);
  }, [target?.path]);

  async function unlock(event?: FormEvent, takeOverLock = false): Promise<void> {
    event?.preventDefault();
    if (!target || busy) return;
    setBusy('passphrase');
    const result = await call('case:unlock', { path: target.path, passphrase, ...(keychainAvailable && remember ? { rememberInKeychain: true } : {}), ...(takeOverLock ? { takeOverLock: true } : {}) });
    setBusy(null);
    if (result.ok) {
      setPassphrase('');
      setError(null);
      props.onUnlocked(result.value);
      return;
    }
    setError(result.error);
    props.onFailed();
    input.current?.select();
  }

  async function unlockWithKeychain(): Promise<void> {
    if (!target || busy) return;
    setBusy('keychain');
    const result = await call('case:unlock-keychain', { path: target.path });
    setBusy(null);
    if (result.ok) {
      props.onUnlocked(result.value);
      return;
    }
    setError(result.error);
    props.onFailed();
  }

  const toggle = (
    <Tooltip content={show ? 'Hide passphrase' : 'Show passphrase'}>
      <Button variant="minimal" icon={show ? 'eye-off' : 'eye-open'} aria-label={show ? 'Hide passphrase' : 'Show passphrase'} aria-pressed={show} onClick={() => setShow((s) => !s)} />
    </Tooltip>
  );

  return (
    <Dialog
      isOpen={isOpen}
      title="Unlock a case"
      icon="lock"
      onClose={props.onClose}
      isCloseButtonShown={canClose}
      canEscapeKeyClose={canClose}
      canOutsideClickClose={false}
      className="cf-unlock-dialog"
    >
      <form onSubmit={(e) => void unlock(e)} aria-label="Unlock a case">
        <DialogBody>
          {target ? (
            <>
              <p className={Classes.TEXT_MUTED}>Case file</p>
              <p className="cf-file-name" title={target.path}>
                {target.fileName}
              </p>
              {/* Lets password managers tell the cases apart; never shown. */}
              <input type="text" name="username" autoComplete="username" value={target.path} readOnly hidden />
              <FormGroup label="Passphrase" labelFor={fieldId} helperText={demoHint ? `Demo case passphrase: ${demoHint}` : undefined}>
                <InputGroup
                  id={fieldId}
                  inputRef={input}
                  type={show ? 'text' : 'password'}
                  value={passphrase}
                  onValueChange={(value) => setPassphrase(value)}
                  rightElement={toggle}
                  autoFocus
                  autoComplete="current-password"
                  size="large"
                />
              </FormGroup>
              <OpenProgress active={busy !== null} />
              {keychainAvailable && <Checkbox label="Remember in the OS keychain" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />}
              {error && (
                <Callout intent={Intent.DANGER} icon="error" title={errorTitle(error)} role="alert">
                  {error.message}
                  {error.code === 'LOCK_UNPROVEN' && (
                    <div className="cf-callout-actions">
                      <Button intent={Intent.WARNING} icon="unlock" text="Take over the lock and unlock" disabled={passphrase.length === 0} loading={busy === 'passphrase'} onClick={() => void unlock(undefined, true)} />
                    </div>
                  )}
                </Callout>
              )}
            </>
          ) : (
            <Callout intent={Intent.PRIMARY} icon="folder-open" title="No case to unlock yet">
              Open an existing case file or create a new case.
            </Callout>
          )}
          <div className="cf-dialog-links">
            <Button variant="minimal" icon="folder-open" text="Open another case…" onClick={props.onOpenOther} />
            <Button variant="minimal" icon="add" text="New case…" onClick={props.onNewCase} />
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              {keychainAvailable && target?.keychain && <Button icon="key" text="Unlock with keychain" loading={busy === 'keychain'} onClick={() => void unlockWithKeychain()} />}
              <Button type="submit" intent={Intent.PRIMARY} icon="unlock" text="Unlock" loading={busy === 'passphrase'} disabled={!target || passphrase.length === 0} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}

function errorTitle(error: AppError): string {
  if (error.code === 'WRONG_PASSPHRASE') return 'Wrong passphrase';
  if (error.code === 'LOCKED' || error.code === 'LOCK_UNPROVEN') return 'The case is in use';
  return 'Could not unlock the case';
}
