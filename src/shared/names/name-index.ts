import { nameWords, tokenKeys } from './keys';
import { NAME_SLOTS, TokenTable } from './token-table';

/** One searchable thing (an actor) and the names it goes by; names[0] is the primary name. */
export interface NamedEntry {
  id: string;
  names: readonly string[];
}

export interface NameHit {
  id: string;
  /** 0–1+: 1 is every query word spelled exactly as in a name; whole-name matches rank above. */
  score: number;
  /** The name that matched best, as written. */
  matchedName: string;
  /** Its position in the entry's names (0 = primary name). */
  matchedIndex: number;
}

/**
 * A name index over many entries that finds them by any name, in any script, and from common
 * transliteration variants, ranked. Build once per set of entries; searching does not rebuild.
 */
export class NameIndex {
  private readonly table = new TokenTable();
  private readonly entries: NamedEntry[];
  private readonly wordCounts: number[][];

  constructor(entries: readonly NamedEntry[]) {
    this.entries = [...entries];
    this.wordCounts = this.entries.map((entry, e) =>
      entry.names.slice(0, NAME_SLOTS).map((name, n) => {
        const words = nameWords(name);
        for (const word of words) this.table.add(word, e * NAME_SLOTS + n);
        return words.length;
      }),
    );
    this.table.seal();
  }

  get size(): number {
    return this.entries.length;
  }

  /** Entries whose names match every word of `query`, best first. */
  search(query: string, limit = 50): NameHit[] {
    const words = [...new Set(nameWords(query))];
    if (words.length === 0) return [];
    // For each name (posting), the best score of each query word in it.
    const perName = new Map<number, number[]>();
    words.forEach((word, w) => {
      for (const [plain, score] of this.table.candidates(tokenKeys(word))) {
        for (const posting of this.table.postings.get(plain) ?? []) {
          let scores = perName.get(posting);
          if (!scores) {
            scores = new Array<number>(words.length).fill(0);
            perName.set(posting, scores);
          }
          if ((scores[w] as number) < score) scores[w] = score;
        }
      }
    });
    const best = new Map<number, { score: number; name: number }>();
    for (const [posting, scores] of perName) {
      if (scores.some((s) => s === 0)) continue;
      const entry = Math.floor(posting / NAME_SLOTS);
      const name = posting % NAME_SLOTS;
      const wordsInName = this.wordCounts[entry]?.[name] ?? words.length;
      const mean = scores.reduce((a, b) => a + b, 0) / words.length;
      // A query that is the whole name beats one that is a word of a longer name; primary names win ties.
      const score = mean + (wordsInName === words.length ? 0.15 : 0.05 * (words.length / wordsInName)) + (name === 0 ? 0.01 : 0);
      const current = best.get(entry);
      if (!current || current.score < score) best.set(entry, { score, name });
    }
    return [...best.entries()]
      .map(([e, hit]) => {
        const entry = this.entries[e] as NamedEntry;
        return { id: entry.id, score: Number(hit.score.toFixed(4)), matchedName: entry.names[hit.name] ?? '', matchedIndex: hit.name };
      })
      .sort((a, b) => b.score - a.score || a.matchedName.localeCompare(b.matchedName))
      .slice(0, limit);
  }
}
