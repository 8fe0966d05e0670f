import { afterAll, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { exchangeHandlers } from '../../src/main/ipc/handlers/exchange';
import { ANSWER_LIMIT_CHARS } from '../../src/shared/ipc/bounds';
import { exportFile, ok, team } from '../helpers/exchange';
import { removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

const EVENTS = 20_000;

it(`the review of a ${EVENTS}-event file stays within the answer bound, and its lists come a page at a time`, async () => {
  const alice = await team('alice-review-pages', generateCase({ events: EVENTS, actors: 500 }));
  const bob = await team('bob-review-pages');
  const { path } = await exportFile(alice.exchange, { maxMarking: 'TLP:RED', recipients: [(await bob.exchange.publicKey()).ageRecipient] });
  const handlers = exchangeHandlers({ cases: bob.cases, host: { allowsTypedPaths: true }, grantedPaths: new Set<string>() } as unknown as HandlerContext);
  const review = ok(await handlers['exchange:open']({ path }));
  expect(JSON.stringify(review).length).toBeLessThan(ANSWER_LIMIT_CHARS);
  expect(review.totals.added).toBeGreaterThan(EVENTS);
  // Every entry can be reached, a bounded page at a time, and none twice.
  const seen = new Set<string>();
  for (let offset = 0; offset < review.totals.added; ) {
    const page = ok(await handlers['exchange:review-page']({ token: review.token, list: 'added', offset }));
    expect(page.total).toBe(review.totals.added);
    expect(JSON.stringify(page).length).toBeLessThan(ANSWER_LIMIT_CHARS);
    for (const entry of page.added ?? []) seen.add(`${entry.collection}/${entry.id}`);
    offset += page.added?.length ?? 0;
    if ((page.added?.length ?? 0) === 0) break;
  }
  expect(seen.size).toBe(review.totals.added);
}, 600_000);
