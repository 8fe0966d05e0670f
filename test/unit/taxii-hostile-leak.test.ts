import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPublish } from '../../src/main/services/taxii/publish';
import { emptySync } from '../../src/main/services/taxii/sync-store';
import { filterFor, leakCase, leakCut, leaksIn, tokensAbove } from '../helpers/leak-case';

/** Hostile review (issue 16): what a TAXII push puts on the wire holds no text above the chosen cap. */
describe('TAXII hostile review: push marking leaks', () => {
  it('the objects a push sends (any cap, any filter, first push or after an earlier push at a higher cap)', () => {
    fc.assert(
      fc.property(leakCase, leakCut, (c, cut) => {
        const filter = filterFor(cut, c.doc);
        const options = Object.keys(filter).length ? { filter } : {};
        const first = planPublish(c.doc, cut.max, emptySync(), options);
        const high = planPublish(c.doc, 'TLP:RED', emptySync(), {});
        const sync = emptySync();
        for (const [id, stamp] of high.stamps) sync.sent[id] = stamp;
        const after = planPublish(c.doc, cut.max, { ...sync, cap: 'TLP:RED' }, options);
        for (const plan of [first, after]) expect(leaksIn(JSON.stringify(plan.objects), tokensAbove(c, cut.max))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
