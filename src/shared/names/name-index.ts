import { nameWords } from './keys';
import { queryReadings, type QueryWord } from './query-words';
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

  /** Entries whose names match every word of `query` (an article may be missing), best first. */
  search(query: string, limit = 50): NameHit[] {
    const words = [...new Set(nameWords(query))];
    if (words.length === 0) return [];
    const best = new Map<number, { score: number; name: number }>();
    queryReadings(words).forEach((reading, r) => {
      // A reading that splits a joined article counts a little less than the query as written.
      for (const [posting, score] of this.scoreReading(reading)) {
        const entry = Math.floor(posting / NAME_SLOTS);
        const weighted = r === 0 ? score : score - 0.02;
        const current = best.get(entry);
        if (!current || current.score < weighted) best.set(entry, { score: weighted, name: posting % NAME_SLOTS });
      }
    });
    return [...best.entries()]
      .map(([e, hit]) => {
        const entry = this.entries[e] as NamedEntry;
        return { id: entry.id, score: Number(hit.score.toFixed(4)), matchedName: entry.names[hit.name] ?? '', matchedIndex: hit.name };
      })
      .sort((a, b) => b.score - a.score || a.matchedName.localeCompare(b.matchedName))
      .slice(0, limit);
  }

  /** Each matching name (posting) with its score for one reading of the query. */
  private scoreReading(reading: readonly QueryWord[]): Map<number, number> {
    // For each name (posting), the best score of each query word in it.
    const perName = new Map<number, number[]>();
    reading.forEach((word, w) => {
      for (const spelling of word.spellings) {
        for (const [plain, score] of this.table.candidates(spelling.keys)) {
          for (const posting of this.table.postings.get(plain) ?? []) {
            let scores = perName.get(posting);
            if (!scores) {
              scores = new Array<number>(reading.length).fill(0);
              perName.set(posting, scores);
            }
            if ((scores[w] as number) < score * spelling.weight) scores[w] = score * spelling.weight;
          }
        }
      }
    });
    const allOptional = reading.every((word) => word.optional);
    const scored = new Map<number, number>();
    for (const [posting, scores] of perName) {
      const matched = scores.filter((s) => s > 0);
      if (scores.some((s, w) => s === 0 && (allOptional || !reading[w]?.optional))) continue;
      if (matched.length === 0) continue;
      const entry = Math.floor(posting / NAME_SLOTS);
      const wordsInName = this.wordCounts[entry]?.[posting % NAME_SLOTS] ?? matched.length;
      // A missing article costs a little: al-Shabaab finds "Shabaab Militia", below "Al-Shabaab".
      const mean = matched.reduce((a, b) => a + b, 0) / matched.length - 0.05 * (reading.length - matched.length);
      // A query that is the whole name beats one that is a word of a longer name; primary names win ties.
      const whole = wordsInName === matched.length ? 0.15 : 0.05 * (matched.length / wordsInName);
      scored.set(posting, mean + whole + (posting % NAME_SLOTS === 0 ? 0.01 : 0));
    }
    return scored;
  }
}
