import { randomBytes } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import type { Event } from '../../src/shared/domain/event';
import { expect, test } from './fixtures';
import { testActor, testEvent } from './records';
import { storeFiles, withFiles, type CaseFile } from '../helpers/case-files';

test.use({ preUnlocked: true });

const EVENT_ID = 'event--2018-07-danghara-cyclist-attack';

/** A partner team with its own copy of the demo case, which retitles one event and sends it to us. */
async function partnerFile(dir: string, ourRecipient: string): Promise<string> {
  const cases = new CaseService({ user: 'partner', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(dir, 'partner.cfcase'), 'partner passphrase', buildDemoCase('2026-01-01T00:00:00.000Z'));
  if (!created.ok) throw new Error(created.error.message);
  const event = cases.document!.events.find((e) => e.id === EVENT_ID) as Event;
  const put = await cases.put({ collection: 'events', record: { ...event, title: 'Danghara attack (partner title)' } });
  if (!put.ok) throw new Error(put.error.message);
  const path = join(dir, 'from-partner.casefile');
  await new ExchangeService(cases, 'Partner desk').exportCasefile({ out: path, maxMarking: 'TLP:RED', recipients: [ourRecipient] });
  await cases.close();
  return path;
}

test('keys, export preview, and a received file: unknown signer, conflict review, merge, Ctrl+Z; a tampered copy is refused', async ({ app, page, host }) => {
  await page.keyboard.press('Alt+8');
  const view = page.getByRole('tabpanel', { name: 'Exchange' });
  await expect(view.getByTestId('own-fingerprint')).toHaveText(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);

  // Export preview: lowering the marking lists what stays behind.
  await view.getByLabel('Maximum marking').selectOption('TLP:CLEAR');
  await expect(view.getByTestId('export-preview')).toContainText(/Left out or cut: [1-9]/);

  const keys = await app.ipc('exchange:keys', {});
  if (!keys.ok) throw new Error(keys.error.message);
  const file = await partnerFile(host.home, keys.value.self.ageRecipient ?? '');

  // We changed the same title since the common version: a conflict.
  const ours = await app.ipc('records:events', {});
  if (!ours.ok) throw new Error(ours.error.message);
  const event = ours.value.records.find((e) => e.id === EVENT_ID) as Event;
  expect((await app.ipc('records:put', { collection: 'events', record: { ...event, title: 'Danghara attack (our title)' } })).ok).toBe(true);

  // A tampered copy is refused with a message, before anything is shown for merging.
  const bytes = readFileSync(file);
  bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x40;
  writeFileSync(join(host.home, 'tampered.casefile'), bytes);
  await view.getByLabel('Received file path').fill(join(host.home, 'tampered.casefile'));
  await view.getByRole('button', { name: 'Open and verify' }).click();
  await expect(view.getByTestId('receive-error')).toContainText('altered or cut short');
  await expect(view.getByTestId('merge-review')).toHaveCount(0);

  await view.getByLabel('Received file path').fill(file);
  await view.getByRole('button', { name: 'Open and verify' }).click();
  const review = view.getByTestId('merge-review');
  await expect(review).toContainText('Signed by an unknown key');
  await expect(review).toContainText('1 conflict(s)');
  const conflicts = review.getByRole('table', { name: 'Conflicts' });
  await expect(conflicts).toContainText('our title');
  await expect(conflicts).toContainText('partner title');
  await conflicts.getByRole('radio', { name: 'theirs' }).click();
  await review.getByRole('button', { name: 'Apply merge' }).click();
  await expect(app.toast(/Merged “.*” from Partner desk/)).toBeVisible();

  const after = await app.ipc('records:events', {});
  expect(after.ok && after.value.records.find((e) => e.id === EVENT_ID)?.title).toBe('Danghara attack (partner title)');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast(/^Undo: Merged/)).toBeVisible();
  const undone = await app.ipc('records:events', {});
  expect(undone.ok && undone.value.records.find((e) => e.id === EVENT_ID)?.title).toBe('Danghara attack (our title)');
});

test('an edit made after opening a received file is not overwritten: Apply shows the re-planned merge and what differs', async ({ app, page, host }) => {
  await page.keyboard.press('Alt+8');
  const view = page.getByRole('tabpanel', { name: 'Exchange' });
  const keys = await app.ipc('exchange:keys', {});
  if (!keys.ok) throw new Error(keys.error.message);
  const file = await partnerFile(host.home, keys.value.self.ageRecipient ?? '');

  await view.getByLabel('Received file path').fill(file);
  await view.getByRole('button', { name: 'Open and verify' }).click();
  const review = view.getByTestId('merge-review');
  await expect(review).toContainText('0 conflict(s)');

  // Between review and Apply, we retitle the same event.
  const ours = await app.ipc('records:events', {});
  if (!ours.ok) throw new Error(ours.error.message);
  const event = ours.value.records.find((e) => e.id === EVENT_ID) as Event;
  expect((await app.ipc('records:put', { collection: 'events', record: { ...event, title: 'Danghara attack (our late title)' } })).ok).toBe(true);

  await review.getByRole('button', { name: 'Apply merge' }).click();
  const replanned = review.getByTestId('merge-replanned');
  await expect(replanned).toContainText('nothing was merged');
  await expect(replanned).toContainText(/now a conflict \(title\)/);
  await expect(review).toContainText('1 conflict(s)');
  const kept = await app.ipc('records:events', {});
  expect(kept.ok && kept.value.records.find((e) => e.id === EVENT_ID)?.title).toBe('Danghara attack (our late title)');

  // Reviewed again, it applies; keeping ours keeps our late title.
  await review.getByRole('button', { name: 'Apply merge' }).click();
  await expect(app.toast(/Merged “.*” from Partner desk/)).toBeVisible();
  const after = await app.ipc('records:events', {});
  expect(after.ok && after.value.records.find((e) => e.id === EVENT_ID)?.title).toBe('Danghara attack (our late title)');
});

test('their new event names an actor we deleted: the review offers restore or leave out, and restore merges it', async ({ app, page, host }) => {
  await page.keyboard.press('Alt+8');
  const view = page.getByRole('tabpanel', { name: 'Exchange' });
  const keys = await app.ipc('exchange:keys', {});
  if (!keys.ok) throw new Error(keys.error.message);
  const cell = testActor('actor--e2e-splinter-cell', 'Splinter cell');
  // We held the actor, then deleted it; the partner holds the same version and names it in a new event.
  expect((await app.ipc('records:put', { collection: 'actors', record: cell })).ok).toBe(true);
  expect((await app.ipc('records:delete', { collection: 'actors', id: cell.id })).ok).toBe(true);
  const cases = new CaseService({ user: 'partner', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(host.home, 'partner-cell.cfcase'), 'partner passphrase', buildDemoCase('2026-01-01T00:00:00.000Z'));
  if (!created.ok) throw new Error(created.error.message);
  expect((await cases.put({ collection: 'actors', record: cell })).ok).toBe(true);
  const attack = { ...testEvent('event--e2e-cell-attack', 'Attack by the splinter cell'), responsibility: [{ id: 'claim--e2e-cell', actorId: cell.id, kind: 'claimed' as const, confidence: 'high' as const, citations: [] }] };
  expect((await cases.put({ collection: 'events', record: attack })).ok).toBe(true);
  const file = join(host.home, 'cell.casefile');
  await new ExchangeService(cases, 'Partner desk').exportCasefile({ out: file, maxMarking: 'TLP:RED', recipients: [keys.value.self.ageRecipient ?? ''] });
  await cases.close();

  await view.getByLabel('Received file path').fill(file);
  await view.getByRole('button', { name: 'Open and verify' }).click();
  const review = view.getByTestId('merge-review');
  const conflicts = review.getByRole('table', { name: 'Conflicts' });
  await expect(conflicts).toContainText('deleted here, needed by their records');
  await expect(conflicts).toContainText('Attack by the splinter cell');
  await expect(conflicts.getByRole('radio', { name: 'leave out' })).toBeChecked();
  await conflicts.getByRole('radio', { name: 'restore' }).click();
  await review.getByRole('button', { name: 'Apply merge' }).click();
  await expect(app.toast(/Merged “.*” from Partner desk/)).toBeVisible();
  const actors = await app.ipc('records:actors', {});
  expect(actors.ok && actors.value.records.some((a) => a.id === cell.id)).toBe(true);
  const events = await app.ipc('records:events', {});
  expect(events.ok && events.value.records.some((e) => e.id === attack.id)).toBe(true);
});

test('a merge of a large partner file shows its progress (phase and counts), and Cancel leaves the case exactly as it was', async ({ app, page, host }) => {
  test.setTimeout(180_000);
  await page.keyboard.press('Alt+8');
  const view = page.getByRole('tabpanel', { name: 'Exchange' });
  const keys = await app.ipc('exchange:keys', {});
  if (!keys.ok) throw new Error(keys.error.message);
  // The partner's case carries a 150 MB video with its source: the file takes seconds to read and check.
  const video: CaseFile = { sourceId: 'source--e2e-video', title: 'Propaganda video', name: 'video.mp4', bytes: randomBytes(150 * 1024 * 1024) };
  const cases = new CaseService({ user: 'partner', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(host.home, 'partner-large.cfcase'), 'partner passphrase', withFiles(buildDemoCase('2026-01-01T00:00:00.000Z'), [video]));
  if (!created.ok) throw new Error(created.error.message);
  await storeFiles(cases, [video]);
  const file = join(host.home, 'large.casefile');
  await new ExchangeService(cases, 'Partner desk').exportCasefile({ out: file, maxMarking: 'TLP:RED', recipients: [keys.value.self.ageRecipient ?? ''] });
  await cases.close();
  const state = async () => JSON.stringify([await app.ipc('records:events', {}), await app.ipc('records:sources', {})]);
  const before = await state();

  await view.getByLabel('Received file path').fill(file);
  await view.getByRole('button', { name: 'Open and verify' }).click();
  const progress = view.getByTestId('exchange-progress');
  await expect(progress).toContainText(/Reading and checking the file — [\d.]+ MB of [\d.]+ MB/);
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(view.getByTestId('receive-error')).toContainText('was cancelled. Nothing was merged or kept; the case is unchanged.');
  await expect(progress).toHaveCount(0);
  await expect(view.getByTestId('merge-review')).toHaveCount(0);
  expect(await state()).toBe(before);

  // Opened again to the end, it merges with the video.
  await view.getByRole('button', { name: 'Open and verify' }).click();
  const review = view.getByTestId('merge-review');
  await expect(review).toContainText('Signed by an unknown key', { timeout: 120_000 });
  await review.getByRole('button', { name: 'Apply merge' }).click();
  await expect(app.toast(/Merged “.*” from Partner desk/)).toBeVisible();
  const sources = await app.ipc('records:sources', {});
  expect(sources.ok && sources.value.records.find((s) => s.id === video.sourceId)?.attachment?.size).toBe(video.bytes.length);
});
