import type { Actor } from '../domain/actor';
import { NameIndex } from './name-index';

/** Every name an actor goes by: its primary name first, then each alias and each alias's transliteration. */
export function actorNames(actor: Actor): string[] {
  const names = [actor.name];
  for (const alias of actor.aliases) {
    names.push(alias.name);
    if (alias.transliteration) names.push(alias.transliteration);
  }
  return names;
}

/** A name index over actors, searched by any of their names. */
export function actorNameIndex(actors: readonly Actor[]): NameIndex {
  return new NameIndex(actors.map((a) => ({ id: a.id, names: actorNames(a) })));
}
