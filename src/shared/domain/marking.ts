import { z } from 'zod';

/** TLP 2.0 levels, least to most restrictive. The order is the rank used for filtering. */
export const TLP_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export const Marking = z.enum(TLP_LEVELS);
export type Marking = z.infer<typeof Marking>;

/** The standard TLP 2.0 marking-definition ids (STIX extension-definition--60a3c5c5-…). */
export const TLP2_STIX_IDS: Record<Marking, string> = {
  'TLP:CLEAR': 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'TLP:GREEN': 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'TLP:AMBER': 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'TLP:AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  'TLP:RED': 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export function markingRank(marking: Marking): number {
  return TLP_LEVELS.indexOf(marking);
}

/** True when a record marked `marking` may appear in a product capped at `max`. */
export function isWithinMarking(marking: Marking, max: Marking): boolean {
  return markingRank(marking) <= markingRank(max);
}
