/**
 * Actor names and the link chart.
 *
 * actor_search_10k_ms: median time of one ranked search over 10,000 synthetic actors whose names
 *   (3 aliases each, in Latin variants, Cyrillic and Arabic script) share common words, with
 *   queries typed in another spelling or script than the stored one. Target < 50 ms.
 * actor_search_10k_p95_ms, actor_index_build_10k_ms: the tail and the one-off index build.
 * duplicates_10k_ms: likely-duplicate suggestions over the same 10,000 actors.
 * linkchart_layout_2k_ms: the link chart's own fCoSE layout options on 2,000 actors and 3,000
 *   relationships, in headless Cytoscape (the same library and options the view uses).
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { linkChartLayout } from '../src/renderer/features/linkchart/layout';
import type { Actor } from '../src/shared/domain/actor';
import { findDuplicateActors } from '../src/shared/domain/duplicates';
import { actorNameIndex } from '../src/shared/names';
import { prng } from './generate';
import type { BenchContext } from './run';

/** Name parts as analysts meet them: Latin spelling variants, Tajik/Russian Cyrillic, Arabic script. */
const ROOTS: Array<{ latin: string[]; cyrl: string; arab: string }> = [
  { latin: ['Khorasan', 'Khurasan', 'Khuroson', 'Xuroson'], cyrl: 'Хуросон', arab: 'خراسان' },
  { latin: ['Muhajir', 'Mohajer', 'Muhojir'], cyrl: 'Муҳоҷир', arab: 'مهاجر' },
  { latin: ['Abdullah', 'Abdulloh', 'Abdallah'], cyrl: 'Абдулло', arab: 'عبدالله' },
  { latin: ['Rahman', 'Rahmon', 'Rakhman'], cyrl: 'Раҳмон', arab: 'رحمان' },
  { latin: ['Saeed', 'Said', 'Saidi'], cyrl: 'Саид', arab: 'سعيد' },
  { latin: ['Karim', 'Kareem', 'Karimov'], cyrl: 'Карим', arab: 'كريم' },
  { latin: ['Nasir', 'Nasser', 'Nosir'], cyrl: 'Носир', arab: 'ناصر' },
  { latin: ['Qari', 'Kori', 'Qori'], cyrl: 'Қори', arab: 'قاري' },
  { latin: ['Mawlawi', 'Mavlavi', 'Moulavi'], cyrl: 'Мавлави', arab: 'مولوي' },
  { latin: ['Jamaat', "Jama'at", 'Jamoat'], cyrl: 'Ҷамоат', arab: 'جماعت' },
  { latin: ['Ansar', 'Ansor', 'Ansaar'], cyrl: 'Ансор', arab: 'انصار' },
  { latin: ['Tawhid', 'Tawheed', 'Tavhid'], cyrl: 'Тавҳид', arab: 'توحيد' },
  { latin: ['Farooq', 'Faruq', 'Foruq'], cyrl: 'Форуқ', arab: 'فاروق' },
  { latin: ['Haqqani', 'Haqani', 'Hakkani'], cyrl: 'Ҳаққонӣ', arab: 'حقاني' },
  { latin: ['Yusuf', 'Yousuf', 'Yusupov'], cyrl: 'Юсуф', arab: 'يوسف' },
  { latin: ['Omar', 'Umar', 'Umarov'], cyrl: 'Умар', arab: 'عمر' },
  { latin: ['Hamza', 'Hamzah', 'Khamza'], cyrl: 'Ҳамза', arab: 'حمزه' },
  { latin: ['Bilal', 'Bilol', 'Belal'], cyrl: 'Билол', arab: 'بلال' },
  { latin: ['Zubair', 'Zubayr', 'Zubayir'], cyrl: 'Зубайр', arab: 'زبير' },
  { latin: ['Tariq', 'Tarek', 'Toriq'], cyrl: 'Тариқ', arab: 'طارق' },
  { latin: ['Shura', 'Shoora', 'Shuro'], cyrl: 'Шӯро', arab: 'شورا' },
  { latin: ['Kandahar', 'Qandahar', 'Kandagar'], cyrl: 'Қандаҳор', arab: 'قندهار' },
  { latin: ['Nangarhar', 'Nangrahar', 'Nangarkhar'], cyrl: 'Нангарҳор', arab: 'ننگرهار' },
  { latin: ['Kunar', 'Konar', 'Kunor'], cyrl: 'Кунар', arab: 'کنر' },
  { latin: ['Badakhshan', 'Badakshan', 'Badaxshon'], cyrl: 'Бадахшон', arab: 'بدخشان' },
  { latin: ['Ghazi', 'Gazi', 'Ghozi'], cyrl: 'Ғозӣ', arab: 'غازي' },
  { latin: ['Mansur', 'Mansoor', 'Mansour'], cyrl: 'Мансур', arab: 'منصور' },
  { latin: ['Hafiz', 'Hafez', 'Hofiz'], cyrl: 'Ҳофиз', arab: 'حافظ' },
  { latin: ['Salim', 'Saleem', 'Salimov'], cyrl: 'Салим', arab: 'سليم' },
  { latin: ['Wali', 'Vali', 'Voli'], cyrl: 'Волӣ', arab: 'ولي' },
  { latin: ['Ismail', 'Ismoil', 'Esmail'], cyrl: 'Исмоил', arab: 'اسماعيل' },
  { latin: ['Latif', 'Lateef', 'Latipov'], cyrl: 'Латиф', arab: 'لطيف' },
];

const ACTORS = 10_000;
const QUERIES = 400;

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] as number;

function syntheticActors(rand: () => number): { actors: Actor[]; parts: number[][] } {
  const actors: Actor[] = [];
  const parts: number[][] = [];
  for (let n = 0; n < ACTORS; n++) {
    const roots = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => Math.floor(rand() * ROOTS.length));
    const r = roots.map((i) => ROOTS[i] as (typeof ROOTS)[number]);
    parts.push(roots);
    actors.push({
      id: `actor--bench-${n}`,
      kind: pick(rand, ['person', 'organisation', 'faction', 'media-outlet'] as const),
      name: r.map((x) => pick(rand, x.latin)).join(' '),
      aliases: [
        { name: r.map((x) => x.cyrl).join(' '), language: 'tg', script: 'Cyrl', citations: [] },
        { name: r.map((x) => x.arab).join(' '), language: 'ps', script: 'Arab', transliteration: r.map((x) => pick(rand, x.latin)).join(' '), citations: [] },
      ],
      roles: [],
      nationality: [],
      tags: [],
      marking: 'TLP:CLEAR',
      citations: [],
    });
  }
  return { actors, parts };
}

/** A query for actor n in a spelling or script it may not be stored in: one, two or all of its words. */
function queryFor(rand: () => number, roots: number[]): string {
  const words = roots.slice(0, 1 + Math.floor(rand() * roots.length)).map((i) => ROOTS[i] as (typeof ROOTS)[number]);
  const form = rand();
  return words.map((w) => (form < 0.6 ? pick(rand, w.latin) : form < 0.8 ? w.cyrl : w.arab)).join(' ');
}

function layoutTime(): number {
  cytoscape.use(fcose);
  const rand = prng(7);
  const nodes = 2_000;
  const elements: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < nodes; i++) elements.push({ data: { id: `n${i}` } });
  // Preferential attachment-ish: a few hubs (groups) and many people around them.
  for (let i = 0; i < 3_000; i++) {
    const a = Math.floor(rand() * nodes);
    const b = Math.floor(rand() ** 3 * nodes);
    if (a !== b) elements.push({ data: { id: `e${i}`, source: `n${a}`, target: `n${b}` } });
  }
  const cy = cytoscape({ headless: true, elements, style: [{ selector: 'node', style: { width: 18, height: 18 } }] });
  const started = performance.now();
  cy.layout(linkChartLayout(nodes)).run();
  return performance.now() - started;
}

export default async function actorsBench({ log }: BenchContext): Promise<Record<string, number>> {
  const rand = prng(42);
  const { actors, parts } = syntheticActors(rand);
  let started = performance.now();
  const index = actorNameIndex(actors);
  const build = performance.now() - started;
  log(`indexed ${actors.length} actors in ${build.toFixed(0)} ms`);

  const times: number[] = [];
  let hits = 0;
  for (let q = 0; q < QUERIES; q++) {
    const n = Math.floor(rand() * ACTORS);
    const query = queryFor(rand, parts[n] as number[]);
    started = performance.now();
    const found = index.search(query, 50);
    times.push(performance.now() - started);
    if (found.length > 0) hits++;
  }
  log(`${QUERIES} queries, ${hits} with hits; median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms`);
  if (hits < QUERIES * 0.95) throw new Error(`only ${hits} of ${QUERIES} variant-spelled queries found anything`);

  started = performance.now();
  const suggestions = findDuplicateActors(actors);
  const duplicates = performance.now() - started;
  log(`${suggestions.length} duplicate suggestions in ${duplicates.toFixed(0)} ms`);

  const layout = layoutTime();
  log(`fCoSE layout of 2,000 nodes in ${layout.toFixed(0)} ms`);
  const round = (x: number) => Number(x.toFixed(2));
  return {
    actor_search_10k_ms: round(median(times)),
    actor_search_10k_p95_ms: round(p95(times)),
    actor_index_build_10k_ms: round(build),
    duplicates_10k_ms: round(duplicates),
    linkchart_layout_2k_ms: round(layout),
  };
}
