import { HTMLTable, SegmentedControl } from '@blueprintjs/core';

export type Choice = 'ours' | 'theirs' | 'both';

/** One conflict of a merge review, as a received .casefile and a TAXII pull both show it. */
export interface ConflictRow {
  key: string;
  kind: string;
  label: string;
  field?: string | undefined;
  ours: string;
  theirs: string;
  options: readonly Choice[];
}

/** The conflicts of a merge review with a choice per row; a choice not made keeps ours. */
export function ConflictTable({ conflicts, choices, onChoose }: { conflicts: readonly ConflictRow[]; choices: Record<string, Choice>; onChoose: (key: string, choice: Choice) => void }) {
  return (
    <HTMLTable compact aria-label="Conflicts">
      <thead>
        <tr>
          <th>Record</th>
          <th>What</th>
          <th>Ours</th>
          <th>Theirs</th>
          <th>Keep</th>
        </tr>
      </thead>
      <tbody>
        {conflicts.map((c) => (
          <tr key={c.key}>
            <td>{c.label}</td>
            <td>{whatOf(c)}</td>
            <td className="cf-exchange-value">{c.ours.slice(0, 300)}</td>
            <td className="cf-exchange-value">{c.theirs.slice(0, 300)}</td>
            <td>
              <SegmentedControl
                small
                aria-label={`Resolution for ${c.key}`}
                options={c.options.map((o) => ({ label: optionLabel(c.kind, o), value: o }))}
                value={choices[c.key] && c.options.includes(choices[c.key]!) ? choices[c.key] : 'ours'}
                onValueChange={(v) => onChoose(c.key, v as Choice)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </HTMLTable>
  );
}

/** What a conflict is about, in the review's words. */
function whatOf(c: ConflictRow): string {
  if (c.kind === 'field') return c.field ?? 'field';
  if (c.kind === 'still-referenced') return 'deleted by them, still named here';
  if (c.kind === 'needed-by-theirs') return 'deleted here, needed by their records';
  return c.kind;
}

/** A choice's label: what it does where "ours"/"theirs" would not say it. */
function optionLabel(kind: string, option: Choice): string {
  if (kind === 'still-referenced') return option === 'ours' ? 'keep' : 're-point';
  if (kind === 'needed-by-theirs') return option === 'ours' ? 'leave out' : 'restore';
  return option;
}
