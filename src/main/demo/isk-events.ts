import type { Event } from '../../shared/domain/event';
import { comparePartialDates } from '../../shared/domain/partial-date';
import { ISK_EVENTS_EXTERNAL } from './isk-events-external';
import { ISK_EVENTS_INTERNAL } from './isk-events-internal';
import { ISK_EVENTS_INTERNAL_2024 } from './isk-events-internal-2024';
import { ISK_EVENTS_MEDIA } from './isk-events-media';

/** Every dated event the article names, oldest first. */
export const ISK_EVENTS: Event[] = [...ISK_EVENTS_INTERNAL, ...ISK_EVENTS_INTERNAL_2024, ...ISK_EVENTS_EXTERNAL, ...ISK_EVENTS_MEDIA].sort(
  (a, b) => comparePartialDates(a.date, b.date) || a.id.localeCompare(b.id),
);
