import { Button, Card, Checkbox, FormGroup, H4, InputGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { PassphraseStrengthView, usePassphraseStrength } from '../../components/PassphraseStrength';
import { call } from '../../ipc/client';
import { ExportScopeControls, LeftOutList, useExportScope } from './ExportScope';
import { IdentityNameDialog } from './IdentityNameDialog';
import type { KeysState } from './KeysPanel';

export interface ExportPanelProps {
  /** Your keys and partners, to pick recipients from. */
  keys: KeysState | null;
  /** Called after you name your identity here, so the keys are read again. */
  onIdentityNamed(): void;
}

/** Export a `.casefile`: choose the maximum marking, see what leaves and what stays, pick recipients. */
export function ExportPanel({ keys, onIdentityNamed }: ExportPanelProps) {
  const [askingName, setAskingName] = useState(false);
  const scope = useExportScope('TLP:AMBER');
  const { marking, selection, selectionKey } = scope;
  const [preview, setPreview] = useState<ResponseOf<'exchange:preview'> | null>(null);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [passphrase, setPassphrase] = useState('');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const strength = usePassphraseStrength(passphrase, 'exchange');
  const weakUnconfirmed = passphrase.length > 0 && strength?.weak === true && !acceptWeak;
  const [path, setPath] = useState('');
  useEffect(() => {
    const current = JSON.parse(selectionKey) as typeof selection;
    void call('exchange:preview', { maxMarking: marking, ...current }).then((r) => (r.ok ? setPreview(r.value) : showError('Preview failed', r.error)));
  }, [marking, selectionKey]);
  const toggle = (name: string) => setRecipients((list) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]));
  const choosePath = async () => {
    const picked = await call('exchange:pick-save-path', { suggestedName: 'outgoing.casefile' });
    if (!picked.ok) return showError('Could not choose a file', picked.error);
    if (picked.value.path) setPath(picked.value.path);
    else showSuccess('No save dialog here: type the path of the new file.');
  };
  const run = async () => {
    // The first signed file: the analyst names the identity it carries (the OS user name is only a suggestion).
    if (keys && !keys.self.nameChosen) return setAskingName(true);
    await write();
  };
  const write = async () => {
    const result = await call('exchange:export', { path, maxMarking: marking, ...selection, recipients, ...(passphrase ? { passphrase, allowWeakPassphrase: acceptWeak } : {}) });
    if (!result.ok) return showError('Export failed', result.error);
    showSuccess(`Wrote ${result.value.path} (file number ${result.value.sequence}).`);
  };
  return (
    <Card className="cf-exchange-card" aria-label="Export a case file">
      <H4>Export a case file</H4>
      <ExportScopeControls scope={scope} markingLabel="Maximum marking" />
      {preview && (
        <div data-testid="export-preview">
          <p>Leaves: {Object.entries(preview.counts).map(([k, v]) => `${v} ${k}`).join(', ')}</p>
          <LeftOutList leftOut={preview.leftOut} />
        </div>
      )}
      <FormGroup label="Recipients">
        {keys?.partners.filter((p) => p.ageRecipient).map((p) => <Checkbox key={p.fingerprint} label={p.name} checked={recipients.includes(p.name)} onChange={() => toggle(p.name)} />)}
        {keys?.partners.length === 0 && <p>No partner keys yet — import one, or use a passphrase.</p>}
      </FormGroup>
      <FormGroup label="…or a passphrase (instead of recipients)">
        <InputGroup
          type="password"
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.target.value);
            setAcceptWeak(false);
          }}
          aria-label="Export passphrase"
        />
      </FormGroup>
      {passphrase.length > 0 && <PassphraseStrengthView strength={strength} acceptWeak={acceptWeak} onAcceptWeakChange={setAcceptWeak} />}
      <FormGroup label="Save as (path of the new .casefile)">
        <InputGroup
          value={path}
          onChange={(e) => setPath(e.target.value)}
          aria-label="Export path"
          placeholder="/home/me/outgoing.casefile"
          rightElement={<Button minimal icon="folder-open" text="Choose…" onClick={() => void choosePath()} />}
        />
      </FormGroup>
      <IdentityNameDialog
        isOpen={askingName}
        suggested={keys?.self.name ?? ''}
        reason="Case files you export are signed with your key and carry your name. Choose the name partners will see (your computer’s user name is only a suggestion)."
        onClose={() => setAskingName(false)}
        onSaved={() => {
          setAskingName(false);
          onIdentityNamed();
          void write();
        }}
      />
      <Button intent="primary" icon="export" text="Export" disabled={!path || (recipients.length === 0 && passphrase.length < 8) || weakUnconfirmed} onClick={() => void run()} />
    </Card>
  );
}
