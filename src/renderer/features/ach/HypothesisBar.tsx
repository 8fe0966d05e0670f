import { Button, InputGroup } from '@blueprintjs/core';
import { memo, useState, type FormEvent } from 'react';
import type { AchMatrix } from '../../../shared/domain/ach';
import { newId } from '../../../shared/domain/ids';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import { trackEdit } from '../../app/pendingEdits';

function putMatrix(matrix: AchMatrix, what: string): Promise<boolean> {
  return trackEdit(call('ach:put-matrix', { matrix })).then((result) => {
    if (!result.ok) {
      showError(what, result.error);
      return false;
    }
    showSuccess(result.value.summary);
    return true;
  });
}

/** The hypotheses in column order: add one, move it left or right, remove it (with its ratings). */
export const HypothesisBar = memo(function HypothesisBar({ matrix }: { matrix: AchMatrix }) {
  const [statement, setStatement] = useState('');
  const hs = matrix.hypotheses;
  const move = (i: number, by: number) => {
    const next = [...hs];
    const [h] = next.splice(i, 1);
    if (!h) return;
    next.splice(i + by, 0, h);
    void putMatrix({ ...matrix, hypotheses: next }, 'Could not reorder the hypotheses');
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void putMatrix({ ...matrix, hypotheses: [...hs, { id: newId('hypothesis'), statement: statement.trim() }] }, 'Could not add the hypothesis').then((done) => done && setStatement(''));
  };
  return (
    <section className="cf-ach-hypotheses" aria-label="Hypotheses">
      <ol>
        {hs.map((h, i) => (
          <li key={h.id}>
            <strong>H{i + 1}</strong> {h.statement}{' '}
            <Button small minimal icon="arrow-left" aria-label={`Move H${i + 1} left`} disabled={i === 0} onClick={() => move(i, -1)} />
            <Button small minimal icon="arrow-right" aria-label={`Move H${i + 1} right`} disabled={i === hs.length - 1} onClick={() => move(i, 1)} />
            <Button small minimal icon="cross" aria-label={`Remove H${i + 1} and its ratings`} onClick={() => void putMatrix({ ...matrix, hypotheses: hs.filter((x) => x.id !== h.id) }, 'Could not remove the hypothesis')} />
          </li>
        ))}
      </ol>
      <form onSubmit={add} className="cf-ach-addhyp" aria-label="Add a hypothesis">
        <InputGroup aria-label="New hypothesis" placeholder="A hypothesis, stated briefly" value={statement} onValueChange={setStatement} />
        <Button type="submit" icon="add-column-right" text="Add hypothesis" disabled={statement.trim() === ''} />
      </form>
    </section>
  );
});
