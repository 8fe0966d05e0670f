import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the views let go of a case that is closed', () => {
  it('hold no reference to a closed case’s records (a million-event case must not stay in memory after it closes)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casefile-views-release-'));
    dirs.push(dir);
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    const views = new CaseViews(cases);
    expect((await cases.create(join(dir, 'a.cfcase'), 'a passphrase for the test', generateCase({ events: 2_000, actors: 50 }))).ok).toBe(true);
    // Every view's caches filled, as an analyst looking around would; nothing of the case kept here but a weak reference.
    const look = async (): Promise<WeakRef<object>> => {
      const doc = cases.document!;
      await views.timeline.summary(doc, { filter: { maxMarking: 'TLP:AMBER' }, grouping: 'perpetrator' });
      await views.timeline.window(doc, { filter: {}, grouping: 'category' }, Date.UTC(2010, 0, 1), Date.UTC(2030, 0, 1));
      await views.analytics.charts(doc, { countries: ['AF'] }, DEFAULT_CHART_SETTINGS);
      await views.analytics.map(doc, {}, 'af-pk', 'spread');
      views.actors.list(doc, () => undefined, {});
      await views.data.warm(doc);
      return new WeakRef(doc.events[0]!);
    };
    const events = await look();

    expect((await cases.close()).ok).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    expect(events.deref(), 'an event of the closed case is still reachable').toBeUndefined();
  });
});
