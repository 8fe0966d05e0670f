import type { CaseDocument } from '../../src/shared/domain/case';
import type { AnyRecord } from '../../src/shared/domain/collections';
import { participantsOf, type Event } from '../../src/shared/domain/event';
import { markingRank, type Marking } from '../../src/shared/domain/marking';
import type { PartialDate } from '../../src/shared/domain/partial-date';

/**
 * Finds records whose own text gives away a record marked above them: the rule that lets a GREEN
 * record travel without the AMBER ones. A lower record reveals a higher one when its text
 *  1. names it: holds its title or name, an alias or transliteration of it, or any run of five
 *     words of its title or description (a quotation); or
 *  2. for a higher *event* known at least to the month, places it: mentions one of its anchors —
 *     its place names, or the names (aliases, initials) of the actors it targets or involves —
 *     and also its time, in words ("January 2024") or by the lower record's own date falling in
 *     the event's month.
 * Actors' names are not secret because a higher record uses them: a five-word run that is part of
 * the name of an actor marked no higher than the lower record does not count as a quotation, and
 * an actor's own name is held against it only when it also gives the event's time. Text is
 * compared in lower case with typographic quotes and dashes made plain.
 */
export function recordsRevealingHigherOnes(doc: CaseDocument): string[] {
  const records = (['events', 'actors', 'relationships', 'sources', 'series'] as const).flatMap((collection) =>
    (doc[collection] as AnyRecord[]).map((record) => ({ collection, record: record as AnyRecord & { marking: Marking }, text: norm(textOf(record)), dates: datesOf(record) })),
  );
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  // An actor's names are known wherever the actor is: a higher record that uses them does not make them secret.
  const knownNames = doc.actors.map((a) => ({ rank: markingRank(a.marking), words: ` ${namesOf(a).map((n) => words(n).join(' ')).join(' | ')} ` }));
  const findings: string[] = [];
  for (const high of records) {
    const names = namesOf(high.record).map(norm).filter((n) => n.length >= 6);
    const runs = runsOf(high.record);
    const event = high.collection === 'events' ? (high.record as Event) : null;
    const month = event && event.date.precision !== 'year' ? event.date.value.slice(0, 7) : null;
    const anchors = event ? anchorsOf(event, actors) : [];
    for (const low of records) {
      if (markingRank(low.record.marking) >= markingRank(high.record.marking)) continue;
      const what = `${low.collection} ${low.record.id} (${low.record.marking}) reveals ${high.collection} ${high.record.id} (${high.record.marking})`;
      const name = names.find((n) => low.text.includes(n));
      if (name) findings.push(`${what}: names it ("${name}")`);
      const rank = markingRank(low.record.marking);
      const run = runs.find((r) => ` ${words(low.text).join(' ')} `.includes(` ${r} `) && !knownNames.some((n) => n.rank <= rank && n.words.includes(` ${r} `)));
      if (run) findings.push(`${what}: quotes it ("${run}")`);
      if (month) {
        const anchor = anchors.find((a) => low.text.includes(a));
        const when = monthWords(month).find((m) => low.text.includes(m)) ?? low.dates.find((d) => d.startsWith(month));
        if (anchor && when) findings.push(`${what}: places it ("${anchor}" and "${when}")`);
      }
    }
  }
  return findings;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Fields that hold codes, ids and choices from closed lists, not the record's words. */
const NOT_TEXT = new Set(['id', 'marking', 'sourceId', 'actorId', 'byActorId', 'sourceActorId', 'targetActorId', 'kind', 'category', 'precision', 'value', 'language', 'script', 'reliability', 'confidence', 'role', 'geoPrecision', 'scope', 'sha256', 'mediaType', 'credibility']);

function norm(text: string): string {
  return text.toLowerCase().replace(/[‘’ʼ`]/g, "'").replace(/[“”]/g, '"').replace(/[‐-―]/g, '-').replace(/\s+/g, ' ');
}

function words(text: string): string[] {
  return norm(text).split(/[^\p{L}\p{N}']+/u).filter(Boolean);
}

function textOf(value: unknown, key = ''): string {
  if (NOT_TEXT.has(key)) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => textOf(v)).join(' \u0000 ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => textOf(v, k)).join(' \u0000 ');
  return '';
}

function datesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(datesOf);
  if (value && typeof value === 'object') {
    const d = value as Partial<PartialDate>;
    if (typeof d.value === 'string' && typeof d.precision === 'string') return [d.value];
    return Object.values(value).flatMap(datesOf);
  }
  return [];
}

function namesOf(record: AnyRecord): string[] {
  if ('aliases' in record) return [record.name, ...record.aliases.flatMap((a) => [a.name, a.transliteration ?? ''])];
  return 'title' in record ? [record.title] : [];
}

/** Every run of five words of the record's title and description. */
function runsOf(record: AnyRecord): string[] {
  const texts = ['title' in record ? record.title : '', 'description' in record ? (record.description ?? '') : ''];
  return texts.flatMap((t) => {
    const w = words(t);
    return w.slice(0, Math.max(0, w.length - 4)).map((_, i) => w.slice(i, i + 5).join(' '));
  });
}

/** What places an event: its place names, and the names and initials of the actors it targets or involves. */
function anchorsOf(event: Event, actors: ReadonlyMap<string, { name: string; aliases: Array<{ name: string; transliteration?: string }> }>): string[] {
  const places = [event.location.place, event.location.admin2, event.location.admin1].filter((p): p is string => !!p);
  const parties = participantsOf(event).flatMap((p) => {
    const a = actors.get(p.actorId);
    if (!a) return [];
    const initials = a.name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
    return [a.name, ...a.aliases.flatMap((al) => [al.name, al.transliteration ?? '']), ...(initials.length >= 3 ? [initials] : [])];
  });
  return [...places, ...parties].filter((n) => n.length >= 3).map(norm);
}

function monthWords(month: string): string[] {
  const [y, m] = month.split('-');
  return [`${MONTHS[Number(m) - 1]} ${y}`];
}
