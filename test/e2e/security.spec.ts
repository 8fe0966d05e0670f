import { expect, test } from './fixtures';
import { testActor, testEvent } from './records';

const XSS = '<img src=x onerror=window.__xss=1>';

test.describe('renderer security', () => {
  test.use({ preUnlocked: true });

  test('record text with markup is shown as literal text in the Timeline and Actors views', async ({ app, page }) => {
    const putEvent = await app.ipc('records:put', { collection: 'events', record: testEvent('event--xss-probe', XSS) });
    expect(putEvent.ok).toBe(true);
    const putActor = await app.ipc('records:put', { collection: 'actors', record: testActor('actor--xss-probe', XSS) });
    expect(putActor.ok).toBe(true);

    const timeline = app.viewPanel('Timeline');
    const row = timeline.getByRole('button', { name: XSS });
    await expect(row).toBeVisible();
    await expect(page.locator('.cf-timeline-chart .cf-tl-label').filter({ hasText: XSS })).toHaveText(XSS);
    await row.click();
    await expect(page.getByRole('complementary', { name: 'Selected event' }).getByRole('heading', { name: XSS })).toBeVisible();

    await app.tab('Actors').click();
    await app.viewPanel('Actors').getByLabel('Search actors').fill('onerror');
    const actorRow = app.viewPanel('Actors').getByRole('row', { name: new RegExp('onerror') });
    await expect(actorRow).toContainText(XSS);
    await actorRow.click();
    await expect(page.getByRole('complementary', { name: 'Selected actor' }).getByRole('heading', { name: XSS })).toBeVisible();

    await app.tab('Report').click();
    await app.tab('Timeline').click();
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});

test.describe('browser host', () => {
  test('refuses IPC without the launch token (401) and from a foreign Origin (403)', async ({ host, request }) => {
    const withoutToken = await request.post(`${host.origin}/ipc/case:status`, { data: {} });
    expect(withoutToken.status()).toBe(401);
    expect(await withoutToken.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const wrongToken = await request.post(`${host.origin}/ipc/case:status`, { data: {}, headers: { 'X-Casefile-Token': '0'.repeat(host.token.length) } });
    expect(wrongToken.status()).toBe(401);

    const foreign = await request.post(`${host.origin}/ipc/case:status`, {
      data: {},
      headers: { 'X-Casefile-Token': host.token, Origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(403);

    const events = await request.get(`${host.origin}/events`);
    expect(events.status()).toBe(401);

    // The same call with the token and our own origin is answered.
    const allowed = await request.post(`${host.origin}/ipc/case:status`, { data: {}, headers: { 'X-Casefile-Token': host.token, Origin: host.origin } });
    expect(allowed.status()).toBe(200);
    expect(await allowed.json()).toMatchObject({ ok: true });
  });

  test('the page carries a script-src self Content Security Policy and the URL loses its token', async ({ app, page, host }) => {
    const response = await page.request.get(`${host.origin}/`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(app.unlockDialog.root).toBeVisible();
    expect(page.url()).not.toContain('token=');
  });
});
