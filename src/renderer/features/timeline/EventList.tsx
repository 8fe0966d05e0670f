import { Classes, Tag } from '@blueprintjs/core';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Event } from '../../../shared/domain/event';
import { categoryLabel, formatPartialDate } from '../../components/format';

export interface EventListProps {
  /** The events to list, already sorted and filtered. */
  events: readonly Event[];
  /** The selected event's id. */
  selectedId: string | null;
  /** Selects an event. */
  onSelect(id: string): void;
}

/** Arrow keys move between rows; Tab leaves the list. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button.cf-row'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/** The keyboard-friendly companion of the chart: every event as a row, in date order. */
export function EventList({ events, selectedId, onSelect }: EventListProps) {
  const list = useRef<HTMLUListElement>(null);
  // Keep the selected row in view when the selection comes from the chart.
  useEffect(() => {
    list.current?.querySelector('.cf-row-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <ul ref={list} className="cf-event-list" aria-label="Events in date order" onKeyDown={moveFocus}>
      {events.map((event) => (
        <li key={event.id}>
          <button
            type="button"
            className={`cf-row${event.id === selectedId ? ' cf-row-selected' : ''}`}
            aria-pressed={event.id === selectedId}
            onClick={() => onSelect(event.id)}
          >
            <span className={`cf-row-date ${Classes.TEXT_MUTED}`}>{formatPartialDate(event.date)}</span>
            <span className={`cf-row-title ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{event.title}</span>
            <Tag minimal className={`cf-cat cf-cat-${event.category}`}>
              {categoryLabel(event.category)}
            </Tag>
          </button>
        </li>
      ))}
    </ul>
  );
}
