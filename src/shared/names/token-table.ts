import { tokenKeys, type TokenKeys } from './keys';

/** Where a word occurs: entry index × NAME_SLOTS + name index. */
export const NAME_SLOTS = 1024;

/** Every distinct word of the indexed names, with the lookups that find it from a query word. */
export class TokenTable {
  readonly keys = new Map<string, TokenKeys>();
  readonly postings = new Map<string, number[]>();
  private readonly byFolded = new Map<string, string[]>();
  private readonly bySkeleton = new Map<string, string[]>();
  /** Skeletons with one letter deleted → the skeletons they came from (edit distance 1 lookups). */
  private readonly skeletonDeletes = new Map<string, string[]>();
  private sortedPlain: string[] = [];
  private sortedFolded: string[] = [];

  add(plain: string, posting: number): void {
    let list = this.postings.get(plain);
    if (!list) {
      list = [];
      this.postings.set(plain, list);
      const keys = tokenKeys(plain);
      this.keys.set(plain, keys);
      push(this.byFolded, keys.folded, plain);
      if (!this.bySkeleton.has(keys.skeleton) && keys.skeleton.length >= 4) {
        for (const shorter of deletions(keys.skeleton)) push(this.skeletonDeletes, shorter, keys.skeleton);
      }
      push(this.bySkeleton, keys.skeleton, plain);
    }
    list.push(posting);
  }

  /** Call once after the last add: prepares the prefix lookups. */
  seal(): void {
    this.sortedPlain = [...this.postings.keys()].sort();
    this.sortedFolded = [...this.byFolded.keys()].sort();
  }

  /** Indexed words that may be what the query word means, each with how closely (0–1). */
  candidates(query: TokenKeys): Map<string, number> {
    const found = new Map<string, number>();
    const offer = (plain: string, score: number): void => {
      if ((found.get(plain) ?? 0) < score) found.set(plain, score);
    };
    if (this.postings.has(query.plain)) offer(query.plain, 1);
    for (const plain of this.byFolded.get(query.folded) ?? []) offer(plain, 0.9);
    if (query.skeleton.length >= 3) for (const plain of this.bySkeleton.get(query.skeleton) ?? []) offer(plain, 0.8);
    else if (query.skeleton.length === 2) {
      // Short skeletons (شباب sbb → sb) match only where one spelling leaves out vowels the other writes.
      for (const plain of this.bySkeleton.get(query.skeleton) ?? []) {
        if (vowelsLeftOut(query.folded, this.keys.get(plain)?.folded ?? '')) offer(plain, 0.8);
      }
    }
    if (query.plain.length >= 2) {
      for (const plain of prefixed(this.sortedPlain, query.plain)) offer(plain, 0.6 + 0.1 * (query.plain.length / plain.length));
    }
    if (query.folded.length >= 3) {
      for (const folded of prefixed(this.sortedFolded, query.folded)) {
        for (const plain of this.byFolded.get(folded) ?? []) offer(plain, 0.55 + 0.1 * (query.folded.length / folded.length));
      }
    }
    if (query.skeleton.length >= 4) {
      for (const skeleton of this.nearSkeletons(query.skeleton)) for (const plain of this.bySkeleton.get(skeleton) ?? []) offer(plain, 0.6);
    }
    return found;
  }

  /** Indexed skeletons one insertion, deletion, substitution or swap away from `skeleton`. */
  private nearSkeletons(skeleton: string): Set<string> {
    const near = new Set<string>(this.skeletonDeletes.get(skeleton) ?? []);
    for (const shorter of deletions(skeleton)) {
      if (shorter.length >= 4 && this.bySkeleton.has(shorter)) near.add(shorter);
      for (const other of this.skeletonDeletes.get(shorter) ?? []) near.add(other);
    }
    near.delete(skeleton);
    return near;
  }
}

/**
 * Whether `a` and `b` have the same consonants and one writes vowels only where the other does too:
 * شباب (sbab) and Shabaab (sabab), but not Sabib (sabab) and Sbiba (sbaba).
 */
export function vowelsLeftOut(a: string, b: string): boolean {
  if (a === b) return false;
  const gapsA = vowelGaps(a);
  const gapsB = vowelGaps(b);
  if (gapsA.consonants !== gapsB.consonants) return false;
  const within = (x: boolean[], y: boolean[]): boolean => x.every((vowel, i) => !vowel || y[i]);
  return within(gapsA.gaps, gapsB.gaps) || within(gapsB.gaps, gapsA.gaps);
}

/** A folded word's consonants, and for each gap around them whether a vowel is written there. */
function vowelGaps(folded: string): { consonants: string; gaps: boolean[] } {
  const gaps = [false];
  let consonants = '';
  for (const char of folded) {
    if (char === 'a') gaps[gaps.length - 1] = true;
    else {
      consonants += char;
      gaps.push(false);
    }
  }
  return { consonants, gaps };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function deletions(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

const PREFIX_LIMIT = 400;

/** Sorted strings that start with `prefix` (but are not equal to it), at most PREFIX_LIMIT. */
function prefixed(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && out.length < PREFIX_LIMIT; i++) {
    const value = sorted[i] as string;
    if (!value.startsWith(prefix)) break;
    if (value !== prefix) out.push(value);
  }
  return out;
}
