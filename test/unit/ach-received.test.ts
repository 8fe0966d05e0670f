import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { listLookup } from '../../src/shared/ach/lookup';
import { basisOf } from '../../src/shared/ach/resolve';
import { AchRow, type AchMatrix } from '../../src/shared/domain/ach';
import type { Change } from '../../src/shared/domain/audit';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { team, type Team } from '../helpers/exchange';
import { removeTempDirs } from '../helpers/store';

/** A modified client: whatever `inject` holds is added, uncut, to what the export selects. */
const inject: { rows: AchRow[]; matrices: AchMatrix[] } = { rows: [], matrices: [] };
vi.mock('../../src/shared/exchange/selection', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/shared/exchange/selection')>();
  return {
    ...orig,
    selectForExport: (...args: Parameters<typeof orig.selectForExport>) => {
      const out = orig.selectForExport(...args);
      out.records.matrixRows.push(...inject.rows);
      out.records.matrices.push(...inject.matrices);
      return out;
    },
  };
});

afterAll(removeTempDirs);
const [H1, H2] = EXAMPLE.h;
const [E1] = EXAMPLE.rows;

async function send(from: Team, to: Team) {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const out = join(mkdtempSync(join(tmpdir(), 'cf-ach-received-')), 'sent.casefile');
  await from.exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [key] });
  return to.exchange.open(out);
}

function manyRatings(n: number): AchRow['ratings'] {
  const out: AchRow['ratings'] = {};
  for (let i = 0; i < n; i++) out[`hypothesis--x${i}`] = { value: 'II', by: 'mallory' };
  return out;
}

const plainRow = (over: Partial<AchRow> = {}): AchRow => ({ id: 'row--x', matrixId: EXAMPLE.matrixId, title: 'x', kind: 'assumption', cites: [], relevance: 'high', ratings: {}, position: 1, marking: 'TLP:CLEAR', ...over });

describe('ACH rows are bounded', () => {
  it('a row rates at most as many hypotheses as a matrix may have, and its basis sees at most one entry per cite', () => {
    expect(AchRow.safeParse(plainRow({ ratings: manyRatings(40) })).success).toBe(true);
    const rated = AchRow.safeParse(plainRow({ ratings: manyRatings(41) }));
    expect(rated.success).toBe(false);
    expect(rated.error?.issues[0]?.message).toMatch(/at most 40 hypotheses/);
    const seen = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`events/event--${i}`, 'x']));
    const basis = AchRow.safeParse(plainRow({ basis: { seen, support: {}, proposed: null } }));
    expect(basis.success).toBe(false);
    expect(basis.error?.issues[0]?.message).toMatch(/at most 50/);
  });

  it('a raw write of a row that rates a hypothesis its matrix does not have is refused, and nothing is saved', async () => {
    const alice = await team('alice-bound', exampleCase());
    const row = alice.cases.records!.get('matrixRows', E1) as AchRow;
    const after: AchRow = { ...row, ratings: { ...row.ratings, 'hypothesis--nothere': { value: 'II', by: 'mallory' } } };
    const batch = await alice.cases.commitBatch('edit', () => ({ summary: 'crafted', changes: [{ op: 'put', collection: 'matrixRows', id: E1, before: row, after } as Change] }));
    expect(batch.ok).toBe(false);
    expect(!batch.ok && batch.error.message).toMatch(/rates a hypothesis its matrix does not have \(hypothesis--nothere\)/);
    expect(alice.cases.records!.get('matrixRows', E1)).toEqual(row);
    await alice.cases.close();
  }, 60_000);
});

describe('ACH rows from a partner file', () => {
  it('a file with a row rating more cells than any matrix could leave (even with leftovers of removed hypotheses) is refused with a clear error', async () => {
    const alice = await team('alice-over', exampleCase());
    const bob = await team('bob-over', exampleCase());
    inject.rows = [plainRow({ id: 'row--crafted', ratings: manyRatings(100_000) })];
    try {
      await expect(send(bob, alice)).rejects.toThrow(/matrixRows row--crafted: ratings a row carries at most 1000 cells/);
    } finally {
      inject.rows = [];
    }
    expect(alice.cases.document!.matrixRows.some((r) => r.id === 'row--crafted')).toBe(false);
    await alice.cases.close();
    await bob.cases.close();
  }, 120_000);

  it('a received row is weighed on the sources of this case: a basis the file carries is not taken', async () => {
    const alice = await team('alice-forged', exampleCase());
    const bob = await team('bob-forged');
    const first = await send(alice, bob);
    await bob.exchange.merge(first.opened, first.plan, {});
    const forged: AchRow = {
      ...plainRow({ id: 'row--forged', kind: 'evidence', position: 9 }),
      cites: [{ collection: 'events', id: 'event--e3' }],
      ratings: { [H1]: { value: 'II', by: 'mallory' }, [H2]: { value: 'CC', by: 'mallory' }, 'hypothesis--nothere': { value: 'II', by: 'mallory' } },
      // Claims High and that the row was reviewed against a version of event--e3 nobody holds.
      basis: { seen: { 'events/event--e3': 'forged' }, support: { 'source--b': 'A1' }, proposed: 'high' },
    };
    inject.rows = [forged];
    let opened;
    try {
      opened = await send(bob, alice);
    } finally {
      inject.rows = [];
    }
    await alice.exchange.merge(opened.opened, opened.plan, {});
    const stored = alice.cases.records!.get('matrixRows', 'row--forged') as AchRow;
    expect(stored).toBeDefined();
    // event--e3 rests on a D source here: the basis is what this case says (Low), taken now.
    expect(stored.basis).toEqual(basisOf(forged, listLookup(alice.cases.document!)));
    expect(stored.basis?.proposed).toBe('low');
    // A cell of a hypothesis the matrix does not have is neither shown nor scored: it is not kept.
    expect(Object.keys(stored.ratings).sort()).toEqual([H1, H2]);
    await alice.cases.close();
    await bob.cases.close();
  }, 120_000);
});
