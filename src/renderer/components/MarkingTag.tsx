import { Tag } from '@blueprintjs/core';
import type { Marking } from '../../shared/domain/marking';

export interface MarkingTagProps {
  /** The record's TLP 2.0 marking. */
  marking: Marking;
}

/** A TLP marking in the colours of the TLP 2.0 standard. */
export function MarkingTag({ marking }: MarkingTagProps) {
  const slug = marking.slice(4).toLowerCase().replace('+', '-');
  return (
    <Tag className={`cf-tlp cf-tlp-${slug}`} title="Traffic Light Protocol 2.0 marking">
      {marking}
    </Tag>
  );
}
