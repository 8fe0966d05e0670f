import moment from 'moment';
import { useEffect, useRef } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type DataItem, type TimelineOptions } from 'vis-timeline';
import { partialDateSpan } from '../../../shared/domain/partial-date';
import type { Relationship } from '../../../shared/domain/relationship';
import type { ActorEvent } from './profileData';

export interface ProfileTimelineProps {
  /** The actor's events, each drawn as a point in its role's lane. */
  events: readonly ActorEvent[];
  /** The actor's relationships, drawn as ranges from their start to their end (or today). */
  relationships: readonly Relationship[];
  /** The name of the other end of a relationship. */
  nameOf(id: string): string;
  /** The actor whose profile this is. */
  actorId: string;
}

function label(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  span.dir = 'auto';
  return span;
}

const OPTIONS: TimelineOptions = {
  height: '260px',
  stack: true,
  selectable: false,
  showCurrentTime: false,
  zoomKey: 'ctrlKey',
  orientation: { axis: 'top' },
  moment: (date: moment.MomentInput) => moment(date).utc(),
  template: (item: unknown) => label(typeof item === 'object' && item !== null && 'label' in item && typeof item.label === 'string' ? item.label : ''),
  xss: { disabled: false },
};

/** A small timeline of one actor: its events and its relationships over time. Text only, never HTML. */
export function ProfileTimeline({ events, relationships, nameOf, actorId }: ProfileTimelineProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const items: Array<DataItem & { label: string }> = [];
    for (const { event, role } of events) {
      const span = partialDateSpan(event.date);
      items.push({ id: event.id, group: role, start: span.start, content: '', label: event.title, type: 'point' });
    }
    for (const r of relationships) {
      if (!r.from) continue;
      const other = nameOf(r.sourceActorId === actorId ? r.targetActorId : r.sourceActorId);
      const end = r.to ? partialDateSpan(r.to).end : Date.now();
      items.push({ id: r.id, group: 'relationships', start: partialDateSpan(r.from).start, end, content: '', label: `${r.type.replace(/^custom:/, '').replace(/-/g, ' ')} ${other}`, type: 'range' });
    }
    const groups = [
      { id: 'perpetrator', content: 'Responsible' },
      { id: 'participant', content: 'Claimant / other' },
      { id: 'relationships', content: 'Relationships' },
    ].filter((g) => items.some((i) => i.group === g.id));
    const chart = new Timeline(container.current, new DataSet(items), new DataSet(groups), OPTIONS);
    return () => chart.destroy();
  }, [events, relationships, nameOf, actorId]);
  return <div ref={container} className="cf-profile-timeline" role="img" aria-label="Timeline of the actor's events and relationships" />;
}
