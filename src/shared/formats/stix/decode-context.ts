import { z } from 'zod';
import { Citation } from '../../domain/citation';
import { Id } from '../../domain/ids';
import { Marking, TLP2_STIX_IDS, markingRank } from '../../domain/marking';
import { partialDate, type PartialDate } from '../../domain/partial-date';
import type { Source } from '../../domain/source';
import { TLP1_STIX_IDS, hashUuid } from './ids';
import type { KeptAside, StixMarking, StixObject, StixProblem } from './types';

const TLP2_BY_ID = new Map(Object.entries(TLP2_STIX_IDS).map(([level, id]) => [id, level as Marking]));

/** What the decoder knows while it walks a bundle, and what it reports. */
export class DecodeContext {
  readonly byId = new Map<string, StixObject>();
  readonly markings = new Map<string, StixMarking>();
  readonly keptAside: KeptAside[] = [];
  readonly problems: StixProblem[] = [];
  readonly sources = new Map<string, Source>();
  /** STIX ids whose object became a record, mapped to our record id. */
  readonly ourIds = new Map<string, string>();
  /** Citations a foreign report adds to the objects it lists. */
  readonly reportCitations = new Map<string, Citation[]>();

  constructor(readonly defaultMarking: Marking) {}

  setAside(object: StixObject, reason: string): void {
    this.keptAside.push({ id: object.id, type: object.type, reason });
  }

  problem(id: string, kind: StixProblem['kind'], message: string): void {
    this.problems.push({ id, kind, message });
  }

  /** The most restrictive TLP among the object's markings; unmarked objects get the default. */
  markingOf(object: StixObject): Marking {
    const refs = Array.isArray(object['object_marking_refs']) ? (object['object_marking_refs'] as unknown[]) : [];
    let best: Marking | null = null;
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const level = this.markings.get(ref)?.tlp ?? TLP2_BY_ID.get(ref) ?? TLP1_STIX_IDS[ref] ?? null;
      if (level && (!best || markingRank(level) > markingRank(best))) best = level;
    }
    return best ?? this.defaultMarking;
  }

  /** Our id for the object: its x_casefile_id when valid, else prefix--<its STIX UUID>. */
  idFor(object: StixObject, prefix: string, custom = object['x_casefile_id']): string {
    if (typeof custom === 'string' && Id.safeParse(custom).success) return custom;
    return `${prefix}--${object.id.slice(object.id.indexOf('--') + 2)}`;
  }

  /** Our citations when the object carries them, else one per external reference (credibility 6: cannot be judged). */
  citationsOf(object: StixObject, custom: unknown = object['x_casefile_citations']): Citation[] {
    const parsed = z.array(Citation).safeParse(custom);
    const list: Citation[] = parsed.success ? parsed.data : this.citationsFromReferences(object);
    const kept = list.filter((c) => {
      if (this.sources.has(c.sourceId)) return true;
      this.problem(object.id, 'dangling-ref', `a citation points at source ${c.sourceId}, which is not in the bundle; the citation was dropped`);
      return false;
    });
    return [...kept, ...(this.reportCitations.get(object.id) ?? [])];
  }

  private citationsFromReferences(object: StixObject): Citation[] {
    const refs = Array.isArray(object['external_references']) ? (object['external_references'] as unknown[]) : [];
    const citations: Citation[] = [];
    for (const ref of refs) {
      if (!ref || typeof ref !== 'object') continue;
      const r = ref as Record<string, unknown>;
      const sourceName = str(r['source_name']);
      if (!sourceName) continue;
      const source = this.sourceFromReference(r, object);
      citations.push({ sourceId: source.id, credibility: 6 });
    }
    return citations;
  }

  /** A source for a foreign external reference, made once per (name, url, description). */
  private sourceFromReference(r: Record<string, unknown>, object: StixObject): Source {
    const externalId = str(r['external_id']);
    if (externalId && this.sources.has(externalId)) return this.sources.get(externalId) as Source;
    const name = str(r['source_name']) ?? 'unknown';
    const url = str(r['url']);
    const description = str(r['description']);
    const id = `source--${hashUuid(`${name}|${url ?? ''}|${description ?? ''}|${externalId ?? ''}`)}`;
    const existing = this.sources.get(id);
    if (existing) return existing;
    const source: Source = {
      id,
      title: (description ?? (externalId ? `${name} ${externalId}` : name)).slice(0, 1_000),
      publisher: name.slice(0, 300),
      authors: [],
      kind: 'other',
      language: 'und',
      reliability: 'F',
      marking: this.markingOf(object),
      ...(url ? { url: url.slice(0, 2_000) } : {}),
    };
    this.sources.set(id, source);
    return source;
  }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A STIX timestamp as a day-precision partial date. */
export function dayOf(timestamp: unknown): PartialDate | undefined {
  if (typeof timestamp !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(timestamp)) return undefined;
  return partialDate(timestamp.slice(0, 10));
}

/** Parses with a zod schema, or returns undefined (the caller reports why). */
export function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** The first zod issue of a failed record, in words. */
export function firstIssue<T>(schema: z.ZodType<T>, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) return '';
  const issue = result.error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid';
}
