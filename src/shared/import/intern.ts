import type { ImportItem } from './types';

/**
 * One copy of each short string an import repeats. A file names the same countries, regions,
 * places, event types, tags and dates row after row; the reader makes a fresh string for every
 * cell, and the case then keeps each copy for good (a 1,000,000-row ACLED file held hundreds of
 * megabytes of duplicates). Bounded, and made per import, so it is dropped with the import.
 */
export class StringPool {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly maxEntries = 200_000,
    private readonly maxLength = 120,
  ) {}

  share(text: string): string {
    if (text.length > this.maxLength) return text;
    const found = this.known.get(text);
    if (found !== undefined) return found;
    if (this.known.size < this.maxEntries) this.known.set(text, text);
    return text;
  }
}

/** Swaps the repeated strings of a freshly mapped item for the pool's copies (it owns the item). */
export function shareStrings(item: ImportItem, pool: StringPool): ImportItem {
  const event = item.event;
  const location = event.location;
  event.title = pool.share(event.title);
  event.date.value = pool.share(event.date.value);
  if (location.admin1 !== undefined) location.admin1 = pool.share(location.admin1);
  if (location.admin2 !== undefined) location.admin2 = pool.share(location.admin2);
  if (location.place !== undefined) location.place = pool.share(location.place);
  if (event.attackType !== undefined) event.attackType = pool.share(event.attackType);
  if (event.targetType !== undefined) event.targetType = pool.share(event.targetType);
  if (location.admin3 !== undefined) location.admin3 = pool.share(location.admin3);
  const acled = event.acled;
  if (acled) {
    if (acled.eventType !== undefined) acled.eventType = pool.share(acled.eventType);
    if (acled.subEventType !== undefined) acled.subEventType = pool.share(acled.subEventType);
    if (acled.disorderType !== undefined) acled.disorderType = pool.share(acled.disorderType);
    if (acled.sourceScale !== undefined) acled.sourceScale = pool.share(acled.sourceScale);
  }
  for (let i = 0; i < event.tags.length; i++) event.tags[i] = pool.share(event.tags[i] as string);
  return item;
}
