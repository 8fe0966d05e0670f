import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });

/** Issue 18 point 9: the Exchange view exports a STIX 2.1 bundle, with the file export's left-out list first. */
test('Export STIX 2.1 bundle: the left-out list is shown first, and nothing above the marking is in the file', async ({ app, page, host }) => {
  await page.keyboard.press('Alt+8');
  const view = page.getByRole('tabpanel', { name: 'Exchange' });
  const card = view.getByLabel('Export a STIX 2.1 bundle');
  await card.getByLabel('Highest marking in the STIX bundle').selectOption('TLP:CLEAR');
  const preview = card.getByTestId('stix-export-preview');
  await expect(preview).toContainText(/Left out or cut: [1-9]/);
  // The same left-out list as the .casefile export at the same marking.
  const expected = await app.ipc('exchange:preview', { maxMarking: 'TLP:CLEAR' });
  if (!expected.ok) throw new Error(expected.error.message);
  await expect(preview).toContainText(`Left out or cut: ${expected.value.leftOut.length}`);
  await expect(preview.getByRole('list', { name: 'Left out' }).getByRole('listitem')).toHaveCount(expected.value.leftOut.length);

  const out = join(host.home, 'case.stix.json');
  await card.getByLabel('STIX bundle path').fill(out);
  await card.getByRole('button', { name: 'Export STIX 2.1 bundle' }).click();
  await expect(app.toast(/Wrote .*case\.stix\.json: \d+ STIX objects, up to TLP:CLEAR/)).toBeVisible();

  const text = readFileSync(out, 'utf8');
  const bundle = JSON.parse(text) as { type: string; objects: Array<{ type: string }> };
  expect(bundle.type).toBe('bundle');
  expect(bundle.objects.some((o) => o.type === 'incident')).toBe(true);
  const events = await app.ipc('records:events', {});
  if (!events.ok) throw new Error(events.error.message);
  for (const event of events.value.records.filter((e) => e.marking !== 'TLP:CLEAR')) expect(text).not.toContain(event.id);

  // A second export to the same path is refused: an existing file is never replaced.
  await card.getByRole('button', { name: 'Export STIX 2.1 bundle' }).click();
  await expect(app.toast(/not written/)).toBeVisible();
});
