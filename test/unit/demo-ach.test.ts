import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { listLookup } from '../../src/shared/ach/lookup';
import { matrixAt } from '../../src/shared/ach/product';

const doc = buildDemoCase('2024-06-01T00:00:00.000Z');

describe('the demo case’s ACH on the March 2024 Moscow attack', () => {
  const matrix = doc.matrices.find((m) => /Moscow/.test(m.title) && /2024/.test(m.title));

  it('asks who directed it, with at least four hypotheses', () => {
    expect(matrix?.title).toMatch(/who directed/i);
    expect(matrix?.hypotheses.length).toBeGreaterThanOrEqual(4);
  });

  it('has at least ten rows citing the case’s own sources and events, every cite found, no row flagged, every cell rated', () => {
    if (!matrix) throw new Error('no Moscow matrix in the demo case');
    const view = matrixAt(matrix, doc.matrixRows, listLookup(doc), null);
    if (!view) throw new Error('matrix withheld');
    const citing = view.rows.filter(({ row }) => row.kind === 'evidence' && row.cites.length > 0);
    expect(citing.length).toBeGreaterThanOrEqual(10);
    const cites = citing.flatMap(({ status }) => status.cites);
    expect(cites.every((c) => c.state === 'ok')).toBe(true);
    expect(new Set(cites.map((c) => c.collection))).toEqual(new Set(['events', 'sources']));
    expect(cites.some((c) => c.claimId !== undefined)).toBe(true);
    expect(view.rows.every(({ status }) => status.flags.length === 0)).toBe(true);
    expect(view.rows.every(({ row }) => matrix.hypotheses.every((h) => row.ratings[h.id] !== undefined))).toBe(true);
    // Any assumption is marked as such and cites nothing.
    expect(view.rows.filter(({ row }) => row.kind === 'assumption').every(({ row }) => row.cites.length === 0)).toBe(true);
    // A tentative lead, and a sensitivity list for it.
    expect(view.scores.lead).not.toBeNull();
    expect(view.sensitivity.length).toBeGreaterThan(0);
  });
});
