import type { Marking } from '../../domain/marking';

/** Every property we add to STIX objects starts with this (STIX 2.1 §3.1 custom properties). */
export const CUSTOM_PREFIX = 'x_casefile_';

/** The STIX 2.1 predefined TLP 1.0 marking ids, still common in the wild, and the TLP 2.0 level each maps to. */
export const TLP1_STIX_IDS: Record<string, Marking> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'TLP:CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'TLP:GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'TLP:AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'TLP:RED',
};

/** The TLP 2.0 extension definition the standard TLP 2.0 marking-definitions carry. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

const STIX_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/**
 * The STIX id of one of our records: our UUID when the id has one (so ids survive the round trip
 * unchanged), else a UUID-shaped 128-bit hash of our id (stable slugs of bundled data), so the
 * same record gets the same STIX id on every export.
 */
export function stixIdFor(stixType: string, ourId: string): string {
  const suffix = ourId.slice(ourId.indexOf('--') + 2);
  if (STIX_UUID.test(suffix)) return `${stixType}--${suffix.toLowerCase()}`;
  return `${stixType}--${hashUuid(`${stixType}|${ourId}`)}`;
}

/** cyrb128: four 32-bit lanes, deterministic, not cryptographic (ids only need to be stable). */
export function hashUuid(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const hex = [h1 ^ h2 ^ h3 ^ h4, h2 ^ h1, h3 ^ h1, h4 ^ h1].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  // Version 5 and the RFC 4122 variant, which the STIX identifier pattern requires.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${'89ab'[parseInt(hex.charAt(16), 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
