import { useState } from 'react';
import { ExportPanel } from './ExportPanel';
import { KeysPanel, type KeysState } from './KeysPanel';
import { ReceivePanel } from './ReceivePanel';
import { StixExportPanel } from './StixExportPanel';
import { TaxiiPublishPanel } from './TaxiiPublishPanel';
import { TaxiiReceivePanel } from './TaxiiReceivePanel';
import { TaxiiServersPanel } from './TaxiiServersPanel';
import type { TaxiiTarget } from './taxii-shared';
import './exchange.css';

/** Exchange: keys and partners, .casefile export and merge, a STIX 2.1 bundle export, and TAXII servers to publish to and pull from. */
export function ExchangeView() {
  const [keys, setKeys] = useState<KeysState | null>(null);
  const [target, setTarget] = useState<TaxiiTarget | null>(null);
  // Bumped when export names the identity, so the keys panel reads the keys again.
  const [keysVersion, setKeysVersion] = useState(0);
  return (
    <div className="cf-exchange">
      <KeysPanel key={keysVersion} onKeys={setKeys} />
      <ExportPanel keys={keys} onIdentityNamed={() => setKeysVersion((v) => v + 1)} />
      <StixExportPanel />
      <ReceivePanel />
      <TaxiiServersPanel target={target} onTarget={setTarget} />
      <TaxiiPublishPanel target={target} />
      <TaxiiReceivePanel target={target} />
    </div>
  );
}
