import { Button, ButtonGroup, Classes, H4, HTMLTable, Tag } from '@blueprintjs/core';
import type { Actor } from '../../../shared/domain/actor';
import type { Relationship } from '../../../shared/domain/relationship';
import { relationshipPhraseFrom } from '../../../shared/domain/relationship-phrases';
import { countryName, formatPartialDate, humanize, statusLabel } from '../../components/format';
import { MarkingTag } from '../../components/MarkingTag';

export interface ActorDetailsProps {
  /** The actor to describe. */
  actor: Actor;
  /** Relationships of the case in which this actor is source or target. */
  relationships: readonly Relationship[];
  /** The names of the other ends of the relationships, by actor id. */
  names: ReadonlyMap<string, string>;
  /** Shows another actor (clicking the other end of a relationship). */
  onSelect(id: string): void;
  /** Opens the actor editor; absent, the actor is read-only here. */
  onEdit?(): void;
  /** Opens the printable profile page. */
  onProfile?(): void;
  /** Opens the relationship dialog: a new relationship (null) or one to edit. */
  onEditRelationship?(relationship: Relationship | null): void;
}

function period(rel: Relationship): string {
  if (!rel.from && !rel.to) return '';
  return `${rel.from ? formatPartialDate(rel.from) : '…'} – ${rel.to ? formatPartialDate(rel.to) : '…'}`;
}

/** An actor's names, status, roles and relationships. */
export function ActorDetails({ actor, relationships, names, onSelect, onEdit, onProfile, onEditRelationship }: ActorDetailsProps) {
  return (
    <div className="cf-details" aria-label="Actor details">
      <H4 className="cf-details-title">
        <bdi dir="auto">{actor.name}</bdi>
      </H4>
      {(onEdit || onProfile || onEditRelationship) && (
        <ButtonGroup className="cf-actor-actions">
          {onEdit && <Button icon="edit" text="Edit" onClick={onEdit} />}
          {onProfile && <Button icon="id-number" text="Profile" onClick={onProfile} />}
          {onEditRelationship && <Button icon="link" text="Link to actor…" onClick={() => onEditRelationship(null)} />}
        </ButtonGroup>
      )}
      <div className="cf-tags">
        <Tag minimal>{humanize(actor.kind)}</Tag>
        {actor.status && (
          <Tag minimal>{statusLabel(actor.status)}</Tag>
        )}
        <MarkingTag marking={actor.marking} />
      </div>
      <dl className="cf-facts">
        {actor.roles.length > 0 && (
          <div>
            <dt>Roles</dt>
            <dd>{actor.roles.join('; ')}</dd>
          </div>
        )}
        {actor.nationality.length > 0 && (
          <div>
            <dt>Nationality</dt>
            <dd>{actor.nationality.map(countryName).join(', ')}</dd>
          </div>
        )}
      </dl>
      {actor.description && <p className="cf-prose">{actor.description}</p>}
      <h5 className={Classes.HEADING}>Names and aliases</h5>
      {actor.aliases.length === 0 ? (
        <p className={Classes.TEXT_MUTED}>No aliases recorded.</p>
      ) : (
        <HTMLTable compact className="cf-table" aria-label="Aliases">
          <thead>
            <tr>
              <th>Name</th>
              <th>Language</th>
              <th>Transliteration</th>
            </tr>
          </thead>
          <tbody>
            {actor.aliases.map((alias, i) => (
              <tr key={`${alias.name}-${i}`}>
                <td>
                  <bdi dir="auto" lang={alias.language} className={alias.script === 'Arab' ? 'cf-arabic' : undefined}>
                    {alias.name}
                  </bdi>
                </td>
                <td className="cf-nowrap">
                  {alias.language} · {alias.script}
                </td>
                <td>{alias.transliteration ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <h5 className={Classes.HEADING}>Relationships</h5>
      {relationships.length === 0 ? (
        <p className={Classes.TEXT_MUTED}>No relationships recorded.</p>
      ) : (
        <ul className="cf-relationships" aria-label="Relationships">
          {relationships.map((rel) => {
            const outgoing = rel.sourceActorId === actor.id;
            const otherId = outgoing ? rel.targetActorId : rel.sourceActorId;
            const otherName = names.get(otherId) ?? otherId;
            return (
              <li key={rel.id}>
                <span className={Classes.TEXT_MUTED}>{relationshipPhraseFrom(rel, actor.id)}</span>{' '}
                <button type="button" className="cf-link-button" onClick={() => onSelect(otherId)}>
                  <bdi dir="auto">{otherName}</bdi>
                </button>
                <span className={Classes.TEXT_MUTED}>
                  {' '}
                  {period(rel)} · {rel.confidence} confidence
                </span>
                {onEditRelationship && (
                  <Button variant="minimal" size="small" icon="edit" aria-label={`Edit relationship ${relationshipPhraseFrom(rel, actor.id)} ${otherName}`} onClick={() => onEditRelationship(rel)} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
