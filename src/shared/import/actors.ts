import type { Actor } from '../domain/actor';
import { newId } from '../domain/ids';
import type { Marking } from '../domain/marking';
import { foldName } from './text';
import type { ActorMention } from './types';

/**
 * Finds the case's actor for a name the file uses, through names, aliases and
 * transliterations, case-insensitively and with diacritics folded; makes a new actor (once
 * per distinct name) when none matches.
 */
export class ActorMatcher {
  private readonly byName = new Map<string, string>();
  readonly created: Actor[] = [];
  readonly matched = new Set<string>();

  constructor(
    actors: readonly Actor[],
    private readonly marking: Marking,
    private readonly provenance: string,
  ) {
    for (const actor of actors) {
      for (const name of [actor.name, ...actor.aliases.flatMap((a) => [a.name, a.transliteration ?? ''])]) {
        const key = foldName(name);
        if (key && !this.byName.has(key)) this.byName.set(key, actor.id);
      }
    }
  }

  /** The id of the actor the mention stands for. */
  resolve(mention: ActorMention): string {
    const key = foldName(mention.name);
    const found = this.byName.get(key);
    if (found) {
      if (!this.created.some((a) => a.id === found)) this.matched.add(found);
      return found;
    }
    const actor: Actor = {
      id: newId('actor'),
      kind: mention.kind,
      name: mention.name,
      aliases: [],
      roles: [],
      nationality: [],
      description: `Imported from ${this.provenance}.`,
      tags: [],
      marking: this.marking,
      citations: [],
    };
    this.created.push(actor);
    this.byName.set(key, actor.id);
    return actor.id;
  }
}
