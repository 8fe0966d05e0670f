import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/app-services';
import { appPaths } from '../../src/main/services/app-paths';
import { CaseService } from '../../src/main/services/case-service';
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system';
import type { OpenCase } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/ipc/result';
import { newCase, plainEvent } from '../helpers/store';

/**
 * Two windows of one host (two browser tabs on the browser host) share one open case. A window
 * acts only on the opening of a case it shows: after another window opens or closes a case, its
 * calls are refused instead of landing in the other case; opens and closes take turns.
 */
function services() {
  const home = mkdtempSync(join(tmpdir(), 'cf-windows-'));
  const pushed: Array<{ name: string; payload: unknown }> = [];
  const app = createAppServices({
    paths: appPaths(home),
    version: 'test',
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    isTrustedSender: () => true,
  });
  app.subscribe((name, payload) => pushed.push({ name, payload }));
  return { app, home, pushed };
}

const origin = 'http://127.0.0.1:1';
const PASS = 'correct horse battery staple';

function open(result: Result<unknown>): OpenCase {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as OpenCase;
}

describe('two windows of one host', () => {
  it('a window whose case another window replaced is refused, and nothing lands in the other case', async () => {
    const { app, home, pushed } = services();
    const a = open(await app.dispatch('case:create', { name: 'Case A', passphrase: PASS, demo: false, path: join(home, 'a.cfcase') }, { origin }));
    const windowOne = { origin, caseGeneration: a.generation };
    const b = open(await app.dispatch('case:create', { name: 'Case B', passphrase: PASS, demo: false, path: join(home, 'b.cfcase') }, { origin }));
    const windowTwo = { origin, caseGeneration: b.generation };
    expect(b.generation).not.toBe(a.generation);
    expect(pushed.filter((p) => p.name === 'case:opened').at(-1)?.payload).toEqual({ generation: b.generation });

    const stale = await app.dispatch('records:put', { collection: 'events', record: plainEvent('event--one', 'Meant for case A') }, windowOne);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!stale.ok && stale.error.message).toMatch(/no longer the one open/);
    expect(app.cases.document!.events).toEqual([]);
    // Reading what is open is still allowed, so the window can catch up.
    expect(await app.dispatch('case:status', {}, windowOne)).toMatchObject({ ok: true, value: { open: { generation: b.generation, name: 'Case B' } } });
    expect(await app.dispatch('records:put', { collection: 'events', record: plainEvent('event--two', 'Meant for case B') }, windowTwo)).toMatchObject({ ok: true });
    // Closing through a stale window would close the other window's case: refused too.
    expect(await app.dispatch('case:close', {}, windowOne)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(app.cases.isOpen).toBe(true);
    await app.cases.close();
  });

  it('two windows opening cases at once take turns: one case is open, and no other is left locked', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cf-windows-'));
    // Saving is slow here (a slow disk), so both opens finish while the case they leave is still closing.
    const slow: FileSystem = { ...nodeFileSystem, syncDir: async (path) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return nodeFileSystem.syncDir(path);
    } };
    const cases = new CaseService({ user: 'host', foldAfterIdleMs: 2 ** 31 - 1, fs: slow });
    const paths = ['c', 'd', 'e'].map((n) => join(home, `${n}.cfcase`));
    for (const path of paths) {
      const made = await cases.create(path, PASS, newCase(path));
      if (!made.ok) throw new Error(made.error.message);
    }
    // e is open, with an edit (closing it folds), when two windows switch to c and d at once.
    await cases.put({ collection: 'events', record: plainEvent('event--e', 'An edit in e') });
    const [first, second] = await Promise.all([cases.open(paths[0]!, { passphrase: PASS }), cases.open(paths[1]!, { passphrase: PASS })]);
    expect(first.ok && second.ok).toBe(true);
    const openPath = cases.path;
    for (const path of paths) expect(existsSync(`${path}.lock`), path).toBe(path === openPath);
    await cases.close();
    for (const path of paths) expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
