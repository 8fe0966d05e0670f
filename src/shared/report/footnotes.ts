import type { Citation } from '../domain/citation';
import { formatDate } from './format';
import type { Footnote, Run } from './document';
import type { Source } from '../domain/source';

/** One bibliography line: authors. title. outlet, publisher, date. */
export function sourceLine(source: Source): string {
  const tail = [source.outlet, source.publisher, source.date ? formatDate(source.date) : null].filter(Boolean).join(', ');
  return [source.authors.length > 0 ? source.authors.join(', ') : null, source.title, tail || null].filter((p): p is string => !!p).join('. ');
}

/**
 * Numbers footnotes in order of first citation: the same source and locator cited twice gets
 * one number. Citations of sources not in the report (left out by marking) get none.
 */
export class FootnoteBook {
  readonly notes: Footnote[] = [];
  private readonly byKey = new Map<string, number>();
  constructor(private readonly sources: ReadonlyMap<string, Source>) {}

  /** Footnote runs for the citations (deduplicated), to put after the fact they support. */
  cite(citations: readonly Citation[]): Run[] {
    const numbers = new Set<number>();
    for (const c of citations) {
      const source = this.sources.get(c.sourceId);
      if (!source) continue;
      const key = `${c.sourceId}\u0000${c.locator ?? ''}`;
      let n = this.byKey.get(key);
      if (n === undefined) {
        n = this.notes.length + 1;
        this.byKey.set(key, n);
        this.notes.push({ n, sourceId: source.id, text: `${sourceLine(source)}${c.locator ? `, ${c.locator}` : ''}.` });
      }
      numbers.add(n);
    }
    return [...numbers].sort((a, b) => a - b).map((footnote) => ({ footnote }));
  }

  /** Sources cited at least once, in order of first citation. */
  citedSources(): Source[] {
    const seen = new Set<string>();
    const out: Source[] = [];
    for (const note of this.notes) {
      if (seen.has(note.sourceId)) continue;
      seen.add(note.sourceId);
      out.push(this.sources.get(note.sourceId)!);
    }
    return out;
  }
}

/**
 * Whether run `i` is a note marker right after another one. Writers put a superscript comma
 * there, so notes 19 and 20 read "19,20" and not "1920".
 */
export function followsNote(list: readonly Run[], i: number): boolean {
  return i > 0 && 'footnote' in list[i]! && 'footnote' in list[i - 1]!;
}
