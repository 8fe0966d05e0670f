import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { RESPONSIBILITY_KINDS, type Confidence, type ResponsibilityKind } from '../../../../shared/domain/event';
import { newId } from '../../../../shared/domain/ids';
import { ActorPicker } from '../../actors/ActorPicker';
// The picker's styles live with the actors view, which may not have been opened yet.
import '../../actors/actors.css';
import { CitationsFields } from './CitationsFields';
import type { ClaimDraft, FieldErrors } from './draft';

export interface ClaimsFieldsProps {
  claims: ClaimDraft[];
  onChange(next: ClaimDraft[]): void;
  /** Errors by path relative to the claims ("0.actorId"). */
  errors: FieldErrors;
}

function below(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}

/** Responsibility claims: several per event, competing allowed (a claim and a denial side by side). */
export function ClaimsFields({ claims, onChange, errors }: ClaimsFieldsProps) {
  const set = (i: number, patch: Partial<ClaimDraft>) => onChange(claims.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div>
      {claims.map((c, i) => (
        <fieldset className="cf-claim" key={c.id} aria-label={`Claim ${i + 1}`}>
          <div className="cf-editor-row">
            <ActorPicker label={`Actor of claim ${i + 1}`} value={c.actorId || null} onChange={(id) => set(i, { actorId: id ?? '' })} allowCreate />
            <HTMLSelect aria-label={`Kind of claim ${i + 1}`} value={c.kind} onChange={(e) => set(i, { kind: e.currentTarget.value as ResponsibilityKind })} options={[...RESPONSIBILITY_KINDS]} />
            <InputGroup aria-label={`Who made claim ${i + 1}`} placeholder="By whom (who made or reported it)" value={c.by} onValueChange={(by) => set(i, { by })} />
            <HTMLSelect aria-label={`Confidence of claim ${i + 1}`} value={c.confidence} onChange={(e) => set(i, { confidence: e.currentTarget.value as Confidence })} options={['low', 'medium', 'high']} />
            <Button variant="minimal" icon="trash" aria-label={`Remove claim ${i + 1}`} onClick={() => onChange(claims.filter((_, j) => j !== i))} />
          </div>
          {errors[`${i}.actorId`] && <p className="cf-field-error" role="alert">{errors[`${i}.actorId`]}</p>}
          <CitationsFields owner={`claim ${i + 1}`} citations={c.citations} onChange={(citations) => set(i, { citations })} errors={below(errors, `${i}.citations.`)} />
        </fieldset>
      ))}
      <Button size="small" icon="add" text="Add a claim" onClick={() => onChange([...claims, { id: newId('claim'), actorId: '', kind: 'claimed', by: '', confidence: 'medium', citations: [] }])} />
    </div>
  );
}

export { below };
