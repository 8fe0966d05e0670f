import { Button, Card, FormGroup, H4, HTMLTable, InputGroup, TextArea } from '@blueprintjs/core';
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { IdentityNameDialog } from './IdentityNameDialog';

export type KeysState = ResponseOf<'exchange:keys'>;

export interface KeysPanelProps {
  /** Called with the keys whenever they load or change, so export can offer partners. */
  onKeys: (keys: KeysState) => void;
}

/** Your fingerprint and public key text, and your partners' keys (import by pasting their file). */
export function KeysPanel({ onKeys }: KeysPanelProps) {
  const [keys, setKeys] = useState<KeysState | null>(null);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState(false);
  const load = useCallback(async () => {
    const result = await call('exchange:keys', {});
    if (!result.ok) return showError('Could not load your keys', result.error);
    setKeys(result.value);
    onKeys(result.value);
  }, [onKeys]);
  useEffect(() => void load(), [load]);
  const importKey = async () => {
    const result = await call('exchange:import-key', { text, ...(name ? { name } : {}) });
    if (!result.ok) return showError('The key was not imported', result.error);
    showSuccess(`Imported “${result.value.name}” — fingerprint ${result.value.fingerprint}. Check it with them.`);
    setText('');
    setName('');
    await load();
  };
  return (
    <Card className="cf-exchange-card" aria-label="Keys">
      <H4>Your keys</H4>
      {keys && (
        <>
          <p>
            Name partners see: <strong data-testid="own-name">{keys.self.name}</strong>
            {!keys.self.nameChosen && ' (your computer’s user name until you choose one; you will be asked before your first export)'}{' '}
            <Button size="small" icon="edit" text="Change name…" onClick={() => setRenaming(true)} />
          </p>
          <p>
            Fingerprint <code data-testid="own-fingerprint">{keys.self.fingerprint}</code>
          </p>
          <IdentityNameDialog
            isOpen={renaming}
            suggested={keys.self.name}
            reason="Partners see this name on your public key and on every case file you sign."
            onClose={() => setRenaming(false)}
            onSaved={(saved) => {
              setRenaming(false);
              showSuccess(`Your exchange identity is now named “${saved}”.`);
              void load();
            }}
          />
          <FormGroup label="Public key (give this file to partners)">
            <TextArea readOnly fill rows={5} value={keys.self.publicKeyText} aria-label="Your public key" />
          </FormGroup>
          <HTMLTable compact striped aria-label="Partners">
            <thead>
              <tr>
                <th>Partner</th>
                <th>Fingerprint</th>
              </tr>
            </thead>
            <tbody>
              {keys.partners.map((p) => (
                <tr key={p.fingerprint}>
                  <td>{p.name}</td>
                  <td>
                    <code>{p.fingerprint}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </>
      )}
      <FormGroup label="Import a partner’s public key">
        <TextArea fill rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label="Partner public key" />
        <InputGroup placeholder="Name for this partner" value={name} onChange={(e) => setName(e.target.value)} aria-label="Partner name" />
      </FormGroup>
      <Button text="Import key" icon="key" disabled={!text.trim()} onClick={() => void importKey()} />
    </Card>
  );
}
