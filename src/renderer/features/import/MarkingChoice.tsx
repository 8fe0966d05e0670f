import { FormGroup, HTMLSelect } from '@blueprintjs/core';
import { useId } from 'react';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { ImportPreview } from '../../../shared/ipc/channels/import';

export interface MarkingChoiceProps {
  suggestion: ImportPreview['marking'];
  /** The analyst's choice; null until they make one. */
  value: Marking | null;
  onChange: (marking: Marking) => void;
  disabled: boolean;
}

/** The marking the import's new records get: suggested from the source, always chosen by the analyst. */
export function MarkingChoice({ suggestion, value, onChange, disabled }: MarkingChoiceProps) {
  const id = useId();
  return (
    <FormGroup
      label="Mark the new records"
      labelFor={id}
      inline
      helperText={`Suggested: ${suggestion.marking} (${suggestion.reason}). Events already in the case keep their marking.`}
    >
      <HTMLSelect
        id={id}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as Marking)}
        options={[{ value: '', label: 'Choose a marking…', disabled: true }, ...TLP_LEVELS.map((m) => ({ value: m, label: m === suggestion.marking ? `${m} (suggested)` : m }))]}
      />
    </FormGroup>
  );
}
