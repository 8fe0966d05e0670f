import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { AchRow, type AchMatrix } from '../../src/shared/domain/ach';
import { contract } from '../../src/shared/ipc/contract';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { exportFile, team } from '../helpers/exchange';
import { plainEvent, plainSource, removeTempDirs, tempDir } from '../helpers/store';

/**
 * Hostile review 17b: the new ACH bounds (≤40 ratings per row, basis support ≤2,000) against
 * rows a case can already hold or that this build itself writes. Each `it` asserts the RIGHT
 * behaviour, so a failure is a defect.
 */
afterAll(removeTempDirs);

const E1 = EXAMPLE.rows[0];

/** A schema-5 case as main (before the bounds) could leave it: 40 hypotheses, and a row that
 * also still holds a cell of a hypothesis since dropped (main's merge kept partners' cells of
 * hypotheses we lacked; the stray-write rule keeps leftovers as "not the writer's doing"). */
function legacyCase() {
  const doc = exampleCase();
  const matrix = doc.matrices[0] as AchMatrix;
  const hypotheses = Array.from({ length: 40 }, (_, i) => ({ id: `hypothesis--k${i}`, statement: `K${i}` }));
  doc.matrices = [{ ...matrix, hypotheses }];
  const row = doc.matrixRows[0] as AchRow;
  const ratings: AchRow['ratings'] = {};
  for (const h of hypotheses) ratings[h.id] = { value: 'C', by: 'alice' };
  ratings['hypothesis--gone'] = { value: 'I', by: 'bob' }; // leftover of a hypothesis removed earlier
  doc.matrixRows = [{ ...row, ratings }, ...doc.matrixRows.slice(1).map((r) => ({ ...r, ratings: {} }))];
  return doc;
}

describe('review17b: a case held before the bounds stays usable', () => {
  it('a row with 40 live cells and one leftover opens (it does)', async () => {
    const t = await team('legacy-open', legacyCase());
    expect(new AchService(t.cases).view(EXAMPLE.matrixId).rows).toHaveLength(4);
    await t.cases.close();
  });

  it("the analyst can still change that row's relevance in the row panel (RowDetails sends {...row, relevance})", async () => {
    const t = await team('legacy-edit', legacyCase());
    const row = new AchService(t.cases).view(EXAMPLE.matrixId).rows.find((r) => r.row.id === E1)!.row;
    // What main's IPC guard does with the renderer's request (src/main/ipc/guard.ts:35).
    const parsed = contract['ach:put-row'].request.safeParse({ row: { ...row, relevance: 'low' } });
    expect(parsed.success ? 'accepted' : parsed.error.issues[0]?.message).toBe('accepted');
    await t.cases.close();
  });

  it('the case can still be sent: a partner can open the .casefile it exports', async () => {
    const alice = await team('legacy-send', legacyCase());
    const bob = await team('legacy-recv');
    const key = (await bob.exchange.publicKey()).ageRecipient;
    const file = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [key] });
    const out = join(tempDir('rev17b'), 'legacy.casefile');
    writeFileSync(out, file.bytes);
    const outcome = await bob.exchange.open(out).then(
      () => 'opened',
      (e: Error) => e.message,
    );
    expect(outcome).toBe('opened');
    await alice.cases.close();
    await bob.cases.close();
  });
});

describe('review17b: a row this build writes is within its own bounds', () => {
  it('a row citing events behind which stand more than 2,000 sources can be added and then edited', async () => {
    const doc = exampleCase();
    // 50 events (the most a row cites), 41 distinct sources each: 2,050 sources behind the row.
    doc.sources = [...doc.sources];
    doc.events = [...doc.events];
    for (let e = 0; e < 50; e++) {
      const citations = [];
      for (let s = 0; s < 41; s++) {
        const id = `source--s${e}x${s}`;
        doc.sources.push(plainSource(id, `Wire report ${e}/${s}`));
        citations.push({ sourceId: id, credibility: 3 });
      }
      doc.events.push(plainEvent(`event--big${e}`, `Big event ${e}`, { marking: 'TLP:CLEAR', citations }));
    }
    const t = await team('support', doc);
    const ach = new AchService(t.cases);
    const added = await ach.putRow({ id: 'row--big', matrixId: EXAMPLE.matrixId, title: 'Many reports', kind: 'evidence', cites: Array.from({ length: 50 }, (_, e) => ({ collection: 'events' as const, id: `event--big${e}` })), relevance: 'medium', ratings: {}, position: 9, marking: 'TLP:CLEAR' });
    expect(added.ok).toBe(true);
    const stored = t.cases.records!.get('matrixRows', 'row--big') as AchRow;
    // What this build stored must satisfy this build's own schema…
    const valid = AchRow.safeParse(stored);
    expect.soft(valid.success ? 'valid' : valid.error.issues[0]?.message).toBe('valid');
    // …and so an edit from the row panel must get through the IPC guard.
    const row = ach.view(EXAMPLE.matrixId).rows.find((r) => r.row.id === 'row--big')!.row;
    const parsed = contract['ach:put-row'].request.safeParse({ row: { ...row, relevance: 'high' } });
    expect(parsed.success ? 'accepted' : parsed.error.issues[0]?.message).toBe('accepted');
    await t.cases.close();
  });
});
