/** Pure parts of case-file exchange: the manifest and payload schemas, export selection and merge logic. */
export { EXCHANGED, canonicalJson, type Exchanged, type HashText } from './canonical';
export { CASEFILE_FORMAT_VERSION, CasePayload, LoosePayload, Manifest, Signature, validatePayload, type PayloadRecords } from './manifest';
export { planMerge, same, type Conflict, type DeleteConflict, type FieldConflict, type MergePlan, type NeededConflict, type PlanOptions, type ReferencedDeleteConflict, type Referrer, type Resolution } from './merge-plan';
export { planDifferences } from './plan-diff';
export { resolveMerge, resolutionsFor, type ResolvedMerge } from './merge-apply';
export { cutRecord, keepsAt, overridesWithheld, restoreCut, uncut, withoutPointers, type Keeps } from './cut';
export { exportCap, selectForExport, type LeftOut, type Selection } from './selection';
export { recordHistories, versionHasher, type RecordHistory } from './versions';
export { parseProvenance, provenanceTag, type Provenance } from './provenance';
export { caseStixExport } from './stix-export';
