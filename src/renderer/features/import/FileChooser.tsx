import { Button, ControlGroup, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useId, useRef, useState } from 'react';
import type { ImportFileRef } from '../../../shared/ipc/channels/import';
import type { AppError } from '../../../shared/ipc/errors';
import { call, hostKind } from '../../ipc/client';

export interface FileChooserProps {
  /** Called with the file main now knows by id. */
  onChosen: (file: ImportFileRef) => void;
  /** A browser-picked file to upload (the browser host has no native dialog). */
  onUpload: (file: File) => void;
  /** Shows why picking failed. */
  onError: (what: string, error: AppError) => void;
  /** Disables the controls while an import runs. */
  disabled: boolean;
}

/** Picks the file to import: a native dialog in Electron; upload or a typed path in the browser host. */
export function FileChooser({ onChosen, onUpload, onError, disabled }: FileChooserProps) {
  const input = useRef<HTMLInputElement>(null);
  const pathId = useId();
  const [path, setPath] = useState('');
  const electron = hostKind() === 'electron';

  async function pick(): Promise<void> {
    if (!electron) {
      input.current?.click();
      return;
    }
    const picked = await call('import:pick-file', {});
    if (!picked.ok) onError('Could not open the file dialog', picked.error);
    else if (picked.value.file) onChosen(picked.value.file);
  }

  async function openTyped(): Promise<void> {
    const opened = await call('import:open-path', { path: path.trim() });
    if (opened.ok) onChosen(opened.value.file);
    else onError('Could not open that file', opened.error);
  }

  return (
    <div className="cf-import-chooser">
      <Button icon="folder-open" intent={Intent.PRIMARY} text="Choose file…" onClick={() => void pick()} disabled={disabled} />
      <input
        ref={input}
        type="file"
        hidden
        aria-label="File to import"
        data-testid="import-file-input"
        accept=".csv,.tsv,.txt,.xlsx,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onUpload(file);
          e.target.value = '';
        }}
      />
      {!electron && (
        <FormGroup label="…or a path on this machine" labelFor={pathId} inline>
          <ControlGroup>
            <InputGroup id={pathId} value={path} placeholder="/data/acled-2024.csv" onValueChange={setPath} disabled={disabled} />
            <Button text="Open" onClick={() => void openTyped()} disabled={disabled || path.trim() === ''} />
          </ControlGroup>
        </FormGroup>
      )}
    </div>
  );
}
