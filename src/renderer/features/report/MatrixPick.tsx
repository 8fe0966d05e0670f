import { Checkbox, FormGroup } from '@blueprintjs/core';
import type { AchMatrix } from '../../../shared/domain/ach';
import type { ReportTemplate } from '../../../shared/report/template';

export interface MatrixPickProps {
  matrices: ReadonlyArray<Pick<AchMatrix, 'id' | 'title' | 'marking'>>;
  template: ReportTemplate;
  onChange(template: ReportTemplate): void;
}

/** Which ACH matrices the report's "Competing hypotheses" section shows (none listed: every one). */
export function MatrixPick({ matrices, template, onChange }: MatrixPickProps) {
  const section = template.sections.find((s) => s.kind === 'ach');
  if (matrices.length === 0 || !section?.enabled) return null;
  const picked = (id: string) => template.matrixIds === undefined || template.matrixIds.includes(id);
  const toggle = (id: string, on: boolean) => {
    const current = matrices.filter((m) => picked(m.id)).map((m) => m.id);
    onChange({ ...template, matrixIds: on ? [...current, id] : current.filter((x) => x !== id) });
  };
  return (
    <FormGroup label="Matrices in the report" helperText="Each is cut at the report's marking; rows above it are listed as left out.">
      {matrices.map((m) => (
        <Checkbox key={m.id} checked={picked(m.id)} label={`${m.title} (${m.marking})`} onChange={(e) => toggle(m.id, e.currentTarget.checked)} />
      ))}
    </FormGroup>
  );
}
