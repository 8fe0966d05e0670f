import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { appPaths } from '../../src/main/services/app-paths';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { ok } from '../helpers/exchange';
import { runCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir } from '../helpers/store';
import { cannotMountTmpfs, fillDisk, mountTmpfs } from '../helpers/tmpfs';

/**
 * An export that fails half way (a genuinely full disk) must leave no partial file behind, so
 * the analyst never hands one over and the retry is not refused with "exists already".
 */
afterAll(removeTempDirs);

const cannotMount = cannotMountTmpfs();
if (cannotMount) console.warn(`skipping the full-disk export tests: ${cannotMount}`);

let services: AppServices;
let casePath: string;

beforeAll(async () => {
  const home = tempDir('export-home');
  services = createAppServices({
    paths: appPaths(home),
    version: 'test',
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    isTrustedSender: () => true,
  });
  casePath = join(home, 'case.cfcase');
  ok(await services.cases.create(casePath, PASSPHRASE, smallCase(300, 10, 'Export case')));
});

afterAll(async () => {
  await services.cases.close();
});

function onlyFilesBut(dir: string, keep: string): string[] {
  return readdirSync(dir).filter((name) => name !== keep);
}

describe('an export that fails half way', () => {
  it.skipIf(cannotMount !== null)('in the app: leaves no file, and the retry writes a whole file that opens', async () => {
    const { dir, unmount } = mountTmpfs('256k');
    try {
      const out = join(dir, 'to-partner.casefile');
      const request = { path: out, maxMarking: 'TLP:RED' as const, recipients: [], includeSelf: true };
      const free = fillDisk(join(dir, 'filler'), 16 * 1024);
      const failed = await services.dispatch('exchange:export', request, { origin: 'test' });
      expect(onlyFilesBut(dir, 'filler')).toEqual([]);
      expect(failed).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      expect(!failed.ok && failed.error.message).toContain(out);
      free();

      const retried = await services.dispatch('exchange:export', request, { origin: 'test' });
      expect(retried).toMatchObject({ ok: true });
      const written = new Uint8Array(readFileSync(out));
      expect(written.length).toBeGreaterThan(16 * 1024);
      const { opened } = await new ExchangeService(services.cases, 'me').open(written);
      expect(opened.payload.records.events).toHaveLength(300);
      // The failed attempt's number (1) is skipped, never reused: receivers only compare numbers.
      expect(opened.manifest.sequence).toBe(2);
      expect(retried).toMatchObject({ ok: true, value: { path: out, sequence: 2 } });

      // An existing file is still never replaced.
      const again = await services.dispatch('exchange:export', request, { origin: 'test' });
      expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
      expect(new Uint8Array(readFileSync(out))).toEqual(written);
      expect(onlyFilesBut(dir, 'to-partner.casefile')).toEqual([]);
    } finally {
      unmount();
    }
  });

  it.skipIf(cannotMount !== null)('with the CLI: leaves no partial .casefile or STIX bundle, and the retry writes a whole one', async () => {
    ok(await services.cases.close());
    const { dir, unmount } = mountTmpfs('2m');
    try {
      const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
      const recipient = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
      const free = fillDisk(join(dir, 'filler'), 16 * 1024);
      const out = join(dir, 'export.casefile');
      const failed = await runCli(['export', casePath, '--format', 'casefile', '--out', out, '--recipient', recipient], env);
      expect(failed.code).not.toBe(0);
      expect(existsSync(out)).toBe(false);
      const bundle = join(dir, 'export.json');
      const stix = await runCli(['export', casePath, '--format', 'stix', '--out', bundle], env);
      expect(stix.code).not.toBe(0);
      expect(existsSync(bundle)).toBe(false);
      expect(onlyFilesBut(dir, 'filler')).toEqual([]);
      free();

      const retried = await runCli(['export', casePath, '--format', 'casefile', '--out', out, '--recipient', recipient], env);
      // Progress lines (opening, exporting to …) may come on stderr; no error may.
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stderr).not.toMatch(/error|fail|not written|no space/i);
      expect((await runCli(['export', casePath, '--format', 'stix', '--out', bundle], env)).code).toBe(0);
      expect(JSON.parse(readFileSync(bundle, 'utf8'))).toMatchObject({ type: 'bundle' });
      expect(readFileSync(out).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    } finally {
      unmount();
      ok(await services.cases.open(casePath, { passphrase: PASSPHRASE }));
    }
  }, 240_000);
});
