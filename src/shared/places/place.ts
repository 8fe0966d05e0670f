import { z } from 'zod';

/** One populated place of the gazetteer, as search answers it. */
export const PlaceHit = z.object({
  name: z.string(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** The admin-1 (province, state, region) the place lies in, when the gazetteer knows it. */
  admin1: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  population: z.number().int().min(0),
});
export type PlaceHit = z.infer<typeof PlaceHit>;

export const PLACE_SEARCH_MAX = 50;

export const PlaceQuery = z
  .object({
    text: z.string().max(200),
    /** Only places in this country (alpha-2). */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    limit: z.number().int().min(1).max(PLACE_SEARCH_MAX).optional(),
  })
  .strict();
export type PlaceQuery = z.infer<typeof PlaceQuery>;

/** Where a place is, in words: "Kismayo, Jubbada Hoose, SO". */
export function describePlace(hit: PlaceHit): string {
  return [hit.name, hit.admin1, hit.country].filter(Boolean).join(', ');
}
