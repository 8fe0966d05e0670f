import type { Event } from '../domain/event';
import type { ImportItem } from './types';
import type { MissingEvent } from './plan';

/** The countries and date range a file's rows cover, gathered as they are planned. */
export class FileSpan {
  private readonly countries = new Set<string>();
  private from = '9999';
  private to = '0000';
  private keyed = false;

  add(item: ImportItem): void {
    if (item.externalId) this.keyed = true;
    this.countries.add(item.event.location.country);
    const v = item.event.date.value;
    if (v < this.from) this.from = v;
    if (v > this.to) this.to = v;
  }

  /** The dataset's events in the file's countries and date range that the file does not list. */
  missingFrom(events: readonly Event[], prefix: string, listed: Map<string, number>, kept: (e: Event) => boolean = () => true): MissingEvent[] {
    if (!this.keyed) return [];
    const { countries, from, to } = this;
    return events
      .filter((e) => e.id.startsWith(prefix) && !listed.has(e.id) && countries.has(e.location.country) && e.date.value >= from && e.date.value.slice(0, to.length) <= to && kept(e))
      .map((e) => ({ id: e.id, title: e.title, date: e.date.value }));
  }
}
