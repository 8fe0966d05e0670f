import { describe, expect, it } from 'vitest';
import { gradeOf } from '../../src/shared/ach/credibility';
import { listLookup } from '../../src/shared/ach/lookup';
import { matrixAt, type MatrixView } from '../../src/shared/ach/product';
import { byDiagnosticity, byScore, leadOf, scoreMatrix } from '../../src/shared/ach/score';
import { sensitivity } from '../../src/shared/ach/sensitivity';
import { EXAMPLE, exampleCase } from '../helpers/ach';

const [H1, H2, H3] = EXAMPLE.h;
const [E1, E2, E3, E4] = EXAMPLE.rows;

function exampleView(): MatrixView {
  const doc = exampleCase();
  const view = matrixAt(doc.matrices[0]!, doc.matrixRows, listLookup(doc), null);
  if (!view) throw new Error('no view');
  return view;
}

describe('ACH scores: the worked example of docs/ach.md, computed by hand', () => {
  it('proposes each row’s credibility from the grades behind it and weighs it credibility × relevance', () => {
    const view = exampleView();
    const rows = Object.fromEntries(view.rows.map(({ row, status }) => [row.id, { proposed: status.proposed, credibility: status.credibility, weight: status.weight }]));
    expect(rows).toEqual({
      [E1]: { proposed: 'high', credibility: 'high', weight: 4 }, // B2: High × High = 2 × 2
      [E2]: { proposed: 'medium', credibility: 'medium', weight: 2 }, // C2: Medium × High = 1 × 2
      [E3]: { proposed: 'low', credibility: 'low', weight: 0.5 }, // D2: Low × Medium = 0.5 × 1
      [E4]: { proposed: null, credibility: 'medium', weight: 0.5 }, // assumption: Medium × Low = 1 × 0.5
    });
  });

  it('sums weight × |min(0, value)| as inconsistency and weight × max(0, value) as consistency, leaving NA out', () => {
    const { scores } = exampleView();
    expect(scores.hypotheses).toEqual([
      { id: H1, inconsistency: 1, consistency: 4.5, rated: 4 },
      { id: H2, inconsistency: 4, consistency: 5, rated: 4 },
      { id: H3, inconsistency: 10, consistency: 0.5, rated: 3 },
    ]);
  });

  it('measures diagnosticity as the spread of a row’s values over the hypotheses it rates', () => {
    const { scores } = exampleView();
    expect(scores.rows.map((r) => [r.id, r.diagnosticity])).toEqual([
      [E1, 3],
      [E2, 3],
      [E3, 3],
      [E4, 0],
    ]);
    expect(byDiagnosticity(scores.rows)).toEqual([E1, E2, E3, E4]);
  });

  it('leads with the least inconsistent hypothesis and sorts the columns by score', () => {
    const { scores } = exampleView();
    expect(scores.lead).toBe(H1);
    expect(scores.tied).toEqual([]);
    expect(byScore(scores.hypotheses)).toEqual([H1, H2, H3]);
  });

  it('lists the rows the lead rests on: E1 removed or reversed hands the lead to H2; no other row moves it', () => {
    expect(exampleView().sensitivity).toEqual([{ rowId: E1, removal: { leads: H2 }, reversal: { leads: H2 } }]);
  });

  it('an override replaces the proposal in the weight, and the scores move with it', () => {
    const doc = exampleCase();
    doc.matrixRows[2] = { ...doc.matrixRows[2]!, credibility: 'high' };
    const view = matrixAt(doc.matrices[0]!, doc.matrixRows, listLookup(doc), null)!;
    const e3 = view.rows[2]!.status;
    expect(e3).toMatchObject({ proposed: 'low', credibility: 'high', overridden: true, weight: 2 });
    // E3 now weighs 2: H1's inconsistency is 2 × 2 = 4, level with H2's; H2's greater consistency (4 + 2 + 0.5) breaks the tie.
    expect(view.scores.hypotheses.map((h) => h.inconsistency)).toEqual([4, 4, 10]);
    expect(view.scores.lead).toBe(H2);
  });
});

describe('ACH rules', () => {
  it('grades a source and its information by the worse of the two ranks', () => {
    expect([gradeOf('A', 1), gradeOf('B', 2), gradeOf('B', 3), gradeOf('C', 2), gradeOf('C', 3), gradeOf('D', 1), gradeOf('B', 4), gradeOf('F', 1), gradeOf('A', 6)]).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'low',
      'low',
      'low',
      'low',
    ]);
  });

  it('breaks a tie on inconsistency by consistency, and has no lead when a tie remains', () => {
    expect(leadOf(['a', 'b'], [1, 1], [2, 3])).toEqual({ lead: 'b', tied: [] });
    expect(leadOf(['a', 'b', 'c'], [1, 1, 2], [2, 2, 9])).toEqual({ lead: null, tied: ['a', 'b'] });
    expect(leadOf([], [], [])).toEqual({ lead: null, tied: [] });
  });

  it('reports a change to a tie as a change of lead, and nothing when there is no lead', () => {
    const input = { hypotheses: ['a', 'b'], rows: [{ id: 'r1', weight: 1, values: [0, -1] }] };
    const scores = scoreMatrix(input);
    expect(scores.lead).toBe('a');
    expect(sensitivity(input, scores)).toEqual([{ rowId: 'r1', removal: { leads: null }, reversal: { leads: 'b' } }]);
    const tied = { hypotheses: ['a', 'b'], rows: [{ id: 'r1', weight: 1, values: [-1, -1] }] };
    expect(sensitivity(tied, scoreMatrix(tied))).toEqual([]);
  });

  it('a row that rates fewer than two hypotheses has no diagnosticity', () => {
    const scores = scoreMatrix({ hypotheses: ['a', 'b'], rows: [{ id: 'r', weight: 1, values: [-2, null] }] });
    expect(scores.rows[0]?.diagnosticity).toBe(0);
  });
});
