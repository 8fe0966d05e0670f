import { Callout } from '@blueprintjs/core';
import type { LeftOut } from '../../../shared/report/document';
import type { Marking } from '../../../shared/domain/marking';
import { recordNoun } from '../../../shared/text/format';

export interface LeftOutListProps {
  /** What the marking filter leaves out (the first of them). */
  leftOut: readonly LeftOut[];
  /** How many it leaves out in all. */
  total: number;
  /** The report's maximum marking. */
  max: Marking;
}

/** Exactly what the report will not contain and why, shown before anything is written. */
export function LeftOutList({ leftOut, total, max }: LeftOutListProps) {
  if (total === 0) {
    return (
      <Callout intent="success" compact title="Nothing left out">
        Every record is within {max}.
      </Callout>
    );
  }
  return (
    <Callout intent="warning" compact title={`${total} record(s) left out`} aria-label="Left out of the report">
      {/* Scrolls when long: focusable so the keyboard can scroll it too (WCAG 2.1.1). */}
      <ul className="cf-left-out" tabIndex={0} aria-label="Records left out">
        {leftOut.map((l) => (
          <li key={`${l.collection}:${l.id}`}>
            {recordNoun(l.collection)} “{l.title}” — {l.reason}
          </li>
        ))}
        {total > leftOut.length && <li>{`… and ${total - leftOut.length} more`}</li>}
      </ul>
    </Callout>
  );
}
