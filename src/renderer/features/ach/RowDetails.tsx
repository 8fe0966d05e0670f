import { Button, ButtonGroup, Callout, FormGroup, HTMLSelect } from '@blueprintjs/core';
import { credibilityText } from '../../../shared/ach/table';
import { LEVEL_LABELS, LEVELS, type AchMatrix, type AchRow, type Level } from '../../../shared/domain/ach';
import type { RequestOf } from '../../../shared/ipc/contract';
import { showError, showSuccess } from '../../app/toaster';
import { call } from '../../ipc/client';
import type { RowWithStatus } from './useMatrix';
import { trackEdit } from '../../app/pendingEdits';

type Channel = 'ach:put-row' | 'ach:delete-row' | 'ach:review' | 'ach:resolve';

function commit<C extends Channel>(channel: C, request: RequestOf<C>, what: string): void {
  void trackEdit(call(channel, request)).then((result) => {
    if (!result.ok) showError(what, result.error);
    else showSuccess(result.value.summary);
  });
}

/**
 * The row the grid's focus is on: what it cites and in what state, why it is flagged, its
 * credibility (proposed from the sources, or set), its relevance, and the cells analysts disagree on.
 */
export function RowDetails({ matrix, entry }: { matrix: AchMatrix; entry: RowWithStatus }) {
  const { row, status } = entry;
  const put = (next: AchRow) => commit('ach:put-row', { row: next }, 'Could not change the row');
  const disputed = matrix.hypotheses.flatMap((h, i) => {
    const cell = row.ratings[h.id];
    return cell?.others?.length ? [{ h, i, cell }] : [];
  });
  return (
    <section className="cf-ach-details" aria-label={`Row: ${row.title}`}>
      <h3>{row.title}</h3>
      {row.kind === 'assumption' ? (
        <p>An assumption of the analyst's: it cites no record.</p>
      ) : (
        <ul aria-label="Cited records">
          {status.cites.map((c) => (
            <li key={c.key}>
              {c.label} <small>({c.collection}{c.state === 'ok' ? '' : `, ${c.state}${c.mergedInto ? ` into ${c.mergedInto.label}` : ''}`})</small>
            </li>
          ))}
          {status.support.map((line) => (
            <li key={`${line.sourceId}/${line.via}`}>
              Source {line.label}: {line.reliability}
              {line.credibility} → {LEVEL_LABELS[line.grade]}
            </li>
          ))}
        </ul>
      )}
      {status.flags.length > 0 && (
        <Callout intent="warning" icon="warning-sign" title="Something this row rests on changed">
          <ul>
            {status.flags.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          <Button text="Mark reviewed" onClick={() => commit('ach:review', { rowId: row.id }, 'Could not mark the row reviewed')} />
        </Callout>
      )}
      <div className="cf-ach-row-fields">
        <FormGroup label="Credibility" labelFor="ach-row-credibility" helperText={credibilityText(status)}>
          <HTMLSelect
            id="ach-row-credibility"
            value={row.credibility ?? ''}
            onChange={(e) => {
              const { credibility: _old, ...rest } = row;
              const value = e.currentTarget.value;
              put(value === '' ? rest : { ...rest, credibility: value as Level });
            }}
            options={[{ value: '', label: `Proposed (${status.proposed ? LEVEL_LABELS[status.proposed] : 'none: Medium'})` }, ...LEVELS.map((l) => ({ value: l, label: `${LEVEL_LABELS[l]} (set)` }))]}
          />
        </FormGroup>
        <FormGroup label="Relevance" labelFor="ach-row-relevance">
          <HTMLSelect id="ach-row-relevance" value={row.relevance} onChange={(e) => put({ ...row, relevance: e.currentTarget.value as Level })} options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} />
        </FormGroup>
        <Button icon="trash" minimal text="Delete row" onClick={() => commit('ach:delete-row', { id: row.id }, 'Could not delete the row')} />
      </div>
      {disputed.map(({ h, i, cell }) => (
        <div key={h.id} className="cf-ach-dispute" role="group" aria-label={`Disagreement on H${i + 1}`}>
          <p>
            Analysts disagree on H{i + 1}: {cell.value}
            {cell.by ? ` (${cell.by})` : ''} and {cell.others?.map((o) => `${o.value}${o.by ? ` (${o.by})` : ''}`).join(', ')}
            {cell.kept ? '; kept on record.' : '.'}
          </p>
          <ButtonGroup>
            <Button text={`Keep ${cell.value}`} onClick={() => commit('ach:resolve', { rowId: row.id, hypothesisId: h.id, choice: { pick: -1 } }, 'Could not resolve')} />
            {cell.others?.map((o, n) => (
              <Button key={n} text={`Take ${o.value}${o.by ? ` (${o.by})` : ''}`} onClick={() => commit('ach:resolve', { rowId: row.id, hypothesisId: h.id, choice: { pick: n } }, 'Could not resolve')} />
            ))}
            {!cell.kept && <Button text="Keep both on record" onClick={() => commit('ach:resolve', { rowId: row.id, hypothesisId: h.id, choice: { keep: true } }, 'Could not keep the disagreement')} />}
          </ButtonGroup>
        </div>
      ))}
    </section>
  );
}
