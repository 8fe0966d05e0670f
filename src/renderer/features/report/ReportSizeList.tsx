import { Callout } from '@blueprintjs/core';
import type { ReportSize } from '../../../shared/report/size';
import { SECTION_LABELS } from '../../../shared/report/template';

export interface ReportSizeListProps {
  /** The estimate made with the report tree, before anything is written. */
  size: ReportSize;
}

/** How long the report will be, section by section, shown before it is written. */
export function ReportSizeList({ size }: ReportSizeListProps) {
  return (
    <Callout compact icon="document" title={`About ${size.pages} page${size.pages === 1 ? '' : 's'} (A4)`} aria-label="Report size">
      <ul className="cf-report-size">
        {size.sections.map((s) => (
          <li key={s.kind} data-section={s.kind}>
            {SECTION_LABELS[s.kind]}: {s.label}, ~{s.pages} page{s.pages === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
