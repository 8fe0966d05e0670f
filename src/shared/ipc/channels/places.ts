import { z } from 'zod';
import { PLACE_SEARCH_MAX, PlaceHit, PlaceQuery } from '../../places/place';

export const placeChannels = {
  /** Populated places whose name matches, best first (the gazetteer lives in main). Needs no open case. */
  'places:search': { request: PlaceQuery, response: z.object({ hits: z.array(PlaceHit).max(PLACE_SEARCH_MAX) }) },
} as const;
