import type { Actor } from '../../../domain/actor';
import type { Event } from '../../../domain/event';
import { isWithinMarking, type Marking } from '../../../domain/marking';
import type { Source } from '../../../domain/source';
import type { CitedKind } from '../../../domain/written-report';
import type { Footnote, LeftOut, Run } from '../../document';
import type { ReportInput } from '../../select';

export interface CitationRef {
  kind: CitedKind;
  id: string;
  locator?: string | undefined;
}

/**
 * Formats citations in the report's style (main: csl-notes.ts, citeproc-js). The compiler calls
 * `cite` once per note, in note order, only for records the export may show, so a withheld
 * record never reaches the style's "ibid." and short-form memory.
 */
export interface NoteFormatter {
  /** Author-date styles cite in the text ("(Doe 2024, 12)") instead of in notes. */
  readonly inText: boolean;
  cite(ref: CitationRef, noteNumber: number): string;
  /** The works cited, one formatted entry each, in the style's order. */
  bibliography(refs: readonly CitationRef[]): string[];
}

export const WITHHELD_NOTE = '[withheld]';
export const MISSING_NOTE = 'The cited record is no longer in the case.';

type Cited = Source | Event | Actor;

/**
 * Notes in order of first use after the marking cut: each citation is one note (the style
 * shortens a repeat); a citation of a record above the maximum is withheld: its note says
 * "[withheld]" or it has no marker at all, as the analyst chose. Withheld records are only
 * ever named by id in `leftOut`.
 */
export class NoteBook {
  readonly notes: Footnote[] = [];
  readonly leftOut: LeftOut[] = [];
  private readonly cited = new Map<string, CitationRef>();
  /** Citations formatted so far (the style's note index; author-date has no notes to count). */
  private formatted = 0;
  private readonly records: Record<CitedKind, ReadonlyMap<string, Cited>>;

  constructor(
    input: ReportInput,
    private readonly max: Marking,
    private readonly withheld: 'mark' | 'drop',
    private readonly formatter: NoteFormatter,
  ) {
    this.records = { sources: byId(input.sources), events: byId(input.events), actors: byId(input.actors) };
  }

  /** The marking of a record a note would name, or undefined when the case does not hold it. */
  markingOf(kind: CitedKind, id: string): Marking | undefined {
    return this.records[kind].get(id)?.marking;
  }

  /** The kind of a record named by id alone (live nodes cite by id). */
  kindOf(id: string): CitedKind | undefined {
    return (['sources', 'events', 'actors'] as const).find((k) => this.records[k].has(id));
  }

  /** Markings of the records cited in the output (they raise the document's marking). */
  citedMarkings(): Marking[] {
    return [...this.cited.values()].map((r) => this.markingOf(r.kind, r.id)).filter((m): m is Marking => m !== undefined);
  }

  /** The runs one citation becomes, `where` naming its block for the left-out list. */
  cite(ref: CitationRef, where: string): Run[] {
    const marking = this.markingOf(ref.kind, ref.id);
    if (marking !== undefined && !isWithinMarking(marking, this.max)) {
      this.leftOut.push({ collection: 'citations', id: ref.id, title: `Citation in ${where} of a ${marking} record`, marking, reason: `the cited record is marked ${marking}, above the export's maximum ${this.max}; ${this.withheld === 'mark' ? `its note reads "${WITHHELD_NOTE}"` : 'its note marker is left out'}` });
      if (this.withheld === 'drop') return [];
      if (this.formatter.inText) return [{ text: ` ${WITHHELD_NOTE}` }];
      return [this.add(WITHHELD_NOTE, '')];
    }
    if (marking === undefined) return this.formatter.inText ? [{ text: ` [${MISSING_NOTE}]` }] : [this.add(MISSING_NOTE, ref.id)];
    this.cited.set(`${ref.kind}:${ref.id}`, ref);
    this.formatted += 1;
    const text = this.formatter.cite(ref, this.formatter.inText ? this.formatted : this.notes.length + 1);
    if (this.formatter.inText) return [{ text: ` ${text}` }];
    return [this.add(text, ref.id)];
  }

  /** The works cited (each once, in order of first citation) formatted by the style. */
  bibliography(): string[] {
    return this.cited.size ? this.formatter.bibliography([...this.cited.values()].map((r) => ({ kind: r.kind, id: r.id }))) : [];
  }

  private add(text: string, sourceId: string): Run {
    const n = this.notes.length + 1;
    this.notes.push({ n, text, sourceId });
    return { footnote: n };
  }
}

function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}
