import type { Actor } from '../domain/actor';
import { newId } from '../domain/ids';
import type { Marking } from '../domain/marking';
import { actorNames } from '../names/actor-names';
import { nameWords, wholeNameKeys } from '../names/keys';
import { NameIndex } from '../names/name-index';
import { foldName, normalisedName } from './text';
import type { ActorMention } from './types';

/** A case actor the file's name may stand for; the analyst confirms or rejects it. */
export interface ActorProposal {
  /** The name as the file writes it (first seen). */
  name: string;
  /** Its matching key: what decisions are given by. */
  key: string;
  actorId: string;
  actorName: string;
  /** The case actor's name or alias that matched. */
  matchedName: string;
  /** 0–1: how likely the two are one actor (exact matches are taken without asking). */
  score: number;
  reason: string;
  /** Rows that name it. */
  rows: number;
  accepted: boolean;
}

/** Proposals accepted: by key, the case actor's id; or every proposal. */
export type MatchDecisions = Readonly<Record<string, string>> | 'all';

/** Index hits below this are too loose to propose. */
const MIN_HIT = 0.9;
/** Distinct names proposed at most (the rest are made new actors, as before). */
const MAX_PROPOSALS = 500;

/** The key a mention is matched and decided by: its normalised name (punctuation, case and accents aside). */
export function mentionKey(name: string): string {
  return normalisedName(name) || foldName(name);
}

/**
 * Finds the case's actor for a name the file uses. A name equal to an actor's name, alias or
 * transliteration once normalised ("Al Shabaab" = "Al-Shabaab") is that actor. Otherwise the
 * cross-spelling name index search uses proposes its best hit ("Al Shabab" for "Al-Shabaab",
 * "Al Shabaab" inside "Harakat al-Shabaab al-Mujahideen"); the proposal is used only when
 * accepted. Anything else becomes a new actor, once per distinct name.
 */
export class ActorMatcher {
  private readonly exact = new Map<string, string>();
  private readonly decided = new Map<string, string>();
  private readonly proposals = new Map<string, ActorProposal>();
  private readonly names = new Map<string, string>();
  private index: NameIndex | null = null;
  private readonly createdIds = new Set<string>();
  readonly created: Actor[] = [];
  readonly matched = new Set<string>();

  constructor(
    private readonly actors: readonly Actor[],
    private readonly marking: Marking,
    private readonly provenance: string,
    private readonly accepted: MatchDecisions = {},
  ) {
    for (const actor of actors) {
      this.names.set(actor.id, actor.name);
      for (const name of actorNames(actor)) {
        const key = mentionKey(name);
        if (key && !this.exact.has(key)) this.exact.set(key, actor.id);
      }
    }
  }

  /** The id of the actor the mention stands for. */
  resolve(mention: ActorMention): string {
    const key = mentionKey(mention.name);
    const known = this.decided.get(key);
    if (known !== undefined) {
      const proposal = this.proposals.get(key);
      if (proposal) proposal.rows++;
      return known;
    }
    const id = this.exact.get(key) ?? this.proposed(mention.name, key) ?? this.create(mention);
    if (!this.createdIds.has(id)) this.matched.add(id);
    this.decided.set(key, id);
    return id;
  }

  /** Every proposal made, most rows first. */
  proposalList(): ActorProposal[] {
    return [...this.proposals.values()].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  }

  private proposed(name: string, key: string): string | null {
    if (this.actors.length === 0 || this.proposals.size >= MAX_PROPOSALS) return null;
    this.index ??= new NameIndex(this.actors.map((a) => ({ id: a.id, names: actorNames(a) })));
    const hit = this.index.search(name, 1)[0];
    if (!hit || hit.score < MIN_HIT) return null;
    const { score, reason } = likeness(name, hit.matchedName);
    const chosen = this.accepted === 'all' ? hit.id : this.accepted[key];
    const accepted = chosen === hit.id;
    this.proposals.set(key, { name, key, actorId: hit.id, actorName: this.names.get(hit.id) ?? hit.matchedName, matchedName: hit.matchedName, score, reason, rows: 1, accepted });
    return accepted ? hit.id : null;
  }

  private create(mention: ActorMention): string {
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
    this.createdIds.add(actor.id);
    return actor.id;
  }
}

/** How alike two names are, scored as the duplicate finder scores actor pairs, and why. */
function likeness(name: string, other: string): { score: number; reason: string } {
  const a = wholeNameKeys(name);
  const b = wholeNameKeys(other);
  if (a.folded === b.folded) return { score: 0.9, reason: `“${name}” and “${other}” are the same name in another spelling or script` };
  if (a.skeleton !== '' && a.skeleton === b.skeleton) return { score: 0.7, reason: `“${name}” and “${other}” have the same consonants` };
  const share = nameWords(name).length / Math.max(1, nameWords(other).length);
  return { score: Number(Math.min(0.85, 0.5 + 0.35 * share).toFixed(2)), reason: `every word of “${name}” is in “${other}”` };
}
