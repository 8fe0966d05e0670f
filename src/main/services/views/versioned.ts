import type { CaseDocument } from '../../../shared/domain/case';

/**
 * Values worked out from one state of the open case, kept until it changes, for the `size`
 * most recently used keys (flipping between two filters redoes neither). The state is either the
 * document at a version (every commit grows its history; another case is another document) or
 * an object standing for one (CaseTables).
 */
export class VersionedCache<V> {
  private owner: object | null = null;
  private version = -1;
  private readonly entries = new Map<string, V>();

  constructor(private readonly size: number) {}

  /** Forgets every value and the state they were for (a closed case must not stay reachable). */
  clear(): void {
    this.owner = null;
    this.version = -1;
    this.entries.clear();
  }

  /** A value for the document as it is now. */
  get(doc: CaseDocument, key: string, make: () => V): V {
    return this.of(doc, doc.history.length, key, make);
  }

  /** A value for an object standing for one state of the case. */
  of(owner: object, version: number, key: string, make: () => V): V {
    if (owner !== this.owner || version !== this.version) {
      this.owner = owner;
      this.version = version;
      this.entries.clear();
    }
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const value = make();
    this.entries.set(key, value);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

/** A stable key for a filter (or any JSON request part). */
export function keyOf(value: unknown): string {
  return JSON.stringify(value);
}
