import { createHash } from 'node:crypto';
import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { TimelinePage } from './pages/TimelinePage';

test.use({ preUnlocked: true });

/** A valid one-page PDF saying `text`, padded with a comment to about `size` bytes. */
function pdfOf(text: string, size: number): Buffer {
  const content = `BT /F1 24 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = `%PDF-1.4\n%${'p'.repeat(Math.max(0, size - 700))}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

test('sources panel: a PDF opens in the app, streamed over its link into the browser’s viewer, never through IPC', async ({ app, page }) => {
  const timeline = new TimelinePage(app.page);
  await expect(timeline.row(/Attack in Kerman/)).toBeVisible();
  await timeline.panel.getByRole('button', { name: 'Sources' }).click();
  const drawer = page.locator('.bp6-drawer');
  await drawer.getByRole('button', { name: 'New source' }).click();
  const form = drawer.getByRole('form', { name: 'Source' });
  await form.getByLabel('Title', { exact: true }).fill('Probe: wilayat report');
  const pdf = pdfOf('Wilayat Khorasan report', 300_000);
  const sha = createHash('sha256').update(pdf).digest('hex');
  await form.getByLabel('Attachment file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(form).toContainText(`SHA-256 ${sha}`, { timeout: 60_000 });

  // From here on, every answer this window gets: the PDF's bytes must come over its link only.
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await form.getByRole('button', { name: 'Open' }).click();
  const dialog = page.getByRole('dialog', { name: 'report.pdf' });
  const frame = dialog.locator('iframe[title="PDF: report.pdf"]');
  await expect(frame).toBeVisible();
  // The frame asked the host for the file and got it whole, as a PDF.
  const isLink = (r: Response) => new URL(r.url()).pathname === `/attachments/${sha}` && r.request().resourceType() === 'document';
  await expect.poll(() => responses.some(isLink), { message: 'the frame loads the file link' }).toBe(true);
  const link = responses.find(isLink)!;
  expect(link.status()).toBe(200);
  const headers = await link.allHeaders();
  expect(headers['content-type']).toBe('application/pdf');
  expect(Number(headers['content-length'])).toBe(pdf.length);
  expect(link.frame()).not.toBe(page.mainFrame());
  expect(new URL(link.url()).searchParams.get('key')).toMatch(/^[0-9a-f]{64}$/);
  // Chromium's viewer took it (its own extension frame inside ours).
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'))).toBe(true);
  // No IPC answer carried the file or anything near its size.
  const ipc = responses.filter((r) => new URL(r.url()).pathname.startsWith('/ipc/'));
  expect(ipc.length).toBeGreaterThan(0);
  for (const r of ipc) {
    const body = await r.body();
    expect(body.length, r.url()).toBeLessThan(20_000);
    expect(body.includes('Wilayat Khorasan report'), r.url()).toBe(false);
  }
  await expect(dialog.getByRole('button', { name: 'Save as…' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A window without a PDF viewer says so and offers Save as… instead of a blank frame.
  await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'pdfViewerEnabled', { get: () => false, configurable: true }));
  await form.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByText('This window cannot display PDFs')).toBeVisible();
  await expect(dialog.locator('iframe')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Save as…' })).toBeVisible();
});
