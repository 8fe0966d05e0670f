import { Button, Checkbox } from '@blueprintjs/core';
import { SECTION_LABELS, type ReportTemplate } from '../../../shared/report/template';

export interface SectionListProps {
  /** The sections in order, each on or off. */
  sections: ReportTemplate['sections'];
  /** Called with the reordered or toggled list. */
  onChange(sections: ReportTemplate['sections']): void;
}

/** The report's sections: tick to include, arrows to reorder. */
export function SectionList({ sections, onChange }: SectionListProps) {
  const move = (from: number, to: number) => {
    const next = [...sections];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
  };
  return (
    <ol className="cf-section-list" aria-label="Sections">
      {sections.map((s, i) => (
        <li key={s.kind} data-section={s.kind}>
          <Checkbox inline checked={s.enabled} label={SECTION_LABELS[s.kind]} onChange={(e) => onChange(sections.map((x, j) => (j === i ? { ...x, enabled: e.currentTarget.checked } : x)))} />
          <span className="cf-spacer" />
          <Button small minimal icon="arrow-up" aria-label={`Move ${SECTION_LABELS[s.kind]} up`} disabled={i === 0} onClick={() => move(i, i - 1)} />
          <Button small minimal icon="arrow-down" aria-label={`Move ${SECTION_LABELS[s.kind]} down`} disabled={i === sections.length - 1} onClick={() => move(i, i + 1)} />
        </li>
      ))}
    </ol>
  );
}
