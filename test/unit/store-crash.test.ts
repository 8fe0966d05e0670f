import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore } from '../../src/main/store/case-store';
import { crashTrial, kill, newAcknowledged, startWriter } from '../helpers/crash-loop';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * kill -9 at random moments while a child process commits edits and imports, adds files to the
 * blob folder and folds into a segmented snapshot (small segments, so a fold writes dozens):
 * after every kill the store must open, every acknowledged edit, import and file must be there,
 * and no temp file may be left. One case is used throughout, so its state accumulates.
 * `npm run soak -- crash --trials 1000` runs the same trial a thousand times.
 */
afterAll(removeTempDirs);

const ITERATIONS = 18;
const BUDGET_MS = 150_000;
const SEGMENT_BYTES = 64 * 1024;
const PART_BYTES = 4 * 1024;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

describe('kill -9 while saving', () => {
  it(
    'loses no acknowledged edit, import or file, and always leaves a store that opens',
    async () => {
      const dir = tempDir('crash');
      const path = join(dir, 'case.cfcase');
      // A case big enough that folds take a while, so kills land inside them too.
      const seeded = await CaseStore.create(path, PASSPHRASE, generateCase({ events: 3000, actors: 300 }), { tuning: { segmentBytes: SEGMENT_BYTES } });
      const dataKey = seeded.exportDataKey();
      await seeded.close();

      const acked = newAcknowledged();
      const landed = { append: 0, fold: 0, attach: 0 };
      let foldsSeen = 0;
      const problems: string[] = [];
      const started = Date.now();
      let iteration = 0;
      for (; iteration < ITERATIONS && Date.now() - started < BUDGET_MS; iteration++) {
        const trial = await crashTrial({ path, dataKey, index: iteration, segmentBytes: SEGMENT_BYTES, partBytes: PART_BYTES }, acked);
        landed[trial.landed]++;
        foldsSeen += trial.folds;
        problems.push(...trial.problems.map((p) => `iteration ${iteration} (kill in ${trial.landed}): ${p}`));
      }

      console.info(
        `kill -9 loop: ${iteration} kills (${landed.append} in appends, ${landed.fold} inside folds, ${landed.attach} inside file adds), ` +
          `${acked.edits.size} edits, ${acked.imports.size} imports and ${acked.attachments.size} files acknowledged, ${foldsSeen} completed folds`,
      );
      expect(problems).toEqual([]);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(readdirSync(blobsPathOf(path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(iteration).toBeGreaterThanOrEqual(15);
      expect(acked.edits.size).toBeGreaterThan(50);
      expect(acked.imports.size).toBeGreaterThan(0);
      expect(acked.attachments.size).toBeGreaterThan(0);
      expect(landed.fold).toBeGreaterThan(0);
      expect(landed.attach).toBeGreaterThan(0);
      expect(foldsSeen).toBeGreaterThan(0);
    },
    BUDGET_MS + 60_000,
  );

  it(
    'a kill during the initial create leaves either no case or a whole one, and never blocks a retry',
    async () => {
      const outcomes = { absent: 0, whole: 0 };
      for (let i = 0; i < 5; i++) {
        const dir = tempDir('crash-create');
        const path = join(dir, 'case.cfcase');
        const writer = startWriter({ CRASH_MODE: 'create', CRASH_STORE: path, CRASH_PASSPHRASE: PASSPHRASE, CRASH_SEED_EVENTS: '20000', CRASH_SEGMENT_BYTES: String(SEGMENT_BYTES) });
        await writer.waitFor((line) => line === 'writing');
        await sleep(randomBetween(0, 60));
        await kill(writer);

        if (!existsSync(path)) {
          outcomes.absent++;
          await expect(CaseStore.open(path, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
          // Leftover temp files and the dead writer's lock do not stand in the way of a new try.
          const retry = await CaseStore.create(path, PASSPHRASE, generateCase({ events: 10, actors: 2 }));
          await retry.close();
        } else {
          outcomes.whole++;
          const store = await CaseStore.open(path, { passphrase: PASSPHRASE });
          expect(store.document.events).toHaveLength(20000);
          expect(store.sequence).toBe(0);
          await store.close();
        }
      }
      console.info(`kill -9 during create: ${outcomes.absent} left no case, ${outcomes.whole} left a whole case`);
    },
    120_000,
  );
});
