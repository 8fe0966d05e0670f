/**
 * How much one IPC answer may carry. A case may hold a million events; no answer may grow with
 * it. Lists travel as pages of at most PAGE_LIMIT records, views get what they draw (chart
 * series, map regions, density bars, the events of a window), and `createDispatch` refuses to
 * send any answer longer than ANSWER_LIMIT_CHARS of JSON (a defect, reported as INTERNAL).
 */

/** Most records in one page of a list. */
export const PAGE_LIMIT = 500;

/** Longest answer, in characters of its JSON text (1 Mi; a 500-record page of events is about a third of it). */
export const ANSWER_LIMIT_CHARS = 1024 * 1024;

/**
 * Answers not held to the bound: `report:export` carries the written report's bytes (a file the
 * analyst asked for), as `report:png` carries a drawing's PNG; the export preview lists the records an export leaves out, which grows with
 * the case (to be paged), and so does a TAXII push's preview (`taxii:push-preview`), which shows
 * the same list before a publish. A received file's review (`exchange:open`, `exchange:merge`) is paged.
 */
export const UNBOUNDED_ANSWERS: ReadonlySet<string> = new Set(['report:export', 'reports:export', 'report:png', 'exchange:keys', 'exchange:preview', 'exchange:export', 'taxii:push-preview']);

/** Most rows the timeline draws; a window holding more is drawn as density. */
export const TIMELINE_ITEM_LIMIT = 250;
/** Most density bars drawn at once (the busiest rows first). */
export const TIMELINE_DENSITY_LIMIT = 160;
/** Most rows (groups) the timeline shows; the quietest beyond it share one row. */
export const TIMELINE_ROW_LIMIT = 2_000;
/** Most events listed for the visible window. */
export const TIMELINE_LIST_LIMIT = 200;
