import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { AchRow, MAX_SUPPORT, type AchMatrix } from '../../src/shared/domain/ach';
import { contract } from '../../src/shared/ipc/contract';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { team, type Team } from '../helpers/exchange';
import { plainEvent, plainSource, removeTempDirs } from '../helpers/store';

/**
 * The ACH bounds (≤40 cells a row, basis support ≤2,000) against rows a case already holds from
 * before them, and against rows this build itself writes (hostile review 17b).
 */
afterAll(removeTempDirs);

const E1 = EXAMPLE.rows[0];
const GONE = 'hypothesis--gone';

/** A case as an older build could leave it: 40 hypotheses, and a row that also still holds a cell of a hypothesis since removed. */
function legacyCase() {
  const doc = exampleCase();
  const matrix = doc.matrices[0] as AchMatrix;
  const hypotheses = Array.from({ length: 40 }, (_, i) => ({ id: `hypothesis--k${i}`, statement: `K${i}` }));
  doc.matrices = [{ ...matrix, hypotheses }];
  const row = doc.matrixRows[0] as AchRow;
  const ratings: AchRow['ratings'] = {};
  for (const h of hypotheses) ratings[h.id] = { value: 'C', by: 'alice' };
  ratings[GONE] = { value: 'I', by: 'bob' };
  doc.matrixRows = [{ ...row, ratings }, ...doc.matrixRows.slice(1).map((r) => ({ ...r, ratings: {} }))];
  return doc;
}

const stored = (t: Team, id: string) => t.cases.records!.get('matrixRows', id) as AchRow;
const verdict = (parsed: { success: true } | { success: false; error: { issues: { message: string }[] } }) => (parsed.success ? 'valid' : parsed.error.issues[0]?.message);

async function send(from: Team, to: Team) {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const out = join(mkdtempSync(join(tmpdir(), 'cf-ach-legacy-')), 'sent.casefile');
  await from.exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [key] });
  return to.exchange.open(out);
}

describe('a row saved before the bounds, with a leftover cell of a removed hypothesis', () => {
  it('opens, and its relevance can be changed from the row panel (the edit request passes the IPC guard)', async () => {
    const t = await team('legacy-edit', legacyCase());
    const ach = new AchService(t.cases);
    const row = ach.view(EXAMPLE.matrixId).rows.find((r) => r.row.id === E1)!.row;
    const request = { row: { ...row, relevance: 'low' as const } };
    expect(verdict(contract['ach:put-row'].request.safeParse(request))).toBe('valid');
    expect((await ach.putRow(request.row)).ok).toBe(true);
    await t.cases.close();
  });

  it('the edit drops the leftover cell, keeps every live one, and stores a row its schema accepts; undo brings the leftover back', async () => {
    const t = await team('legacy-strip', legacyCase());
    const ach = new AchService(t.cases);
    const row = stored(t, E1);
    expect((await ach.putRow({ ...row, relevance: 'low' })).ok).toBe(true);
    const after = stored(t, E1);
    expect(after.relevance).toBe('low');
    expect(Object.keys(after.ratings)).toHaveLength(40);
    expect(Object.hasOwn(after.ratings, GONE)).toBe(false);
    expect(verdict(AchRow.safeParse(after))).toBe('valid');
    expect((await t.cases.undo()).ok).toBe(true);
    expect(stored(t, E1).ratings[GONE]).toEqual({ value: 'I', by: 'bob' });
    await t.cases.close();
  });

  it('the case can still be sent: a partner opens its .casefile and the merge drops the leftover cell', async () => {
    const alice = await team('legacy-send', legacyCase());
    const bob = await team('legacy-recv');
    const opened = await send(alice, bob);
    const outcome = await bob.exchange.merge(opened.opened, opened.plan, {});
    expect(outcome.seq).not.toBeNull();
    const row = new AchService(bob.cases).view(EXAMPLE.matrixId).rows.find((r) => r.row.id === E1)!.row;
    expect(Object.keys(row.ratings)).toHaveLength(40);
    expect(Object.hasOwn(row.ratings, GONE)).toBe(false);
    expect(verdict(AchRow.safeParse(row))).toBe('valid');
    await alice.cases.close();
    await bob.cases.close();
  });
});

/** The example case plus `events` events each citing `perEvent` sources of their own. */
function caseWithSources(events: number, perEvent: number) {
  const doc = exampleCase();
  doc.sources = [...doc.sources];
  doc.events = [...doc.events];
  for (let e = 0; e < events; e++) {
    const citations = [];
    for (let s = 0; s < perEvent; s++) {
      const id = `source--s${e}x${s}`;
      doc.sources.push(plainSource(id, `Wire report ${e}/${s}`));
      citations.push({ sourceId: id, credibility: 3 });
    }
    doc.events.push(plainEvent(`event--big${e}`, `Big event ${e}`, { marking: 'TLP:CLEAR', citations }));
  }
  return doc;
}

const bigRow = (events: number): AchRow => ({ id: 'row--big', matrixId: EXAMPLE.matrixId, title: 'Many reports', kind: 'evidence', cites: Array.from({ length: events }, (_, e) => ({ collection: 'events' as const, id: `event--big${e}` })), relevance: 'medium', ratings: {}, position: 9, marking: 'TLP:CLEAR' });

describe('a row this build writes is within its own bounds', () => {
  it('a row citing 50 events with 2,050 sources behind them is stored valid, unflagged, and can be edited again', async () => {
    const t = await team('support', caseWithSources(50, 41));
    const ach = new AchService(t.cases);
    expect((await ach.putRow(bigRow(50))).ok).toBe(true);
    const row = stored(t, 'row--big');
    expect(verdict(AchRow.safeParse(row))).toBe('valid');
    expect(Object.keys(row.basis!.support)).toHaveLength(MAX_SUPPORT);
    expect(row.basis!.unlisted).toBe(50);
    const shown = ach.view(EXAMPLE.matrixId).rows.find((r) => r.row.id === 'row--big')!;
    expect(shown.status.flags).toEqual([]);
    expect(shown.status.support).toHaveLength(2_050);
    const edit = { row: { ...shown.row, relevance: 'high' as const } };
    expect(verdict(contract['ach:put-row'].request.safeParse(edit))).toBe('valid');
    expect((await ach.putRow(edit.row)).ok).toBe(true);
    await t.cases.close();
  });

  it('whatever the number of sources behind its cites, every row putRow stores validates against AchRow', async () => {
    for (const [events, perEvent] of [[1, 0], [40, 50], [50, 40], [41, 49], [50, 41], [50, 60]] as const) {
      const t = await team(`support-${events}x${perEvent}`, caseWithSources(events, perEvent));
      expect((await new AchService(t.cases).putRow(bigRow(events))).ok).toBe(true);
      expect([events * perEvent, verdict(AchRow.safeParse(stored(t, 'row--big')))]).toEqual([events * perEvent, 'valid']);
      await t.cases.close();
    }
  });
});
