import { Alert, Button, Callout, Card, FileInput, FormGroup, H4, H5, HTMLTable, InputGroup, NonIdealState, SegmentedControl, TextArea } from '@blueprintjs/core';
import { useCallback, useEffect, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import type { TaxiiTarget } from './taxii-shared';

type Connection = ResponseOf<'taxii:connections'>['connections'][number];
type Listing = ResponseOf<'taxii:collections'>;
type AuthKind = 'basic' | 'bearer' | 'none';

const AUTH_LABEL: Record<Connection['authKind'], string> = { basic: 'user + password', bearer: 'token', none: 'none' };

/** TAXII servers: the case's connections (secrets stay in main), adding one, and a server's collections. */
export function TaxiiServersPanel({ target, onTarget }: { target: TaxiiTarget | null; onTarget: (t: TaxiiTarget | null) => void }) {
  const [connections, setConnections] = useState<Connection[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const [listed, setListed] = useState<{ connection: Connection; listing: Listing } | null>(null);
  const [listing, setListing] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await call('taxii:connections', {});
    if (!result.ok) return setLoadError(result.error.message);
    setLoadError(null);
    setConnections(result.value.connections);
  }, []);
  useEffect(() => void load(), [load]);
  const list = async (connection: Connection) => {
    setListing(connection.id);
    setListError(null);
    setListed(null);
    const result = await call('taxii:collections', { connectionId: connection.id });
    setListing(null);
    if (!result.ok) return setListError(`${connection.label}: ${result.error.message}`);
    setListed({ connection, listing: result.value });
  };
  const remove = async (connection: Connection) => {
    setRemoving(null);
    const result = await call('taxii:remove-connection', { id: connection.id });
    if (!result.ok) return showError('The connection was not removed', result.error);
    showSuccess(`Removed the connection “${connection.label}” and its saved secret.`);
    if (listed?.connection.id === connection.id) setListed(null);
    if (target?.connectionId === connection.id) onTarget(null);
    await load();
  };
  return (
    <Card className="cf-exchange-card" aria-label="TAXII servers">
      <H4>TAXII servers</H4>
      {loadError && (
        <Callout intent="danger" title="The connections could not be read">
          {loadError}
        </Callout>
      )}
      {connections?.length === 0 && <NonIdealState icon="cloud" title="No TAXII server yet" description="Add your team’s OpenCTI, MISP or other TAXII 2.1 server below by its discovery URL (…/taxii2/)." />}
      {connections && connections.length > 0 && (
        <HTMLTable compact striped aria-label="TAXII connections">
          <thead>
            <tr>
              <th>Server</th>
              <th>Discovery URL</th>
              <th>Sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.id}>
                <td>{c.label}</td>
                <td className="cf-exchange-value">{c.discoveryUrl}</td>
                <td>
                  {AUTH_LABEL[c.authKind]}
                  {c.user ? ` (${c.user})` : ''}
                  {c.authKind !== 'none' && (c.hasSecret ? `, secret saved ${c.secretStore === 'os-keychain' ? 'in the OS keychain' : 'in the case’s encrypted keyring'}` : ', no secret saved')}
                  {c.hasCa ? ', own CA' : ''}
                </td>
                <td>
                  <Button small icon="th-list" text="Collections" loading={listing === c.id} onClick={() => void list(c)} />
                  <Button small minimal icon="trash" aria-label={`Remove ${c.label}`} onClick={() => setRemoving(c)} />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {listError && (
        <Callout intent="danger" title="The collections could not be listed" data-testid="taxii-list-error">
          {listError}
        </Callout>
      )}
      {listed && <Collections connection={listed.connection} listing={listed.listing} target={target} onTarget={onTarget} />}
      <AddConnection
        onAdded={async (added) => {
          await load();
          // Adding is offline; listing the collections is the first call to the server, and shows its errors.
          await list(added);
        }}
      />
      <Alert isOpen={removing !== null} intent="danger" icon="trash" confirmButtonText="Remove" cancelButtonText="Keep" onConfirm={() => removing && void remove(removing)} onCancel={() => setRemoving(null)}>
        Remove the connection “{removing?.label}” and its saved secret? What this case remembers of that server (what was sent, where pulls stopped) goes too; the next push sends everything again.
      </Alert>
    </Card>
  );
}

function Collections({ connection, listing, target, onTarget }: { connection: Connection; listing: Listing; target: TaxiiTarget | null; onTarget: (t: TaxiiTarget) => void }) {
  const total = listing.apiRoots.reduce((n, r) => n + r.collections.length, 0);
  return (
    <div data-testid="taxii-collections">
      <H5>
        {listing.title || connection.label}: {total} collection(s)
      </H5>
      {listing.apiRoots.length === 0 && <p>The server lists no API root: ask its administrator which API root to use.</p>}
      {listing.apiRoots.map((root) => (
        <div key={root.url}>
          <p>
            API root <code>{root.title ?? root.url}</code>
            {root.maxContentLength ? ` (requests up to ${Math.round(root.maxContentLength / 1024).toLocaleString()} KB)` : ''}
          </p>
          {root.error && <Callout intent="warning">{root.error}</Callout>}
          {!root.error && root.collections.length === 0 && <p>No collection you can see here: ask the administrator for read or write rights.</p>}
          {root.collections.length > 0 && (
            <HTMLTable compact aria-label={`Collections of ${root.title ?? root.url}`}>
              <thead>
                <tr>
                  <th>Collection</th>
                  <th>Rights</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {root.collections.map((col) => {
                  const pick = { connectionId: connection.id, connectionLabel: connection.label, apiRootUrl: root.url, collectionId: col.id, title: col.title, canRead: col.canRead, canWrite: col.canWrite };
                  const chosen = target?.connectionId === connection.id && target.collectionId === col.id;
                  return (
                    <tr key={col.id}>
                      <td title={col.description}>{col.title}</td>
                      <td>{[col.canRead ? 'read' : null, col.canWrite ? 'write' : null].filter(Boolean).join(' + ') || 'none'}</td>
                      <td>
                        <Button small icon={chosen ? 'tick' : 'select'} text={chosen ? 'Chosen' : 'Use'} aria-label={`Use ${col.title}`} disabled={!col.canRead && !col.canWrite} onClick={() => onTarget(pick)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </HTMLTable>
          )}
        </div>
      ))}
    </div>
  );
}

function AddConnection({ onAdded }: { onAdded: (added: Connection) => Promise<void> }) {
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<AuthKind>('basic');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [caPem, setCaPem] = useState('');
  const [caName, setCaName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const readCa = async (file: File | undefined) => {
    if (!file) return;
    setCaName(file.name);
    setCaPem(await file.text());
  };
  const auth = (): RequestOf<'taxii:add-connection'>['auth'] => (kind === 'basic' ? { kind, user, password: secret } : kind === 'bearer' ? { kind, token: secret } : { kind });
  const add = async () => {
    setAdding(true);
    setError(null);
    const result = await call('taxii:add-connection', { label: label.trim() || url, discoveryUrl: url.trim(), auth: auth(), ...(caPem.trim() ? { caPem } : {}) });
    setAdding(false);
    if (!result.ok) return setError(result.error.message);
    showSuccess(`Added “${result.value.label}”${result.value.hasSecret ? `; its secret is kept ${result.value.secretStore === 'os-keychain' ? 'in the OS keychain' : 'in the case’s encrypted keyring'}` : ''}. Listing its collections…`);
    setSecret('');
    setLabel('');
    setUrl('');
    setCaPem('');
    setCaName('');
    await onAdded(result.value);
  };
  const ready = url.trim() !== '' && (kind === 'none' || (kind === 'basic' ? user.trim() !== '' : secret !== ''));
  return (
    <div aria-label="Add a TAXII server" role="group">
      <H5>Add a server</H5>
      <FormGroup label="Discovery URL" helperText="https:// (plain http:// only to this computer)">
        <InputGroup value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Discovery URL" placeholder="https://cti.example.org/taxii2/" />
      </FormGroup>
      <FormGroup label="Name">
        <InputGroup value={label} onChange={(e) => setLabel(e.target.value)} aria-label="Connection name" placeholder="Team OpenCTI" />
      </FormGroup>
      <SegmentedControl
        small
        aria-label="Sign-in"
        value={kind}
        onValueChange={(v) => setKind(v as AuthKind)}
        options={[
          { label: 'User + password', value: 'basic' },
          { label: 'Token', value: 'bearer' },
          { label: 'None', value: 'none' },
        ]}
      />
      {kind === 'basic' && (
        <FormGroup label="User">
          <InputGroup value={user} onChange={(e) => setUser(e.target.value)} aria-label="TAXII user" autoComplete="off" />
        </FormGroup>
      )}
      {kind !== 'none' && (
        <FormGroup label={kind === 'basic' ? 'Password' : 'API token (OpenCTI: Profile → API access)'}>
          <InputGroup type="password" value={secret} onChange={(e) => setSecret(e.target.value)} aria-label={kind === 'basic' ? 'TAXII password' : 'TAXII token'} autoComplete="off" />
        </FormGroup>
      )}
      <FormGroup label="CA certificate (PEM, only for a server with its own CA)">
        <FileInput text={caName || 'Choose a .pem file…'} inputProps={{ accept: '.pem,.crt,.cer', 'aria-label': 'CA certificate file' }} onInputChange={(e) => void readCa((e.target as HTMLInputElement).files?.[0])} />
        <TextArea fill rows={2} value={caPem} onChange={(e) => setCaPem(e.target.value)} aria-label="CA certificate PEM" placeholder="…or paste -----BEGIN CERTIFICATE-----" />
      </FormGroup>
      <Button intent="primary" icon="add" text="Add" loading={adding} disabled={!ready} onClick={() => void add()} />
      {error && (
        <Callout intent="danger" title="Not added" data-testid="taxii-add-error">
          {error}
        </Callout>
      )}
    </div>
  );
}
