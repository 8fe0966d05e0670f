import { Button, Classes, Dialog, DialogBody, DialogFooter, FormGroup, InputGroup, Intent } from '@blueprintjs/core';
import { useEffect, useId, useState } from 'react';
import type { CiteCandidate } from '../../../../shared/ipc/channels/written-reports';
import { recordNoun } from '../../../../shared/text/format';
import { MarkingTag } from '../../../components/MarkingTag';
import { call } from '../../../ipc/client';
import type { CitationAttrs } from './citation';

interface CitedRecordDialogProps {
  cited: CitationAttrs | null;
  editable: boolean;
  onClose: () => void;
  onLocator: (locator: string | null) => void;
}

/** A cited record as the case holds it now, and the citation's locator (page, minute, paragraph). */
export function CitedRecordDialog({ cited, editable, onClose, onLocator }: CitedRecordDialogProps) {
  const [record, setRecord] = useState<CiteCandidate | null | 'missing'>(null);
  const [locator, setLocator] = useState('');
  const locatorId = useId();
  useEffect(() => {
    if (!cited) return;
    setRecord(null);
    setLocator(cited.locator ?? '');
    let current = true;
    void call('reports:cited', { refs: [{ kind: cited.kind, id: cited.recordId }] }).then((r) => {
      if (current) setRecord(r.ok && r.value.records[0] ? r.value.records[0] : 'missing');
    });
    return () => {
      current = false;
    };
  }, [cited]);
  return (
    <Dialog isOpen={cited !== null} onClose={onClose} title={cited ? `Cited ${recordNoun(cited.kind)}` : ''} icon="bookmark">
      <DialogBody>
        {record === null && <p className={Classes.SKELETON}>Loading the record…</p>}
        {record === 'missing' && <p role="alert">This record is no longer in the case (deleted or merged). It was cited as “{cited?.label}”. Cite another record, or restore it with Undo.</p>}
        {record && record !== 'missing' && (
          <div aria-label="Cited record">
            <h3 className="cf-cited-title">{record.label}</h3>
            <p>{record.detail}</p>
            <p>
              <MarkingTag marking={record.marking} /> <span className="cf-muted">{record.id}</span>
            </p>
          </div>
        )}
        <FormGroup label="Locator" labelFor={locatorId} helperText="Where in the record: a page, a minute, a paragraph. Shown after the note.">
          <InputGroup id={locatorId} value={locator} disabled={!editable} onChange={(e) => setLocator(e.currentTarget.value.slice(0, 200))} placeholder="p. 12" />
        </FormGroup>
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text="Close" onClick={onClose} />
            {editable && <Button intent={Intent.PRIMARY} text="Save locator" onClick={() => onLocator(locator.trim() || null)} />}
          </>
        }
      />
    </Dialog>
  );
}
