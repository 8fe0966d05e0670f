import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import type { Citation } from '../../../shared/domain/citation';
import { SourcePicker } from '../sources/SourcePicker';

export interface CitationsFieldProps {
  /** What the citations support, for accessible names: "alias 2", "status". */
  label: string;
  /** The citations as they stand. */
  citations: readonly Citation[];
  /** Fields of the record a citation may be pinned to; absent, citations support the whole fact. */
  fields?: readonly string[];
  /** Called with the new list on every change. */
  onChange(next: Citation[]): void;
}

/** Citations of one fact: source, locator (page, paragraph, timestamp), credibility 1–6 and optionally the field. */
export function CitationsField({ label, citations, fields, onChange }: CitationsFieldProps) {
  const update = (i: number, patch: Partial<Citation>) => onChange(citations.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div className="cf-citations" role="group" aria-label={`Citations for ${label}`}>
      {citations.map((citation, i) => (
        <div className="cf-citation-row" key={i}>
          <div className="cf-citation-source">
            <SourcePicker label={`Source of citation ${i + 1} for ${label}`} value={citation.sourceId || null} onChange={(id) => update(i, { sourceId: id ?? '' })} />
          </div>
          <InputGroup small placeholder="Locator (page, section)" aria-label={`Locator of citation ${i + 1} for ${label}`} value={citation.locator ?? ''} onValueChange={(v) => update(i, { locator: v || undefined })} />
          <HTMLSelect aria-label={`Credibility of citation ${i + 1} for ${label}`} value={citation.credibility} onChange={(e) => update(i, { credibility: Number(e.currentTarget.value) })}>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </HTMLSelect>
          {fields && (
            <HTMLSelect aria-label={`Fact cited by citation ${i + 1} for ${label}`} value={citation.field ?? ''} onChange={(e) => update(i, { field: e.currentTarget.value || undefined })}>
              <option value="">whole record</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </HTMLSelect>
          )}
          <Button variant="minimal" size="small" icon="cross" aria-label={`Remove citation ${i + 1} for ${label}`} onClick={() => onChange(citations.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button
        variant="minimal"
        size="small"
        icon="citation"
        text={`Cite a source${citations.length ? ` (${citations.length})` : ''}`}
        aria-label={`Cite a source for ${label}`}
        onClick={() => onChange([...citations, { sourceId: '', credibility: 3 }])}
      />
    </div>
  );
}
