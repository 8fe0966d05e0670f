import { FormGroup, HTMLSelect } from '@blueprintjs/core';

export interface PickProps {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onPick(value: string): void;
}

/** A select that adds the picked value to a list filter and resets itself. */
export function Pick({ label, options, onPick }: PickProps) {
  return (
    <FormGroup label={label} inline>
      <HTMLSelect aria-label={label} value="" onChange={(e) => e.currentTarget.value && onPick(e.currentTarget.value)} options={[{ value: '', label: `Add ${label.toLowerCase()}…` }, ...options]} />
    </FormGroup>
  );
}
