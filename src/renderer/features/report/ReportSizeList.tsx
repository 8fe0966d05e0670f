import { Callout } from '@blueprintjs/core';
import { sizeLines, type ReportSize } from '../../../shared/report/size';
import { SECTION_LABELS } from '../../../shared/report/template';

export interface ReportSizeListProps {
  /** The estimate made with the report tree, before anything is written. */
  size: ReportSize;
}

/** How long the report will be, section by section, shown before it is written (the CLI prints the same lines). */
export function ReportSizeList({ size }: ReportSizeListProps) {
  const [total, ...sections] = sizeLines(size, SECTION_LABELS);
  return (
    <Callout compact icon="document" title={total} aria-label="Report size">
      {/* Scrolls when long: focusable so the keyboard can scroll it too (WCAG 2.1.1). */}
      <ul className="cf-report-size" tabIndex={0} aria-label="Size by section">
        {sections.map((line, i) => (
          <li key={size.sections[i]?.kind ?? i}>{line.trim()}</li>
        ))}
      </ul>
    </Callout>
  );
}
