/**
 * STIX 2.1 codec, both directions. `caseToStixBundle` writes a bundle from our records;
 * `stixBundleToRecords` reads any STIX 2.1 bundle (ours or a foreign one) back into records,
 * setting aside what it cannot map and reporting problems instead of throwing.
 * The mapping is documented in docs/exchange-format.md.
 */
export type { KeptAside, StixBundle, StixDecodeResult, StixEncodeOptions, StixMarking, StixObject, StixProblem, StixRecords } from './types';
export { stixBundleToRecords } from './decode';
export { caseToStixBundle } from './encode';
export { CUSTOM_PREFIX, TLP1_STIX_IDS, stixIdFor } from './ids';
