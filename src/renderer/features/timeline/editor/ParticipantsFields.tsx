import { Button, HTMLSelect } from '@blueprintjs/core';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../../shared/domain/event';
import { ActorPicker } from '../../actors/ActorPicker';
// The picker's styles live with the actors view, which may not have been opened yet.
import '../../actors/actors.css';
import { CitationsFields } from './CitationsFields';
import { below } from './ClaimsFields';
import { participantKey, type FieldErrors, type ParticipantDraft } from './draft';

export interface ParticipantsFieldsProps {
  /** The rows being edited, one per actor. */
  participants: ParticipantDraft[];
  /** Called with the whole new list after any change. */
  onChange(next: ParticipantDraft[]): void;
  /** Errors by path relative to the participants ("0.actorId"). */
  errors: FieldErrors;
}

const ROLE_LABELS: Record<ParticipantRole, string> = { target: 'Target', participant: 'Participant' };

/**
 * Targets and participants: actors who took part in the event without bearing responsibility
 * for it (the target of an attack, the force that foiled a plot), each with its own citations.
 * Rows are called "party N" in labels, since "participant" is also one of the roles.
 */
export function ParticipantsFields({ participants, onChange, errors }: ParticipantsFieldsProps) {
  const set = (i: number, patch: Partial<ParticipantDraft>) => onChange(participants.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div>
      {participants.map((p, i) => (
          <fieldset className="cf-claim" key={p.key} aria-label={`Party ${i + 1}`}>
            <div className="cf-editor-row">
              <ActorPicker label={`Actor of party ${i + 1}`} value={p.actorId || null} onChange={(id) => set(i, { actorId: id ?? '' })} allowCreate />
              <HTMLSelect
                aria-label={`Role of party ${i + 1}`}
                value={p.role}
                onChange={(e) => set(i, { role: e.currentTarget.value as ParticipantRole })}
                options={PARTICIPANT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
              />
              <Button variant="minimal" icon="trash" aria-label={`Remove party ${i + 1}`} onClick={() => onChange(participants.filter((_, j) => j !== i))} />
            </div>
            {errors[`${i}.actorId`] && <p className="cf-field-error" role="alert">{errors[`${i}.actorId`]}</p>}
            <CitationsFields owner={`party ${i + 1}`} citations={p.citations} onChange={(citations) => set(i, { citations })} errors={below(errors, `${i}.citations.`)} />
          </fieldset>
        ))}
      <Button size="small" icon="add" text="Add a target or participant" onClick={() => onChange([...participants, { key: participantKey(), actorId: '', role: 'target', citations: [] }])} />
    </div>
  );
}
