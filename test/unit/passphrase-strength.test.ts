import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/app-services';
import { DEMO_PASSPHRASE } from '../../src/main/demo/isk-case';
import { appPaths } from '../../src/main/services/app-paths';
import { describeStrength, passphraseStrength, weakPassphraseRefusal } from '../../src/main/services/passphrase-strength';

/** The passphrase-strength wrapper (zxcvbn-ts) and main's refusal of weak passphrases nobody confirmed. */

const STRONG = 'tangerine ledger orbit cavalry';

describe('passphrase strength', () => {
  it('calls a common password very weak, and says why and what to do', async () => {
    const strength = await passphraseStrength('password1', 'case');
    expect(strength).toMatchObject({ score: 0, weak: true, exempt: false, label: 'very weak' });
    expect(strength.warning).toMatch(/commonly used/i);
    expect(strength.suggestions.length).toBeGreaterThan(0);
    const text = describeStrength(strength);
    expect(text).toContain('very weak (0 of 4)');
    expect(text).toMatch(/commonly used/i);
    expect(text).toMatch(/Time to guess it from a stolen copy of the file: .*second/);
  });

  it('counts what the analyst typed nearby: a passphrase made of the case name is weak', async () => {
    const alone = await passphraseStrength('Kunduz cell finances', 'case');
    const named = await passphraseStrength('Kunduz cell finances', 'case', { context: ['Kunduz cell finances'] });
    expect(alone.weak).toBe(false);
    expect(named.weak).toBe(true);
  });

  it('calls four unrelated words strong, with nothing to warn about', async () => {
    const strength = await passphraseStrength(STRONG, 'exchange');
    expect(strength.score).toBeGreaterThanOrEqual(3);
    expect(strength).toMatchObject({ weak: false, exempt: false, warning: null });
  });

  it('exempts the demo passphrase on a new demo case only; anywhere else it is the first guess', async () => {
    expect(await passphraseStrength(DEMO_PASSPHRASE, 'case', { demo: true })).toMatchObject({ exempt: true, weak: false, warning: null });
    const ownCase = await passphraseStrength(DEMO_PASSPHRASE, 'case', { demo: false });
    expect(ownCase).toMatchObject({ exempt: false, weak: true, score: 0 });
    expect(ownCase.warning).toMatch(/demo case’s published passphrase/);
    expect(await passphraseStrength(DEMO_PASSPHRASE, 'exchange', { demo: true })).toMatchObject({ exempt: false, weak: true });
  });

  it('refuses a weak passphrase unless the analyst confirmed it; a strong one passes', async () => {
    expect(await weakPassphraseRefusal('Summer2024!', 'case', { allowed: false })).toMatch(/^That passphrase is weak\. Passphrase strength: \w+ \(\d of 4\)\..*use it anyway\.$/);
    expect(await weakPassphraseRefusal('Summer2024!', 'case', { allowed: true })).toBeNull();
    expect(await weakPassphraseRefusal(STRONG, 'case', { allowed: false })).toBeNull();
    expect(await weakPassphraseRefusal(DEMO_PASSPHRASE, 'case', { demo: true, allowed: false })).toBeNull();
  });
});

describe('main refuses weak passphrases nobody confirmed', () => {
  function services() {
    const home = mkdtempSync(join(tmpdir(), 'cf-passphrase-'));
    const app = createAppServices({
      paths: appPaths(home),
      version: 'test',
      host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
      isTrustedSender: () => true,
    });
    return { app, home };
  }
  const origin = 'http://127.0.0.1:1';

  it('answers passphrase:strength without an open case', async () => {
    const { app } = services();
    const result = await app.dispatch('passphrase:strength', { passphrase: 'password1', use: 'case' }, { origin, caseGeneration: 7 });
    expect(result).toMatchObject({ ok: true, value: { score: 0, weak: true } });
  });

  it('case:create refuses a weak passphrase (nothing is written), and creates the case once it is confirmed', async () => {
    const { app, home } = services();
    const path = join(home, 'weak.cfcase');
    const refused = await app.dispatch('case:create', { name: 'Weak', passphrase: 'Summer2024!', demo: false, path }, { origin });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!refused.ok && refused.error.message).toMatch(/weak.*use it anyway/);
    expect(existsSync(path)).toBe(false);
    const confirmed = await app.dispatch('case:create', { name: 'Weak', passphrase: 'Summer2024!', demo: false, path, allowWeakPassphrase: true }, { origin });
    expect(confirmed).toMatchObject({ ok: true });
    expect(existsSync(path)).toBe(true);
  });

  it('case:create accepts the demo passphrase for a demo case without confirmation', async () => {
    const { app, home } = services();
    const created = await app.dispatch('case:create', { name: 'Demo', passphrase: DEMO_PASSPHRASE, demo: true, path: join(home, 'demo.cfcase') }, { origin });
    expect(created).toMatchObject({ ok: true });
  });
});
