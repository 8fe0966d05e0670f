import { expect, test } from './fixtures';
import { TimelinePage } from './pages/TimelinePage';
import { testEvent } from './records';

test.use({ preUnlocked: true });

test('create with in-place validation, edit, then undo and redo the edit from the keyboard', async ({ app, page }) => {
  const timeline = new TimelinePage(page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  const before = await timeline.count.textContent();

  await timeline.openNewEvent();
  await timeline.field('Date').fill('2024-13-05');
  await timeline.save();
  // Nothing is saved half-way: the messages sit under their fields and the case is unchanged.
  await expect(timeline.editor).toContainText('an event needs a title');
  await expect(timeline.editor).toContainText('is not a day-precision date');
  await expect(timeline.editor.getByRole('alert')).toContainText('nothing was saved');
  await expect(timeline.count).toHaveText(before ?? '');

  await timeline.field('Title').fill('Probe: market bombing in Jalalabad');
  await timeline.field('Date').fill('2024-05');
  await timeline.field('Date precision').selectOption('month');
  await timeline.field('Country').selectOption('AF');
  await timeline.field('Province').fill('Nangarhar');
  await timeline.field('Fatalities minimum').fill('7');
  await timeline.field('Fatalities maximum').fill('4');
  await timeline.save();
  await expect(timeline.editor).toContainText('min must not exceed max');
  await timeline.field('Fatalities maximum').fill('12');

  await timeline.editor.getByRole('button', { name: 'Add a claim' }).click();
  await timeline.save();
  await expect(timeline.editor).toContainText('pick an actor');
  await timeline.field('Actor of claim 1').selectOption({ label: 'Islamic State Khorasan Province' });
  await timeline.field('Kind of claim 1').selectOption('claimed');
  await timeline.field('Who made claim 1').fill('Amaq News Agency');
  await timeline.editor.getByRole('button', { name: 'Cite a source for the claim 1' }).click();
  await timeline.field('Source of claim 1 citation 1').selectOption({ index: 1 });
  await timeline.field('Locator of claim 1 citation 1').fill('para. 2');
  await timeline.field('Credibility of claim 1 citation 1').selectOption('2');
  await timeline.save();
  await expect(timeline.editor).toBeHidden();
  await expect(app.toast('Added event “Probe: market bombing in Jalalabad”')).toBeVisible();

  const details = page.getByRole('complementary', { name: 'Selected event' });
  await expect(details).toContainText('May 2024');
  await expect(details).toContainText('7–12');
  await expect(details).toContainText('Amaq News Agency');
  // Month-precise: drawn as a hatched range over the month.
  await expect(timeline.chart.locator('.vis-range.cf-tl-imprecise', { hasText: 'Probe: market bombing' })).toBeVisible();

  await timeline.editSelected();
  await timeline.field('Title').fill('Probe: market bombing in Jalalabad city');
  await timeline.save();
  await expect(timeline.row('Probe: market bombing in Jalalabad city')).toBeVisible();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(app.toast('Undo: Edited event “Probe: market bombing in Jalalabad city”')).toBeVisible();
  await expect(timeline.row('Probe: market bombing in Jalalabad city')).toHaveCount(0);
  await expect(timeline.row('Probe: market bombing in Jalalabad')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(timeline.row('Probe: market bombing in Jalalabad city')).toBeVisible();
});

test('markup in titles, places and actor names stays text in the chart, tooltips, rows, group labels and lists', async ({ app, page }) => {
  const XSS = '<img src=x onerror=window.__xss=1>';
  const timeline = new TimelinePage(page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  const record = { ...testEvent('event--xss-timeline', XSS), location: { country: 'AF' as const, admin1: XSS, geoPrecision: 'admin1' as const } };
  expect((await app.ipc('records:put', { collection: 'events', record })).ok).toBe(true);

  await expect(timeline.row(XSS)).toBeVisible();
  const label = timeline.chartLabel(XSS);
  await expect(label).toHaveText(XSS);
  await expect(label).toHaveAttribute('title', new RegExp(`^${XSS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `));
  await timeline.groupBy('admin1');
  await expect(timeline.chart.locator('.vis-label .cf-tl-group', { hasText: XSS })).toHaveText(`${XSS} · 1`);
  await timeline.row(XSS).click();
  await expect(page.getByRole('complementary', { name: 'Selected event' }).getByRole('heading', { name: XSS })).toBeVisible();
  await timeline.filter(async (dialog) => {
    await dialog.getByLabel('Province', { exact: true }).selectOption(XSS);
  });
  await expect(timeline.chips).toContainText(`Province: ${XSS}`);
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('sources panel: add a source with an attachment (hashed in the case) and see what cites it', async ({ app, page }) => {
  const timeline = new TimelinePage(page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  await timeline.panel.getByRole('button', { name: 'Sources' }).click();
  const drawer = page.locator('.bp6-drawer');
  await drawer.getByRole('button', { name: 'New source' }).click();
  const form = drawer.getByRole('form', { name: 'Source' });
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(form).toContainText('a source needs a title');

  await form.getByLabel('Title', { exact: true }).fill('Probe: Amaq claim scan');
  await form.getByLabel('Publisher', { exact: true }).fill('Amaq');
  await form.getByLabel('Reliability').selectOption('D');
  const bytes = Buffer.from('scanned claim statement');
  await form.getByLabel('Attachment file').setInputFiles({ name: 'claim.txt', mimeType: 'text/plain', buffer: bytes });
  const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  await expect(form).toContainText(`SHA-256 ${sha}`);
  await form.getByRole('button', { name: 'Add source' }).click();
  await expect(app.toast('Added source “Probe: Amaq claim scan”')).toBeVisible();

  const sources = await app.ipc('records:sources', {});
  const added = sources.ok ? sources.value.records.find((s) => s.title === 'Probe: Amaq claim scan') : undefined;
  expect(added?.attachment?.sha256).toBe(sha);
  const citing = { ...testEvent('event--cites-probe', 'Probe: event citing the scan'), citations: [{ sourceId: added?.id ?? '', credibility: 3 }] };
  expect((await app.ipc('records:put', { collection: 'events', record: citing })).ok).toBe(true);

  await drawer.getByRole('list', { name: 'Sources' }).getByRole('button', { name: /Probe: Amaq claim scan/ }).click();
  await expect(drawer.getByRole('region', { name: 'Cited by' })).toContainText('Probe: event citing the scan');
});

test('sources panel: a file uploads in pieces, shows its size, and an image opens in the app from the case', async ({ app, page }) => {
  const timeline = new TimelinePage(app.page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  await timeline.panel.getByRole('button', { name: 'Sources' }).click();
  const drawer = page.locator('.bp6-drawer');
  await drawer.getByRole('button', { name: 'New source' }).click();
  const form = drawer.getByRole('form', { name: 'Source' });
  await form.getByLabel('Title', { exact: true }).fill('Probe: propaganda video still');
  // Three pieces (2 MiB each at most) of a file that is a PNG at the front.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAAGLgEDKmLfKgAAAABJRU5ErkJggg==', 'base64');
  const file = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 - png.length, 0)]);
  await form.getByLabel('Attachment file').setInputFiles({ name: 'still.png', mimeType: 'image/png', buffer: file });
  await expect(form).toContainText('still.png (5.0 MB)', { timeout: 60_000 });
  const sha = (await import('node:crypto')).createHash('sha256').update(file).digest('hex');
  await expect(form).toContainText(`5.0 MB · SHA-256 ${sha}`);
  await form.getByRole('button', { name: 'Open' }).click();
  const image = page.getByRole('dialog', { name: 'still.png' }).getByRole('img', { name: 'still.png' });
  await expect(image).toBeVisible();
  // Drawn from the case's blob store, through the host: the picture decoded.
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(4);
});
