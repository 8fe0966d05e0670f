import moment from 'moment';
import { useEffect, useRef } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type DataItem, type TimelineOptions } from 'vis-timeline';
import { partialDateSpan } from '../../../shared/domain/partial-date';
import type { Relationship } from '../../../shared/domain/relationship';
import { EVENT_ROLES, roleLabel } from '../../../shared/domain/actor-profile';
import type { ProfileEvent } from '../../../shared/ipc/channels/actors';
import { makeRowsKeyboardScrollable } from '../timeline/rowScroller';

export interface ProfileTimelineProps {
  /** The actor's events, each drawn as a point in its role's lane. */
  events: readonly ProfileEvent[];
  /** The actor's relationships, drawn as ranges from their start to their end (or today). */
  relationships: readonly Relationship[];
  /** The name of the other end of a relationship. */
  nameOf(id: string): string;
  /** The actor whose profile this is. */
  actorId: string;
}

function label(text: string, title: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  span.title = title;
  span.dir = 'auto';
  return span;
}

/** `hint` becomes the label's title attribute (text); vis-timeline's own `title` would be rendered as HTML. */
type Item = DataItem & { label: string; hint: string };
const isItem = (item: unknown): item is Item => typeof item === 'object' && item !== null && 'label' in item && typeof item.label === 'string' && 'hint' in item && typeof item.hint === 'string';

const OPTIONS: TimelineOptions = {
  // Lanes fill from the top and scroll (wheel) when a busy actor's stack is taller than the box.
  maxHeight: '320px',
  verticalScroll: true,
  stack: true,
  selectable: false,
  showCurrentTime: false,
  zoomKey: 'ctrlKey',
  orientation: { axis: 'top', item: 'top' },
  moment: (date: moment.MomentInput) => moment(date).utc(),
  template: (item: unknown) => (isItem(item) ? label(item.label, item.hint) : label('', '')),
  xss: { disabled: false },
};

const DAY = 86_400_000;

/** The window that shows every item with a margin; vis-timeline's own fit fails when all items share one date. */
function windowOf(items: readonly Item[]): { start: number; end: number } | undefined {
  if (items.length === 0) return undefined;
  const times = items.flatMap((i) => [Number(i.start), Number(i.end ?? i.start)]);
  const min = Math.min(...times);
  const max = Math.max(...times);
  const margin = Math.max((max - min) * 0.05, 60 * DAY);
  return { start: min - margin, end: max + margin };
}

/**
 * A small timeline of one actor: its events in one lane per role (perpetrator, target,
 * participant — each drawn in its own colour) and its relationships over time. Text only, never HTML.
 */
export function ProfileTimeline({ events, relationships, nameOf, actorId }: ProfileTimelineProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const items: Item[] = [];
    for (const event of events) {
      const role = event.role;
      const span = partialDateSpan(event.date);
      items.push({ id: event.id, group: role, start: span.start, content: '', label: event.title, hint: `${roleLabel(role)}: ${event.title}`, type: 'point', className: `cf-role-${role}` });
    }
    for (const r of relationships) {
      if (!r.from) continue;
      const other = nameOf(r.sourceActorId === actorId ? r.targetActorId : r.sourceActorId);
      const end = r.to ? partialDateSpan(r.to).end : Date.now();
      const text = `${r.type.replace(/^custom:/, '').replace(/-/g, ' ')} ${other}`;
      items.push({ id: r.id, group: 'relationships', start: partialDateSpan(r.from).start, end, content: '', label: text, hint: text, type: 'range' });
    }
    const groups = [
      ...EVENT_ROLES.map(({ role, label: content }) => ({ id: role, content, className: `cf-role-${role}` })),
      { id: 'relationships', content: 'Relationships' },
    ].filter((g) => items.some((i) => i.group === g.id));
    const chart = new Timeline(container.current, new DataSet(items), new DataSet(groups), { ...OPTIONS, ...windowOf(items) });
    makeRowsKeyboardScrollable(container.current, 'Lanes of the actor timeline (scroll with the arrow keys)');
    return () => chart.destroy();
  }, [events, relationships, nameOf, actorId]);
  return <div ref={container} className="cf-profile-timeline" role="group" aria-label="Timeline of the actor's events and relationships" />;
}
