import { Button, FormGroup, HTMLSelect, InputGroup, Menu, MenuItem, Tag } from '@blueprintjs/core';
import { useEffect, useState, type FormEvent } from 'react';
import { newId } from '../../../shared/domain/ids';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { MatrixSummary } from '../../../shared/ipc/channels/ach';
import { useOpenCase } from '../../app/caseContext';
import { showError, showSuccess } from '../../app/toaster';
import type { Loadable } from '../../app/loadable';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { call } from '../../ipc/client';
import { MatrixPanel } from './MatrixPanel';
import './ach.css';
import { trackEdit } from '../../app/pendingEdits';

function useMatrixList(): Loadable<MatrixSummary[]> {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<MatrixSummary[]>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    void call('ach:list', {}).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', value: result.value.matrices } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [version]);
  return loaded;
}

/** Competing hypotheses (ACH): the case's matrices, one open beside the list (docs/ach.md). */
export function AchView() {
  const list = useMatrixList();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <LoadState loadable={list} what="the matrices">
      {(matrices) => {
        const current = matrices.find((m) => m.id === selected) ?? matrices[0] ?? null;
        const form = creating || matrices.length === 0 ? <NewMatrixForm onCreated={(id) => { setSelected(id); setCreating(false); }} onCancel={matrices.length > 0 ? () => setCreating(false) : undefined} /> : null;
        if (matrices.length === 0) {
          return (
            <div className="cf-ach-empty">
              <EmptyState icon="grid" title="No matrices yet" description="A matrix weighs competing hypotheses against the case's own evidence. Ask its question to start." />
              {form}
            </div>
          );
        }
        return (
          <div className="cf-ach">
            <nav className="cf-ach-list" aria-label="Matrices">
              <Menu>
                {matrices.map((m) => (
                  <MenuItem
                    key={m.id}
                    text={m.title}
                    active={current?.id === m.id}
                    aria-current={current?.id === m.id ? 'true' : undefined}
                    onClick={() => setSelected(m.id)}
                    labelElement={m.flagged > 0 ? <Tag intent="warning" minimal title="Rows flagged: something they rest on changed">{m.flagged}</Tag> : undefined}
                  />
                ))}
              </Menu>
              {form ?? <Button icon="add" text="New matrix" onClick={() => setCreating(true)} fill />}
            </nav>
            {current && <MatrixPanel key={current.id} id={current.id} onDeleted={() => setSelected(null)} />}
          </div>
        );
      }}
    </LoadState>
  );
}

function NewMatrixForm({ onCreated, onCancel }: { onCreated(id: string): void; onCancel?: () => void }) {
  const [question, setQuestion] = useState('');
  const [marking, setMarking] = useState<Marking>('TLP:GREEN');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const matrix = { id: newId('matrix'), title: question.trim(), hypotheses: [], marking };
    void trackEdit(call('ach:put-matrix', { matrix })).then((result) => {
      if (!result.ok) return showError('Could not create the matrix', result.error);
      showSuccess(result.value.summary);
      onCreated(matrix.id);
    });
  };
  return (
    <form className="cf-ach-new" onSubmit={submit} aria-label="New matrix">
      <FormGroup label="Question" labelFor="ach-new-question">
        <InputGroup id="ach-new-question" value={question} onValueChange={setQuestion} placeholder="Who directed the attack?" autoFocus />
      </FormGroup>
      <FormGroup label="Marking" labelFor="ach-new-marking">
        <HTMLSelect id="ach-new-marking" value={marking} onChange={(e) => setMarking(e.currentTarget.value as Marking)} options={[...TLP_LEVELS]} />
      </FormGroup>
      <Button type="submit" intent="primary" text="Create matrix" disabled={question.trim() === ''} />
      {onCancel && <Button minimal text="Cancel" onClick={onCancel} />}
    </form>
  );
}
