import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseStore } from '../../src/main/store/case-store';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { exampleCase } from '../helpers/ach';
import { runCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
const demo = join(tempDir('ach-cli'), 'demo.cfcase');
const QUESTION = 'Who directed the March 2024 attack on the Moscow concert hall?';

interface ShownMatrix {
  question: string;
  hypotheses: Array<{ id: string; label: string; statement: string; inconsistency: number; consistency: number }>;
  rows: Array<{ id: string; marking: string; cites: Array<{ collection: string; id: string; claimId?: string }>; weight: number; diagnosticity: number; ratings: Array<{ hypothesisId: string; value: string }>; flags: string[] }>;
  lead: { id: string; statement: string } | null;
  sensitivity: Array<{ rowId: string; removal: unknown; reversal: unknown }>;
  withheld: number;
}

describe('casefile ach', () => {
  beforeAll(async () => {
    const store = await CaseStore.create(demo, PASSPHRASE, buildDemoCase('2024-06-01T00:00:00.000Z'));
    await store.close();
  }, 60_000);

  it('lists the matrices, and shows one by its question with every score as JSON', async () => {
    const list = await runCli(['ach', 'list', demo, '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({ matrices: [{ id: 'matrix--moscow-2024-who-directed', question: QUESTION, marking: 'TLP:GREEN', hypotheses: 5, rows: 14, flagged: 0, lead: expect.any(String) }] });

    const show = await runCli(['ach', 'show', demo, '--matrix', QUESTION.toUpperCase(), '--json'], env);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as ShownMatrix;
    expect(shown.question).toBe(QUESTION);
    expect(shown.hypotheses).toHaveLength(5);
    expect(shown.rows).toHaveLength(14);
    // Every score is there and agrees with the rows: inconsistency = Σ weight × |min(0, value)|.
    const values: Record<string, number> = { CC: 2, C: 1, N: 0, I: -1, II: -2 };
    for (const h of shown.hypotheses) {
      const sum = shown.rows.reduce((total, row) => {
        const rating = row.ratings.find((r) => r.hypothesisId === h.id);
        return total + (rating && rating.value !== 'NA' ? row.weight * Math.max(0, -(values[rating.value] ?? 0)) : 0);
      }, 0);
      expect(h.inconsistency, h.label).toBe(sum);
    }
    const least = Math.min(...shown.hypotheses.map((h) => h.inconsistency));
    expect(shown.hypotheses.find((h) => h.id === shown.lead?.id)?.inconsistency).toBe(least);
    expect(shown.rows.flatMap((r) => r.cites).some((c) => c.collection === 'events' && c.claimId)).toBe(true);
    expect(shown.rows.every((r) => r.flags.length === 0)).toBe(true);
    expect(shown.sensitivity.length).toBeGreaterThan(0);
  }, 120_000);

  it('cuts at --max-marking, and says what to do when no matrix matches', async () => {
    const green = JSON.parse((await runCli(['ach', 'show', demo, '--matrix', 'matrix--moscow-2024-who-directed', '--json', '--max-marking', 'TLP:GREEN'], env)).stdout) as ShownMatrix;
    expect(green.withheld).toBe(1);
    expect(green.rows.every((r) => r.marking !== 'TLP:AMBER')).toBe(true);
    const missing = await runCli(['ach', 'show', demo, '--matrix', 'no such question'], env);
    expect(missing.code).toBe(EXIT_CODES.VALIDATION);
    expect(missing.stderr).toContain('casefile ach list');
  }, 120_000);

  it('at --max-marking, a matrix marked above it answers exactly as a matrix that does not exist', async () => {
    const question = 'Is informant SECRET-NAME in the cell?';
    const doc = exampleCase();
    doc.matrices.push({ id: 'matrix--amber', title: question, hypotheses: [], marking: 'TLP:AMBER' });
    const withAmber = join(tempDir('ach-cli-amber'), 'c.cfcase');
    await (await CaseStore.create(withAmber, PASSPHRASE, doc)).close();
    const without = join(tempDir('ach-cli-none'), 'c.cfcase');
    await (await CaseStore.create(without, PASSPHRASE, exampleCase())).close();
    // What a reader sees, the store's path and its reading progress (which varies with its size) aside.
    const at = async (path: string, ...args: string[]) => {
      const r = await runCli(['ach', ...args.slice(0, 1), path, ...args.slice(1), '--max-marking', 'TLP:GREEN'], env);
      const stderr = r.stderr.split('\n').filter((l) => !l.startsWith('opening ')).join('\n').replaceAll(path, 'CASE');
      return { code: r.code, stdout: r.stdout, stderr };
    };
    for (const wanted of [question, 'matrix--amber']) {
      const above = await at(withAmber, 'show', '--matrix', wanted);
      const absent = await at(without, 'show', '--matrix', wanted);
      expect(above.code).toBe(EXIT_CODES.VALIDATION);
      expect(above).toEqual(absent);
      expect(above.stderr).not.toContain('AMBER');
    }
    for (const json of [[], ['--json']]) {
      const above = await at(withAmber, 'list', ...json);
      const absent = await at(without, 'list', ...json);
      expect(above).toEqual(absent);
      expect(above.stdout).not.toContain('SECRET');
    }
  }, 120_000);
});
