import { actorNames } from '../names/actor-names';
import { wholeNameKeys } from '../names/keys';
import type { Actor } from './actor';

export interface DuplicateSuggestion {
  /** The two actors, in the order the case lists them. */
  actorIds: [string, string];
  /** 0–1: how likely they are one actor. */
  score: number;
  /** Why, in words: which names collide and how. */
  reasons: string[];
}

interface Collision {
  score: number;
  reason: string;
}

/** Buckets larger than this are common words, not evidence of a duplicate. */
const MAX_BUCKET = 25;

/**
 * Pairs of actors that are likely the same: a name or alias of one equals a name or alias of the
 * other once normalised and transliterated (Xuroson Ovozi / Khuroson Ovozi), or has the same
 * consonant skeleton (خراسان غږ / Khorasan Ghag). Best first.
 */
export function findDuplicateActors(actors: readonly Actor[], limit = 200): DuplicateSuggestion[] {
  const byFolded = new Map<string, Array<{ actor: number; name: string }>>();
  const bySkeleton = new Map<string, Array<{ actor: number; name: string }>>();
  actors.forEach((actor, i) => {
    for (const name of actorNames(actor)) {
      const keys = wholeNameKeys(name);
      if (keys.folded.replace(/ /g, '').length >= 3) add(byFolded, keys.folded, { actor: i, name });
      if (keys.skeleton.replace(/ /g, '').length >= 4) add(bySkeleton, keys.skeleton, { actor: i, name });
    }
  });
  const pairs = new Map<string, Map<string, Collision>>();
  const collide = (bucket: Array<{ actor: number; name: string }>, how: 'spelling' | 'skeleton'): void => {
    if (bucket.length > MAX_BUCKET) return;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const a = bucket[x] as { actor: number; name: string };
        const b = bucket[y] as { actor: number; name: string };
        if (a.actor === b.actor) continue;
        const [first, second] = a.actor < b.actor ? [a, b] : [b, a];
        const key = `${first.actor}:${second.actor}`;
        const identical = first.name.trim().toLowerCase() === second.name.trim().toLowerCase();
        const score = identical ? 1 : how === 'spelling' ? 0.9 : 0.7;
        const reason = identical
          ? `both are called “${first.name}”`
          : how === 'spelling'
            ? `“${first.name}” and “${second.name}” are the same name in another spelling or script`
            : `“${first.name}” and “${second.name}” have the same consonants`;
        const reasons = pairs.get(key) ?? new Map<string, Collision>();
        const pairKey = `${first.name}\u0000${second.name}`;
        if ((reasons.get(pairKey)?.score ?? 0) < score) reasons.set(pairKey, { score, reason });
        pairs.set(key, reasons);
      }
    }
  };
  for (const bucket of byFolded.values()) collide(bucket, 'spelling');
  for (const bucket of bySkeleton.values()) collide(bucket, 'skeleton');

  const out: DuplicateSuggestion[] = [];
  for (const [key, reasons] of pairs) {
    const [x, y] = key.split(':').map(Number) as [number, number];
    const a = actors[x] as Actor;
    const b = actors[y] as Actor;
    const list = [...reasons.values()].sort((p, q) => q.score - p.score);
    const best = list[0]?.score ?? 0;
    // More colliding names make it likelier; a different kind makes it less likely (a group and its magazine).
    const score = Math.min(1, best + 0.03 * (list.length - 1)) * (a.kind === b.kind ? 1 : 0.6);
    out.push({ actorIds: [a.id, b.id], score: Number(score.toFixed(3)), reasons: list.slice(0, 5).map((r) => r.reason) });
  }
  return out.sort((p, q) => q.score - p.score).slice(0, limit);
}

function add(map: Map<string, Array<{ actor: number; name: string }>>, key: string, value: { actor: number; name: string }): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
