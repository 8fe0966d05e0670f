import { Button, ButtonGroup, Classes, H2, HTMLTable, Tag } from '@blueprintjs/core';
import { useCallback } from 'react';
import { roleLabel } from '../../../shared/domain/actor-profile';
import type { Relationship } from '../../../shared/domain/relationship';
import { relationshipPhraseFrom } from '../../../shared/domain/relationship-phrases';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { categoryLabel, countryName, formatPartialDate, formatPlace, humanize, statusLabel } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { MarkingTag } from '../../components/MarkingTag';
import { useCaseCall } from '../filters/useCaseCall';
import { ProfileTimeline } from './ProfileTimeline';
import './profile.css';

export interface ActorProfileProps {
  /** The actor to profile. */
  actorId: string;
  /** Back to the actor list. */
  onBack(): void;
  /** Shows another actor's profile. */
  onOpen(id: string): void;
}

const period = (r: Relationship) => (r.from || r.to ? `${r.from ? formatPartialDate(r.from) : '…'} – ${r.to ? formatPartialDate(r.to) : 'present'}` : 'dates unknown');

/** One printable page on an actor: names, facts, events on a timeline, relationships over time, sources (worked out in main). */
export function ActorProfile({ actorId, onBack, onOpen }: ActorProfileProps) {
  const loaded = useCaseCall('actors:profile', { id: actorId }, actorId);
  return (
    <LoadState loadable={loaded} what="the profile">
      {(profile) => <ProfilePage profile={profile} onBack={onBack} onOpen={onOpen} />}
    </LoadState>
  );
}

interface ProfilePageProps {
  profile: ResponseOf<'actors:profile'>;
  onBack(): void;
  onOpen(id: string): void;
}

function ProfilePage({ profile, onBack, onOpen }: ProfilePageProps) {
  const { actor, events: mine, eventsTotal, relationships: links, sources: cited } = profile;
  const names = new Map(profile.names.map((n) => [n.id, n.name]));
  const nameOf = useCallback((id: string) => names.get(id) ?? id, [profile]);

  return (
    <article className="cf-profile" aria-label={`Profile of ${actor.name}`}>
      <ButtonGroup className="cf-no-print">
        <Button icon="arrow-left" text="Back to actors" onClick={onBack} />
        <Button icon="print" text="Print profile" onClick={() => window.print()} />
      </ButtonGroup>
      <header>
        <H2>
          <bdi dir="auto">{actor.name}</bdi>
        </H2>
        <div className="cf-tags">
          <Tag minimal>{humanize(actor.kind)}</Tag>
          {actor.status && <Tag minimal>{statusLabel(actor.status)}</Tag>}
          <MarkingTag marking={actor.marking} />
          {actor.tags.map((t) => (
            <Tag key={t} minimal>
              {t}
            </Tag>
          ))}
        </div>
        {actor.roles.length > 0 && <p>Roles: {actor.roles.join('; ')}</p>}
        {actor.nationality.length > 0 && <p>Nationality: {actor.nationality.map(countryName).join(', ')}</p>}
        {actor.description && <p className="cf-prose">{actor.description}</p>}
      </header>

      <section aria-label="Names">
        <h3 className={Classes.HEADING}>Names</h3>
        {actor.aliases.length === 0 ? (
          <p className={Classes.TEXT_MUTED}>No other names recorded. Add aliases in the actor editor.</p>
        ) : (
          <HTMLTable compact className="cf-table" aria-label="Names">
            <thead>
              <tr>
                <th>Name</th>
                <th>Language · script</th>
                <th>Transliteration</th>
                <th>Provenance</th>
              </tr>
            </thead>
            <tbody>
              {actor.aliases.map((a, i) => (
                <tr key={i}>
                  <td>
                    <bdi dir="auto" lang={a.language} className={a.script === 'Arab' ? 'cf-arabic' : undefined}>
                      {a.name}
                    </bdi>
                  </td>
                  <td>
                    {a.language} · {a.script}
                  </td>
                  <td>{a.transliteration ?? ''}</td>
                  <td>{a.provenance ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        )}
      </section>

      <section aria-label="Timeline">
        <h3 className={Classes.HEADING}>Over time</h3>
        {mine.length + links.filter((l) => l.from).length > 0 ? (
          <ProfileTimeline events={mine} relationships={links} nameOf={nameOf} actorId={actor.id} />
        ) : (
          <p className={Classes.TEXT_MUTED}>No dated events or relationships.</p>
        )}
        <p className={`${Classes.TEXT_MUTED} cf-small`}>
          Perpetrator: a claim, attribution or suspicion names this actor. Target: the event lists it as a target. Participant: the event lists it as a
          participant, or this actor made the claim or denied it. Undated relationships are listed below only.
        </p>
      </section>

      <section aria-label="Events">
        <h3 className={Classes.HEADING}>Events ({eventsTotal})</h3>
        {eventsTotal > mine.length && (
          <p className={Classes.TEXT_MUTED}>
            {`The first ${mine.length} by date of ${eventsTotal}: perpetrator in ${profile.roles.perpetrator}, target in ${profile.roles.target}, participant in ${profile.roles.participant}. Filter the timeline by this actor to see them all.`}
          </p>
        )}
        <HTMLTable compact striped className="cf-table" aria-label="Events of the actor">
          <thead>
            <tr>
              <th>Date</th>
              <th>Event</th>
              <th>Place</th>
              <th>Role</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((event) => {
              const ties = event.ties.filter((tie) => tie !== event.role);
              return (
                <tr key={event.id}>
                  <td className="cf-nowrap">{formatPartialDate(event.date)}</td>
                  <td>
                    {event.title} <span className={Classes.TEXT_MUTED}>({categoryLabel(event.category)})</span>
                  </td>
                  <td>{formatPlace(event.location)}</td>
                  <td>
                    <Tag minimal className={`cf-role cf-role-${event.role}`}>
                      {roleLabel(event.role)}
                    </Tag>
                    {ties.length > 0 && <span className={Classes.TEXT_MUTED}> {ties.join(', ')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </HTMLTable>
      </section>

      <section aria-label="Relationships over time">
        <h3 className={Classes.HEADING}>Relationships ({links.length})</h3>
        <ul className="cf-relationships">
          {links.map((r) => {
            const other = r.sourceActorId === actor.id ? r.targetActorId : r.sourceActorId;
            return (
              <li key={r.id}>
                <span className="cf-nowrap">{period(r)}</span> · {relationshipPhraseFrom(r, actor.id)}{' '}
                <button type="button" className="cf-link-button" onClick={() => onOpen(other)}>
                  <bdi dir="auto">{nameOf(other)}</bdi>
                </button>{' '}
                <span className={Classes.TEXT_MUTED}>{r.confidence} confidence</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-label="Sources">
        <h3 className={Classes.HEADING}>Sources ({cited.length})</h3>
        <ol className="cf-profile-sources">
          {cited.map(({ source, supports }) => (
            <li key={source.id}>
              {source.title}
              {source.outlet || source.publisher ? `, ${source.outlet ?? source.publisher}` : ''}
              {source.date ? ` (${formatPartialDate(source.date)})` : ''} · reliability {source.reliability}
              <div className={`${Classes.TEXT_MUTED} cf-small`}>supports: {supports.join('; ')}</div>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
