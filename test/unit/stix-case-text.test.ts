import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { runCli } from '../helpers/run-cli';
import { newCase, PASSPHRASE, plainEvent, removeTempDirs, tempDir } from '../helpers/store';

/**
 * The case's own description carries no marking of its own: it is read as marked at the case's
 * default marking, and a STIX bundle capped below that leaves it out.
 */
afterAll(removeTempDirs);

describe('casefile export --format stix and the case description', () => {
  it('leaves the description out above the cap, and keeps it within', async () => {
    const dir = tempDir('stix-case-text');
    const store = join(dir, 'x.cfcase');
    const doc = { ...newCase('Described'), description: 'Liaison tip: the Peshawar cell meets at the madrasa', defaultMarking: 'TLP:AMBER' as const };
    doc.events.push(plainEvent('event--green', 'Checkpoint attack', { marking: 'TLP:GREEN' }));
    await (await CaseStore.create(store, PASSPHRASE, doc)).close();
    const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
    for (const [cap, kept] of [['TLP:GREEN', false], ['TLP:AMBER', true]] as const) {
      const out = join(dir, `${cap}.json`);
      const run = await runCli(['export', store, '--format', 'stix', '--max-marking', cap, '--out', out], env);
      expect(run.code, run.stderr).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('Checkpoint attack');
      expect(text.includes('Peshawar cell'), cap).toBe(kept);
    }
  }, 60_000);
});
