import { Callout, Checkbox, HTMLTable, Intent } from '@blueprintjs/core';
import type { ImportPreview } from '../../../shared/ipc/channels/import';

export interface ActorMatchListProps {
  proposals: ImportPreview['proposals'];
  /** Confirmed matches: the file's name key → the case actor's id. */
  accepted: Readonly<Record<string, string>>;
  onChange: (accepted: Record<string, string>) => void;
  disabled: boolean;
}

/**
 * Case actors the file's names may stand for. A confirmed match files the rows under the case's
 * actor; a rejected one makes a new actor. Names equal once spelling marks are set aside were
 * matched without asking (they count as matched).
 */
export function ActorMatchList({ proposals, accepted, onChange, disabled }: ActorMatchListProps) {
  if (proposals.length === 0) return null;
  const set = (key: string, actorId: string, on: boolean): void => {
    const next = { ...accepted };
    if (on) next[key] = actorId;
    else delete next[key];
    onChange(next);
  };
  return (
    <Callout intent={Intent.PRIMARY} title={`${proposals.length} proposed actor ${proposals.length === 1 ? 'match' : 'matches'}: confirm the ones that are the same actor`}>
      <HTMLTable compact striped aria-label="Proposed actor matches">
        <thead>
          <tr><th>Same actor?</th><th>Name in the file</th><th>Actor in the case</th><th>Score</th><th>Rows</th><th>Why</th></tr>
        </thead>
        <tbody>
          {proposals.map((p) => (
            <tr key={p.key}>
              <td>
                <Checkbox
                  checked={accepted[p.key] === p.actorId}
                  disabled={disabled}
                  aria-label={`${p.name} is ${p.actorName}`}
                  onChange={(e) => set(p.key, p.actorId, e.currentTarget.checked)}
                />
              </td>
              <td>{p.name}</td>
              <td>{p.actorName}{p.matchedName !== p.actorName ? ` (as “${p.matchedName}”)` : ''}</td>
              <td>{Math.round(p.score * 100)}%</td>
              <td>{p.rows}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </HTMLTable>
    </Callout>
  );
}
