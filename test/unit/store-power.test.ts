import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefix } from '../../src/main/store/journal';
import { PowerLossFileSystem, SECTOR, seededRandom } from '../helpers/power-fs';
import { POWER_TUNING, prepareTemplates, runPowerSeed, type CutFailure } from '../helpers/power-cuts';
import { newCase, PASSPHRASE, plainEvent, removeTempDirs, tempDir, tempFilesIn } from '../helpers/store';

/**
 * Simulated power loss (issue 15.1). The double (test/helpers/power-fs.ts) keeps what was fsynced
 * and lets everything else survive whole, vanish or tear at 512-byte sectors; the seeded runs
 * (test/helpers/power-cuts.ts) cut commits, imports, folds, attachment adds, a migration and
 * exports at random disk operations and check what reopens. `npm run soak -- power` runs
 * thousands; POWER_SEED=<n> reruns one seed here.
 */
afterAll(removeTempDirs);

const SEEDS = process.env['POWER_SEED'] ? [Number(process.env['POWER_SEED'])] : Array.from({ length: 28 }, (_, i) => i + 1);

describe('the power-loss double', () => {
  it('keeps what was synced, and lets unsynced data and names vanish, survive or tear', async () => {
    const seen = { dataLost: 0, dataKept: 0, torn: 0, nameLost: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      const dir = tempDir('power-double');
      const fs = await PowerLossFileSystem.attach(dir);
      const synced = await fs.createExclusive(join(dir, 'synced'));
      await synced.write(Buffer.alloc(3 * SECTOR, 1));
      await synced.sync();
      await fs.syncDir(dir);
      await synced.write(Buffer.alloc(4 * SECTOR, 2));
      const fresh = await fs.createExclusive(join(dir, 'fresh'));
      await fresh.write(Buffer.from('never synced'));
      const image = fs.crashImage(seededRandom(seed));
      const file = image.files.get('synced')!;
      // What fsync and the folder's fsync made durable is always there, whatever the cut.
      expect(file.subarray(0, 3 * SECTOR).equals(Buffer.alloc(3 * SECTOR, 1))).toBe(true);
      const tail = file.subarray(3 * SECTOR);
      if (tail.length === 0) seen.dataLost++;
      else if (tail.equals(Buffer.alloc(4 * SECTOR, 2))) seen.dataKept++;
      else seen.torn++;
      if (!image.files.has('fresh')) seen.nameLost++;
      await synced.close();
      await fresh.close();
    }
    expect(seen.dataLost).toBeGreaterThan(0);
    expect(seen.dataKept).toBeGreaterThan(0);
    expect(seen.torn).toBeGreaterThan(0);
    expect(seen.nameLost).toBeGreaterThan(0);
  });
});

describe('after a power cut', () => {
  it('a fresh journal whose first append tore (its first sector lost, later ones kept) opens without the append', async () => {
    // Found by the power cut runs (seed 13, cut 49): a fold left an empty journal, the next edit
    // was journaled in several frames, and the cut kept some of its sectors but not the first.
    // The damaged frame's seq field read as 0, so the entry's own later frames looked like
    // "later edits" and the case was refused as altered.
    const path = join(tempDir('power-torn-first'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase(), { tuning: POWER_TUNING });
    const events = Array.from({ length: 30 }, (_, i) => plainEvent(`event--torn-${i}`, `torn ${i}`));
    await store.commit((_, seq) => ({ seq, at: new Date().toISOString(), by: 't', summary: 'import', kind: 'import', changes: events.map((e) => ({ op: 'put' as const, collection: 'events' as const, id: e.id, before: null, after: e })) }));
    await store.close();
    const journal = readFileSync(journalPathOf(path));
    const start = journalPrefix(store.document.id).length;
    expect(journal.length).toBeGreaterThan(4 * SECTOR);
    // The sector holding the first frame's head never reached the disk (reads back as zeros).
    journal.fill(0, start, SECTOR);
    writeFileSync(journalPathOf(path), journal);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.report.discardedTornTail).toBe(true);
    expect(reopened.sequence).toBe(0);
    expect(reopened.records.get('events', 'event--torn-0')).toBeUndefined();
    await reopened.close();
  });

  it('temp files of the exchange keys are swept when the case opens', async () => {
    // Found by the power cut runs (seed 2): a cut inside a keys update leaves its temp file.
    const dir = tempDir('power-keys-temp');
    const path = join(dir, 'case.cfcase');
    await (await CaseStore.create(path, PASSPHRASE, newCase())).close();
    await writeFile(join(dir, '.case.cfcase.keys.0123456789ab.tmp'), 'half a keys file');
    await mkdir(join(dir, 'keep'), { recursive: true });
    await writeFile(join(dir, '.other.cfcase.keys.0123456789ab.tmp'), 'another case’s');
    await (await CaseStore.open(path, { passphrase: PASSPHRASE })).close();
    expect(tempFilesIn(dir)).toEqual(['.other.cfcase.keys.0123456789ab.tmp']);
  });

  it(
    `seeded runs cut at random disk operations: the case opens with every acknowledged edit and nothing else (${SEEDS.length} seeds)`,
    async () => {
      const scratch = tempDir('power');
      const templates = await prepareTemplates(join(scratch, 'templates'));
      let cuts = 0;
      let lost = 0;
      let failedOpens = 0;
      const failures: CutFailure[] = [];
      for (const seed of SEEDS) {
        const run = await runPowerSeed(seed, templates, scratch);
        cuts += run.cuts;
        lost += run.lostAcknowledged;
        failedOpens += run.failedOpens;
        failures.push(...run.failures);
      }
      const report = failures.slice(0, 5).map((f) => `seed ${f.seed} (rerun: POWER_SEED=${f.seed}), cut ${f.cut} before "${f.at}": ${f.problems.join('; ')}`);
      console.info(`power cuts: ${cuts} cuts, ${lost} acknowledged edits lost, ${failedOpens} failed opens, ${failures.length} failing cuts`);
      expect(report).toEqual([]);
      expect(lost).toBe(0);
      expect(failedOpens).toBe(0);
      if (SEEDS.length > 1) expect(cuts).toBeGreaterThanOrEqual(200);
    },
    120_000,
  );
});
