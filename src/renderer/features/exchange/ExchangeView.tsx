import { useState } from 'react';
import { ExportPanel } from './ExportPanel';
import { KeysPanel, type KeysState } from './KeysPanel';
import { ReceivePanel } from './ReceivePanel';
import './exchange.css';

/** Exchange: your keys and partners, export a signed and encrypted case file, open and merge one. */
export function ExchangeView() {
  const [keys, setKeys] = useState<KeysState | null>(null);
  return (
    <div className="cf-exchange">
      <KeysPanel onKeys={setKeys} />
      <ExportPanel keys={keys} />
      <ReceivePanel />
    </div>
  );
}
