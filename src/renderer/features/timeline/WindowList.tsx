import { Classes, Tag } from '@blueprintjs/core';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { EventCategory } from '../../../shared/domain/event';
import { categoryLabel, formatPartialDate } from '../../components/format';
import type { TimelineModel } from './model';

export interface WindowListProps {
  /** The filtered events. */
  model: TimelineModel;
  /** Indexes into the model of the events to list, in date order. */
  indexes: readonly number[];
  /** How many events the visible window holds in all (the list may show fewer). */
  total: number;
  /** The selected event's id. */
  selectedId: string | null;
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

function dateOf(model: TimelineModel, i: number): string {
  const letter = model.columns.precisions.charAt(i);
  const iso = new Date(model.starts[i] ?? 0).toISOString();
  const lower = letter.toLowerCase();
  const precision = lower === 'y' ? 'year' : lower === 'm' ? 'month' : 'day';
  const value = precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  return formatPartialDate({ value, precision, approximate: letter !== lower });
}

/** The events of the visible window as a keyboard-friendly list, in date order. */
export function WindowList({ model, indexes, total, selectedId, onSelect }: WindowListProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('.cf-row-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <>
      <p className={`${Classes.TEXT_MUTED} cf-window-count`}>
        {total === indexes.length ? `${total} event${total === 1 ? '' : 's'} in view` : `First ${indexes.length} of ${total} events in view — zoom in for the rest`}
      </p>
      <ul ref={list} className="cf-event-list" aria-label="Events in date order" onKeyDown={moveFocus}>
        {indexes.map((i) => {
          const id = model.columns.ids[i] ?? '';
          const category = (model.columns.categories[i] ?? 'attack') as EventCategory;
          return (
            <li key={id}>
              <button type="button" className={`cf-row${id === selectedId ? ' cf-row-selected' : ''}`} aria-pressed={id === selectedId} onClick={() => onSelect(id)}>
                <span className={`cf-row-date ${Classes.TEXT_MUTED}`}>{dateOf(model, i)}</span>
                <span className={`cf-row-title ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{model.columns.titles[i]}</span>
                <Tag minimal className={`cf-cat cf-cat-${category}`}>
                  {categoryLabel(category)}
                </Tag>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
