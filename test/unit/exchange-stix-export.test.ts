import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { createDispatch } from '../../src/main/ipc/guard';
import { createHandlers } from '../../src/main/ipc/handlers';
import { appPaths } from '../../src/main/services/app-paths';
import { AttachmentService } from '../../src/main/services/attachment-service';
import { CaseService } from '../../src/main/services/case-service';
import { RecentCases } from '../../src/main/services/recent-cases';
import { isWithinMarking } from '../../src/shared/domain/marking';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);
const trusted = { origin: 'http://127.0.0.1:1234' };

describe('exchange:export-stix: the Exchange view writes a STIX 2.1 bundle with the file export’s cut', () => {
  it('leaves out every record above the marking (the same left-out list as exchange:preview), and never writes over a file or the case', async () => {
    const dir = tempDir('stix-export');
    const casePath = join(dir, 'c.cfcase');
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(casePath, PASSPHRASE, buildDemoCase('2025-06-01T00:00:00.000Z'))).ok).toBe(true);
    const paths = appPaths(mkdtempSync(join(tmpdir(), 'cf-stix-export-')));
    const dispatch = createDispatch(
      createHandlers({ cases, attachments: new AttachmentService(cases), recent: new RecentCases(paths.recentFile, paths.demoCase), paths, host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null }, version: '0', grantedPaths: new Set<string>() }),
      () => true,
    );
    const doc = cases.document!;
    const above = doc.events.filter((e) => !isWithinMarking(e.marking, 'TLP:GREEN'));
    expect(above.length).toBeGreaterThan(0);

    const out = join(dir, 'case.stix.json');
    const preview = await dispatch('exchange:preview', { maxMarking: 'TLP:GREEN' }, trusted);
    const written = await dispatch('exchange:export-stix', { path: out, maxMarking: 'TLP:GREEN' }, trusted);
    if (!written.ok || !preview.ok) throw new Error(JSON.stringify(written));
    const w = written.value as { objects: number; counts: Record<string, number>; leftOut: number };
    const p = preview.value as { leftOut: unknown[] };
    expect(w.leftOut).toBe(p.leftOut.length);
    const text = readFileSync(out, 'utf8');
    const bundle = JSON.parse(text) as { type: string; objects: Array<{ type: string; x_casefile_id?: string }> };
    expect(bundle.type).toBe('bundle');
    expect(w.objects).toBe(bundle.objects.length);
    expect(bundle.objects.filter((o) => o.type === 'incident').length).toBe(w.counts['events']);
    // Nothing above TLP:GREEN: not as an object, not as text anywhere in the bundle.
    for (const event of above) {
      expect(text).not.toContain(event.id);
      expect(text).not.toContain(JSON.stringify(event.title).slice(1, -1));
    }

    // An existing file is not replaced, and the case file is never a target.
    writeFileSync(join(dir, 'taken.json'), 'mine');
    const again = await dispatch('exchange:export-stix', { path: join(dir, 'taken.json'), maxMarking: 'TLP:GREEN' }, trusted);
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    expect(readFileSync(join(dir, 'taken.json'), 'utf8')).toBe('mine');
    const overCase = await dispatch('exchange:export-stix', { path: casePath, maxMarking: 'TLP:GREEN' }, trusted);
    expect(overCase.ok).toBe(false);
    await cases.close();
  }, 60_000);
});
