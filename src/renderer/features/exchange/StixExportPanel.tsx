import { Button, Card, FormGroup, H4, InputGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { ExportScopeControls, LeftOutList, useExportScope } from './ExportScope';

/**
 * Export the case as a STIX 2.1 bundle (JSON, for a platform's import): the same maximum marking,
 * selection and left-out list as a `.casefile` export, shown before anything is written.
 */
export function StixExportPanel() {
  const scope = useExportScope('TLP:GREEN');
  const { marking, selection, selectionKey } = scope;
  const [preview, setPreview] = useState<ResponseOf<'exchange:preview'> | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const current = JSON.parse(selectionKey) as typeof selection;
    void call('exchange:preview', { maxMarking: marking, ...current }).then((r) => (r.ok ? setPreview(r.value) : showError('Preview failed', r.error)));
  }, [marking, selectionKey]);
  const choosePath = async () => {
    const picked = await call('exchange:pick-save-path', { suggestedName: 'case.stix.json', format: 'stix' });
    if (!picked.ok) return showError('Could not choose a file', picked.error);
    if (picked.value.path) setPath(picked.value.path);
    else showSuccess('No save dialog here: type the path of the new file.');
  };
  const run = async () => {
    setBusy(true);
    const result = await call('exchange:export-stix', { path, maxMarking: marking, ...selection });
    setBusy(false);
    if (!result.ok) return showError('The STIX bundle was not written', result.error);
    showSuccess(`Wrote ${result.value.path}: ${result.value.objects} STIX objects, up to ${marking}; ${result.value.leftOut} left out or cut.`);
  };
  return (
    <Card className="cf-exchange-card" aria-label="Export a STIX 2.1 bundle">
      <H4>Export a STIX 2.1 bundle</H4>
      <p>Plain JSON for another platform’s import (OpenCTI, MISP…): not encrypted and not signed.</p>
      <ExportScopeControls scope={scope} markingLabel="Highest marking in the STIX bundle" />
      {preview && (
        <div data-testid="stix-export-preview">
          <p>Leaves: {Object.entries(preview.counts).map(([k, v]) => `${v} ${k}`).join(', ')}</p>
          <LeftOutList leftOut={preview.leftOut} />
        </div>
      )}
      <FormGroup label="Save as (path of the new .json)">
        <InputGroup
          value={path}
          onChange={(e) => setPath(e.target.value)}
          aria-label="STIX bundle path"
          placeholder="/home/me/case.stix.json"
          rightElement={<Button minimal icon="folder-open" text="Choose…" onClick={() => void choosePath()} />}
        />
      </FormGroup>
      <Button intent="primary" icon="export" text="Export STIX 2.1 bundle" loading={busy} disabled={!path} onClick={() => void run()} />
    </Card>
  );
}
