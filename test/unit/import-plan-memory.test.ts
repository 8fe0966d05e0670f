import { describe, expect, it } from 'vitest';
import { planImport, prepareImport } from '../../src/main/services/import/prepare';
import { applyPlan, fixture, planFixture } from '../fixtures/import/helpers';

describe('planning an import that will be committed as planned', () => {
  it('drops each mapped row once planned, and plans exactly as when the rows are kept (missing events included)', async () => {
    const first = await planFixture('acled-current.csv');
    const doc = applyPlan(first.doc, first.plan);
    const kept = await prepareImport(fixture('acled-current-newer.csv'), undefined, {}, doc.defaultMarking);
    const taken = await prepareImport(fixture('acled-current-newer.csv'), undefined, {}, doc.defaultMarking);
    const expected = planImport(kept, doc, false);
    const plan = planImport(taken, doc, false, true);

    // The rows are gone: a million-row file's rows and its plan are not held at once.
    expect(taken.kind === 'table' && taken.read.items.length).toBe(0);
    expect(kept.kind === 'table' && kept.read.items.length).toBe(4);
    expect(plan.counts).toEqual(expected.counts);
    expect(plan.missing.map((m) => m.id)).toEqual(['event--acled-AFG1003']);
    expect(plan.rows).toEqual(expected.rows);
    expect(plan.changes).toEqual(expected.changes);
    expect(plan.summary).toBe(expected.summary);
  });
});
