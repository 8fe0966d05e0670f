import { Classes, H4, HTMLTable, Intent, Tag } from '@blueprintjs/core';
import type { Actor } from '../../../shared/domain/actor';
import { participantsOf, type Event, type ParticipantRole, type ResponsibilityKind } from '../../../shared/domain/event';
import { actorTypeLabel, categoryLabel, formatCount, formatPartialDate, formatPlace, humanize, interactionLabel, precisionNote } from '../../components/format';
import { MarkingTag } from '../../components/MarkingTag';

export interface EventDetailsProps {
  /** The event to describe. */
  event: Event;
  /** Actors by id, to name the parties in responsibility claims, the targets and participants. */
  actors: ReadonlyMap<string, Actor>;
}

const CLAIM_INTENT: Record<ResponsibilityKind, Intent> = {
  claimed: Intent.DANGER,
  attributed: Intent.WARNING,
  suspected: Intent.NONE,
  denied: Intent.SUCCESS,
};

const ROLE_INTENT: Record<ParticipantRole, Intent> = { target: Intent.WARNING, participant: Intent.PRIMARY };

/** ACLED's own coding of an imported event, as ACLED words it (docs/import.md). */
function acledRows(event: Event): Array<[string, string]> {
  const a = event.acled;
  const rows: Array<[string, string]> = [];
  const { admin2, admin3 } = event.location;
  if (admin2 || admin3) rows.push(['Admin 2 / 3', [admin2 ?? '—', admin3 ?? '—'].join(' / ')]);
  if (!a) return rows;
  if (a.eventType) rows.push(['ACLED event type', a.subEventType ? `${a.eventType} · ${a.subEventType}` : a.eventType]);
  if (a.disorderType) rows.push(['Disorder type', a.disorderType]);
  if (a.inter1 || a.inter2) rows.push(['Actor types', [a.inter1, a.inter2].map((c) => (c ? `${actorTypeLabel(c)} (${c})` : '—')).join(' / ')]);
  if (a.interaction) rows.push(['Interaction', `${interactionLabel(a.interaction)} (${a.interaction})`]);
  if (a.civilianTargeting !== undefined) rows.push(['Civilian targeting', a.civilianTargeting ? 'yes' : 'no']);
  if (a.sourceScale) rows.push(['Source scale', a.sourceScale]);
  return rows;
}

/** The selected event's facts: date, place, category, casualties, who is held responsible and who else took part. */
export function EventDetails({ event, actors }: EventDetailsProps) {
  const parties = participantsOf(event);
  const rows: Array<[string, string]> = [
    ['Date', `${formatPartialDate(event.date)} (${precisionNote(event.date)})`],
    ['Place', formatPlace(event.location)],
    ['Category', categoryLabel(event.category)],
    ['Fatalities', formatCount(event.fatalities)],
    ['Injured', formatCount(event.injured)],
    ['Scope', humanize(event.scope)],
  ];
  if (event.attackType) rows.push(['Attack type', event.attackType]);
  if (event.targetType) rows.push(['Target', event.targetType]);
  rows.push(...acledRows(event));
  return (
    <div className="cf-details" aria-label="Event details">
      <H4 className="cf-details-title">{event.title}</H4>
      <div className="cf-tags">
        <MarkingTag marking={event.marking} />
        {event.tags.map((tag) => (
          <Tag key={tag} minimal>
            {tag}
          </Tag>
        ))}
      </div>
      <dl className="cf-facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h5 className={Classes.HEADING}>Responsibility</h5>
      {event.responsibility.length === 0 ? (
        <p className={Classes.TEXT_MUTED}>No claim or attribution recorded.</p>
      ) : (
        <HTMLTable compact className="cf-table cf-claims" aria-label="Responsibility claims">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Actor</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {event.responsibility.map((claim) => (
              <tr key={claim.id}>
                <td>
                  <Tag minimal intent={CLAIM_INTENT[claim.kind]}>
                    {claim.kind}
                  </Tag>
                </td>
                <td>{actors.get(claim.actorId)?.name ?? claim.actorId}</td>
                <td>
                  {claim.by ?? (claim.byActorId ? actors.get(claim.byActorId)?.name : undefined) ?? '—'}
                  <span className={Classes.TEXT_MUTED}> · {claim.confidence} confidence</span>
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {parties.length > 0 && (
        <>
          <h5 className={Classes.HEADING}>Targets and participants</h5>
          <HTMLTable compact className="cf-table" aria-label="Targets and participants">
            <tbody>
              {parties.map((party, i) => (
                <tr key={`${party.actorId}-${i}`}>
                  <td>
                    <Tag minimal intent={ROLE_INTENT[party.role]}>
                      {party.role}
                    </Tag>
                  </td>
                  <td>
                    <bdi dir="auto">{actors.get(party.actorId)?.name ?? party.actorId}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </HTMLTable>
        </>
      )}
      {event.description && (
        <>
          <h5 className={Classes.HEADING}>Notes</h5>
          <p className="cf-prose">{event.description}</p>
        </>
      )}
      <p className={Classes.TEXT_MUTED}>
        {event.citations.length} citation{event.citations.length === 1 ? '' : 's'} on the event
      </p>
    </div>
  );
}
