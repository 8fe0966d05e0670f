import { Button, ButtonGroup, Classes, Tag } from '@blueprintjs/core';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TimelineItem } from '../../../shared/ipc/channels/timeline';
import { categoryLabel } from '../../components/format';
import { itemDate } from './model';

export interface WindowListProps {
  /** The first events of the visible window, in date order (from main). */
  items: readonly TimelineItem[];
  /** How many events the visible window holds in all (the list shows a page of them). */
  total: number;
  /** Where the page shown starts among them, and how many a page holds. */
  offset: number;
  pageSize: number;
  /** Asks for the page starting at `offset`. */
  onPage(offset: number): void;
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

/** The events of the visible window as a keyboard-friendly list, in date order. */
export function WindowList({ items, total, offset, pageSize, onPage, selectedId, onSelect }: WindowListProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('.cf-row-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <>
      <div className="cf-window-count cf-window-pager">
        <span className={Classes.TEXT_MUTED} data-testid="window-list-count">
          {total === items.length ? `${total.toLocaleString()} event${total === 1 ? '' : 's'} in view` : `Events ${(offset + 1).toLocaleString()}–${(offset + items.length).toLocaleString()} of ${total.toLocaleString()} in view`}
        </span>
        {total > items.length && (
          <ButtonGroup variant="minimal">
            <Button size="small" icon="chevron-left" text="Previous" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))} />
            <Button size="small" endIcon="chevron-right" text="Next" disabled={offset + items.length >= total} onClick={() => onPage(offset + pageSize)} />
          </ButtonGroup>
        )}
      </div>
      <ul ref={list} className="cf-event-list" aria-label="Events in date order" onKeyDown={moveFocus}>
        {items.map((item) => {
          const { id, category } = item;
          return (
            <li key={id}>
              <button type="button" className={`cf-row${id === selectedId ? ' cf-row-selected' : ''}`} aria-pressed={id === selectedId} onClick={() => onSelect(id)}>
                <span className={`cf-row-date ${Classes.TEXT_MUTED}`}>{itemDate(item)}</span>
                <span className={`cf-row-title ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{item.title}</span>
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
