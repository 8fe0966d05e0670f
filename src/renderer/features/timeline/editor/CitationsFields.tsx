import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { SourcePicker } from '../../sources/SourcePicker';
import type { CitationDraft, FieldErrors } from './draft';

export interface CitationsFieldsProps {
  /** What the citations support, for labels: "event", "claim 1". */
  owner: string;
  citations: CitationDraft[];
  onChange(next: CitationDraft[]): void;
  /** Errors by path relative to this list ("0.sourceId"). */
  errors: FieldErrors;
}

const CREDIBILITY = ['1 confirmed', '2 probably true', '3 possibly true', '4 doubtful', '5 improbable', '6 cannot be judged'];

/** Citations: source, locator (page, paragraph, timestamp) and credibility 1–6. */
export function CitationsFields({ owner, citations, onChange, errors }: CitationsFieldsProps) {
  const set = (i: number, patch: Partial<CitationDraft>) => onChange(citations.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div className="cf-citations">
      {citations.map((c, i) => (
        <div className="cf-editor-row" key={i}>
          <SourcePicker label={`Source of ${owner} citation ${i + 1}`} value={c.sourceId || null} onChange={(id) => set(i, { sourceId: id ?? '' })} allowCreate />
          <InputGroup aria-label={`Locator of ${owner} citation ${i + 1}`} placeholder="p. 12, § 3, 01:14" value={c.locator} onValueChange={(locator) => set(i, { locator })} />
          <HTMLSelect aria-label={`Credibility of ${owner} citation ${i + 1}`} value={String(c.credibility)} onChange={(e) => set(i, { credibility: Number(e.currentTarget.value) })} options={CREDIBILITY.map((label, k) => ({ value: String(k + 1), label }))} />
          <Button variant="minimal" icon="cross" aria-label={`Remove ${owner} citation ${i + 1}`} onClick={() => onChange(citations.filter((_, j) => j !== i))} />
          {errors[`${i}.sourceId`] && <span className="cf-field-error" role="alert">{errors[`${i}.sourceId`]}</span>}
        </div>
      ))}
      <Button size="small" variant="outlined" icon="add" text={`Cite a source for the ${owner}`} onClick={() => onChange([...citations, { sourceId: '', locator: '', credibility: 6 }])} />
    </div>
  );
}
