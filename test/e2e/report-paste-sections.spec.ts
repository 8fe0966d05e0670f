import { expect, test } from './fixtures';
import { newWrittenReport } from './pages/WrittenReportPage';

test.use({ preUnlocked: true });

/** What a word processor or a web page puts on the clipboard: structure, and things that must not come in. */
const PASTED = [
  '<html><head><style>p { color: red; } .x { background: url(https://example.com/bg.png) }</style><script>window.__pastedScriptRan = true;</script></head><body>',
  '<!--[if gte mso 9]><xml>mso junk</xml><![endif]-->',
  '<h2>Pasted heading</h2>',
  '<p onclick="window.__pastedScriptRan = true">Attacks <b>rose</b> in <i>2021</i>.</p>',
  '<img src="https://example.com/remote-chart.png" alt="remote chart">',
  '<table><tr><th>Year</th><th>Attacks</th></tr><tr><td>2021</td><td>353</td></tr></table>',
  '<p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>  </span></span>first point</p>',
  '<p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>  </span></span>second point</p>',
  '<script>window.__pastedScriptRan = true;</script>',
  '</body></html>',
].join('');

test('pasting from a word processor or web page keeps structure and drops scripts, styles and pictures, saying so', async ({ app, page }) => {
  test.setTimeout(120_000);
  const remote: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('example.com')) remote.push(r.url());
  });
  const title = 'Paste probe';
  const body = await newWrittenReport(app, page, title);
  await body.click();
  await body.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'Pasted heading Attacks rose in 2021. Year Attacks 2021 353 first point second point');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PASTED);

  await expect(body.locator('h2', { hasText: 'Pasted heading' })).toBeVisible();
  await expect(body.locator('strong', { hasText: 'rose' })).toBeVisible();
  await expect(body.locator('em', { hasText: '2021' })).toBeVisible();
  await expect(body.locator('table td', { hasText: '353' })).toBeVisible();
  await expect(body.locator('th', { hasText: 'Attacks' })).toBeVisible();
  await expect(body.locator('ul > li')).toHaveText(['first point', 'second point']);
  await expect(body.locator('img')).toHaveCount(0);
  await expect(body).not.toContainText('mso junk');
  await expect(body).not.toContainText('color: red');
  await expect(body).not.toContainText('__pastedScriptRan');
  await expect(app.toast(/Pasted without pictures: 1 picture was left out\. Pictures from the web are never fetched/)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pastedScriptRan?: boolean }).__pastedScriptRan)).toBeUndefined();

  // What is stored is the structure only.
  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const listed = await app.ipc('reports:list', {});
  const id = listed.ok ? listed.value.reports.find((r) => r.title === title)?.id : undefined;
  const stored = id ? await app.ipc('reports:get', { id }) : null;
  const json = stored?.ok ? JSON.stringify(stored.value.report.body) : 'not stored';
  for (const kind of ['"heading"', '"table"', '"bulletList"', '"bold"', '"italic"']) expect(json).toContain(kind);
  for (const gone of ['script', 'example.com', 'mso', 'onclick', 'color: red']) expect(json).not.toContain(gone);
  expect(remote).toEqual([]);
});

test('a screenshot pasted alone is refused with a message, and nothing is inserted', async ({ app, page }) => {
  const body = await newWrittenReport(app, page, 'Screenshot probe');
  await body.click();
  await page.keyboard.type('Before.');
  await body.evaluate((el) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], 'screenshot.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(app.toast(/Pasted without pictures: 1 picture was left out\..*attach it to a source/)).toBeVisible();
  await expect(body).toHaveText('Before.');
});

test('an events table from the case goes into the text as a block, previews live, and keeps its settings', async ({ app, page }) => {
  test.setTimeout(120_000);
  const title = 'Section probe';
  const body = await newWrittenReport(app, page, title);
  await body.click();
  await page.keyboard.type('The events so far:');
  await page.getByRole('button', { name: 'Insert a section made from the case' }).click();
  await page.getByRole('menuitem', { name: 'Events table' }).click();

  const section = body.getByRole('group', { name: 'Case section: Events table' });
  await expect(section).toBeVisible();
  await expect(section).toContainText(/· \d+ events/);
  await expect(section.getByRole('listitem').first()).toBeVisible();
  await expect(section).toContainText('more when exported');

  await section.getByLabel('Events table: most rows').fill('3');
  await expect(section).toContainText('· 3 events');
  await expect(section).not.toContainText('more when exported');
  await expect(section.getByRole('listitem')).toHaveCount(3);

  await page.getByLabel('Title', { exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const listed = await app.ipc('reports:list', {});
  const id = listed.ok ? listed.value.reports.find((r) => r.title === title)?.id : undefined;
  const stored = id ? await app.ipc('reports:get', { id }) : null;
  const nodes = stored?.ok ? (stored.value.report.body.content ?? []) : [];
  expect(nodes.find((n) => n.type === 'caseSection')?.attrs).toMatchObject({ kind: 'events', settings: '{"limit":3}' });
});
