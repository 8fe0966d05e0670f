import { newId } from '../domain/ids';
import type { Marking } from '../domain/marking';
import type { Source } from '../domain/source';
import { foldName } from './text';
import type { DatasetInfo } from './types';

/** Reuses the case's sources by title (folded) and makes each missing one once. */
export class SourceMatcher {
  private readonly byTitle = new Map<string, string>();
  readonly created: Source[] = [];

  constructor(
    sources: readonly Source[],
    private readonly marking: Marking,
  ) {
    for (const source of sources) {
      const key = foldName(source.title);
      if (!this.byTitle.has(key)) this.byTitle.set(key, source.id);
    }
  }

  /** The dataset itself, cited by every imported event with the row's id as locator. */
  dataset(info: DatasetInfo): string {
    return this.resolve(info.title, () => ({
      kind: 'dataset',
      ...(info.publisher ? { publisher: info.publisher } : {}),
      ...(info.url ? { url: info.url } : {}),
      reliability: 'B',
    }));
  }

  /** An outlet a row cites, e.g. one entry of ACLED's `source` column (a newspaper, an agency). */
  publisher(name: string): string {
    return this.resolve(name, () => ({ kind: 'news-report', outlet: name, reliability: 'F' }));
  }

  private resolve(title: string, details: () => Pick<Source, 'kind' | 'reliability'> & Partial<Source>): string {
    const key = foldName(title);
    const found = this.byTitle.get(key);
    if (found) return found;
    const source: Source = { id: newId('source'), title, authors: [], language: 'und', marking: this.marking, ...details() };
    this.created.push(source);
    this.byTitle.set(key, source.id);
    return source.id;
  }
}
