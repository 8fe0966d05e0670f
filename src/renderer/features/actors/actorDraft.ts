import { Actor, type ActorStatus, type Alias } from '../../../shared/domain/actor';
import { newId } from '../../../shared/domain/ids';
import type { Marking } from '../../../shared/domain/marking';
import { PartialDate, partialDate } from '../../../shared/domain/partial-date';
import { detectScript } from '../../../shared/names';

/** The actor form's state: text fields as typed, turned into an Actor (and validated) on save. */
export interface ActorDraft {
  id: string;
  kind: Actor['kind'];
  name: string;
  aliases: Alias[];
  statusValue: ActorStatus['value'] | '';
  statusFrom: string;
  statusCitations: ActorStatus['citations'];
  /** One per line. */
  roles: string;
  /** ISO codes, comma separated. */
  nationality: string;
  description: string;
  /** Comma separated. */
  tags: string;
  marking: Marking;
  citations: Actor['citations'];
}

export function emptyDraft(marking: Marking): ActorDraft {
  return { id: newId('actor'), kind: 'organisation', name: '', aliases: [], statusValue: '', statusFrom: '', statusCitations: [], roles: '', nationality: '', description: '', tags: '', marking, citations: [] };
}

export function draftOf(actor: Actor): ActorDraft {
  return {
    id: actor.id,
    kind: actor.kind,
    name: actor.name,
    aliases: actor.aliases,
    statusValue: actor.status?.value ?? '',
    statusFrom: actor.status?.from?.value ?? '',
    statusCitations: actor.status?.citations ?? [],
    roles: actor.roles.join('\n'),
    nationality: actor.nationality.join(', '),
    description: actor.description ?? '',
    tags: actor.tags.join(', '),
    marking: actor.marking,
    citations: actor.citations,
  };
}

/** A new, empty alias whose script follows what is typed into it. */
export function newAlias(): Alias {
  return { name: '', language: 'en', script: 'Latn', citations: [] };
}

/** The script an alias is in, from its letters, as an ISO 15924 code (Latin when unclear or mixed). */
export function scriptOf(name: string): Alias['script'] {
  const script = detectScript(name);
  return script === 'mixed' || script === 'other' ? 'Latn' : script;
}

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses "2024", "2024-03" or "2024-03-22"; null for blank; an error message otherwise. */
export function parseDateField(text: string): PartialDate | null | string {
  const value = text.trim();
  if (!value) return null;
  const parsed = PartialDate.safeParse(partialDate(value));
  return parsed.success ? parsed.data : `“${value}” is not a date: write 2024, 2024-03 or 2024-03-22`;
}

/** The actor the draft describes, or the first problem in words. */
export function actorFromDraft(draft: ActorDraft): { ok: true; actor: Actor } | { ok: false; message: string } {
  const from = parseDateField(draft.statusFrom);
  if (typeof from === 'string') return { ok: false, message: `Status date: ${from}` };
  const candidate: Actor = {
    id: draft.id,
    kind: draft.kind,
    name: draft.name.trim(),
    aliases: draft.aliases
      .filter((a) => a.name.trim())
      .map((a) => {
        const alias: Alias = { ...a, name: a.name.trim() };
        if (!alias.transliteration?.trim()) delete alias.transliteration;
        return alias;
      }),
    roles: list(draft.roles, /\n/),
    nationality: list(draft.nationality.toUpperCase(), /[,\s]+/),
    tags: list(draft.tags, /,/),
    marking: draft.marking,
    citations: draft.citations,
  };
  if (draft.description.trim()) candidate.description = draft.description.trim();
  if (draft.statusValue) candidate.status = { value: draft.statusValue, citations: draft.statusCitations, ...(from ? { from } : {}) };
  const parsed = Actor.safeParse(candidate);
  if (parsed.success) return { ok: true, actor: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue ? `${issue.path.join('.') || 'actor'}: ${issue.message}` : 'The actor is not valid.' };
}
