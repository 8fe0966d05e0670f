import { Button, ButtonGroup, Callout, Card, FormGroup, H4, InputGroup } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { REVIEW_PAGE, type ExchangeProgress } from '../../../shared/ipc/channels/exchange';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call, subscribe } from '../../ipc/client';
import { ConflictTable, type Choice } from './ConflictTable';
import { ExchangeProgressBar } from './ExchangeProgressBar';

type Opened = ResponseOf<'exchange:open'>;
type Running = 'open' | 'merge';

/** Open a received file: signer and warnings first, then the merge review and one Apply (undo with Ctrl+Z). */
export function ReceivePanel() {
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [replanned, setReplanned] = useState<string[] | null>(null);
  // The review's conflicts come a page at a time (a large file has thousands); choices not made keep ours.
  const [page, setPage] = useState<{ offset: number; conflicts: Opened['conflicts'] }>({ offset: 0, conflicts: [] });
  const [running, setRunning] = useState<Running | null>(null);
  const [progress, setProgress] = useState<ExchangeProgress | null>(null);
  useEffect(() => subscribe('exchange:progress', (p) => setProgress(p.phase === 'done' ? null : p)), []);
  const showReview = (review: Opened) => {
    setOpened(review);
    setPage({ offset: 0, conflicts: review.conflicts });
  };
  const turnPage = async (offset: number) => {
    if (!opened) return;
    const result = await call('exchange:review-page', { token: opened.token, list: 'conflicts', offset });
    if (!result.ok) return showError('The conflicts could not be shown', result.error);
    setPage({ offset, conflicts: result.value.conflicts ?? [] });
  };
  const run = async <T,>(what: Running, work: () => Promise<T>): Promise<T> => {
    setProgress(null);
    setRunning(what);
    try {
      return await work();
    } finally {
      setRunning(null);
      setProgress(null);
    }
  };
  const open = async () => {
    setOpened(null);
    setError(null);
    setReplanned(null);
    const result = await run('open', () => call('exchange:open', { path, ...(passphrase ? { passphrase } : {}) }));
    if (!result.ok) return setError(result.error.message);
    showReview(result.value);
    setChoices({});
  };
  const apply = async () => {
    if (!opened) return;
    const result = await run('merge', () => call('exchange:merge', { token: opened.token, resolutions: choices }));
    if (!result.ok) {
      if (result.error.code === 'CANCELLED') return setError(result.error.message);
      // A review that no longer belongs to the open case cannot be applied: it is gone on the main side too.
      if (result.error.code === 'CONFLICT') setOpened(null);
      return showError('The merge was not applied', result.error);
    }
    const again = result.value.replanned;
    if (again) {
      // The case changed since the review in a way that changes the merge: show the new plan and what differs.
      setReplanned(again.differences);
      showReview(again.review);
      // Choices made stay where the new plan still offers them (checked again as their pages are shown).
      return;
    }
    setReplanned(null);
    showSuccess(`${result.value.summary.replace(/ \[casefile .*\]$/, '')}. Ctrl+Z undoes the whole merge.`);
    setOpened(null);
  };
  return (
    <Card className="cf-exchange-card" aria-label="Open a received file">
      <H4>Open a received file</H4>
      <FormGroup label="Path of the .casefile">
        <InputGroup
          value={path}
          onChange={(e) => setPath(e.target.value)}
          aria-label="Received file path"
          rightElement={<Button minimal icon="folder-open" aria-label="Choose a file" onClick={() => void call('exchange:pick-file', {}).then((r) => r.ok && r.value.path && setPath(r.value.path))} />}
        />
      </FormGroup>
      <FormGroup label="Passphrase (only for passphrase-encrypted files)">
        <InputGroup type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-label="Received file passphrase" />
      </FormGroup>
      <Button icon="document-open" text="Open and verify" disabled={!path || running !== null} onClick={() => void open()} />
      {running && (
        <ExchangeProgressBar
          label={running === 'open' ? 'Opening the file' : 'Merging'}
          progress={progress && progress.operation === running ? progress : null}
          onCancel={() => void call('exchange:cancel', {})}
        />
      )}
      {error && (
        <Callout intent="danger" title="Refused" data-testid="receive-error">
          {error}
        </Callout>
      )}
      {opened && (
        <div data-testid="merge-review">
          <Callout intent={opened.signer.trust === 'unknown' ? 'warning' : 'success'} title={opened.signer.trust === 'unknown' ? 'Signed by an unknown key' : `Signed by ${opened.signer.name}`}>
            “{opened.caseName}”, file number {opened.sequence}, made {opened.createdAt}. Fingerprint <code>{opened.signer.fingerprint}</code>
          </Callout>
          {opened.warnings.map((w) => (
            <Callout key={w} intent="warning">
              {w}
            </Callout>
          ))}
          {replanned && (
            <Callout intent="warning" title="The case changed since you opened this file; nothing was merged" data-testid="merge-replanned">
              The merge below is planned again against the case as it is now. What differs from what you reviewed:
              <ul>
                {replanned.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
              Check the choices, then apply again.
            </Callout>
          )}
          <p>
            {opened.totals.added} new, {opened.totals.changed} changed, {opened.totals.deleted} deleted, {opened.totals.conflicts} conflict(s), {opened.unchanged} unchanged, {opened.oursNewer} newer here.
          </p>
          {opened.notes.length > 0 && (
            <ul aria-label="Taken differently" data-testid="merge-notes">
              {opened.notes.map((n, i) => (
                <li key={`${n.collection}/${n.id}/${i}`}>{`“${n.label}”: ${n.note}`}</li>
              ))}
            </ul>
          )}
          {opened.totals.conflicts > REVIEW_PAGE && (
            <ButtonGroup aria-label="Conflict pages">
              <Button icon="chevron-left" text="Previous" disabled={page.offset === 0} onClick={() => void turnPage(Math.max(0, page.offset - REVIEW_PAGE))} />
              <Button rightIcon="chevron-right" text="Next" disabled={page.offset + REVIEW_PAGE >= opened.totals.conflicts} onClick={() => void turnPage(page.offset + REVIEW_PAGE)} />
              <span className="cf-exchange-page">
                Conflicts {page.offset + 1}–{Math.min(page.offset + REVIEW_PAGE, opened.totals.conflicts)} of {opened.totals.conflicts}; those you do not change keep ours.
              </span>
            </ButtonGroup>
          )}
          {page.conflicts.length > 0 && <ConflictTable conflicts={page.conflicts} choices={choices} onChoose={(key, v) => setChoices((all) => ({ ...all, [key]: v }))} />}
          <Button intent="primary" icon="git-merge" text="Apply merge" disabled={running !== null} onClick={() => void apply()} />
        </div>
      )}
    </Card>
  );
}
