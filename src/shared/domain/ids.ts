import { z } from 'zod';

/** Record ids: a short prefix naming the collection and a random UUID, or a stable slug for bundled data. */
export const Id = z.string().regex(/^[a-z]+--[A-Za-z0-9._-]{1,80}$/, 'ids look like "event--<uuid>"');
export type Id = z.infer<typeof Id>;

export type IdPrefix = 'event' | 'actor' | 'relationship' | 'source' | 'series' | 'claim' | 'case' | 'view' | 'matrix' | 'hypothesis' | 'row' | 'report';

export function newId(prefix: IdPrefix): string {
  return `${prefix}--${globalThis.crypto.randomUUID()}`;
}

/** An ISO 8601 UTC timestamp. */
export const Timestamp = z.iso.datetime();
