import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppPage as App } from './pages/AppPage';

test.use({ preUnlocked: true });
test.describe.configure({ timeout: 180_000 });

const DEMO_MATRIX = 'matrix--moscow-2024-who-directed';

async function openGrid(page: Page): Promise<Locator> {
  await page.keyboard.press('Alt+4');
  const view = page.getByRole('tabpanel', { name: 'ACH' });
  const grid = view.getByRole('grid', { name: 'Rating matrix' });
  await expect(grid).toBeVisible();
  return grid;
}

/** The first row of the demo matrix and its first two hypotheses, as main holds them. */
async function firstRow(app: App) {
  const got = await app.ipc('ach:get', { id: DEMO_MATRIX });
  if (!got.ok) throw new Error(got.error.message);
  const { row } = got.value.rows[0]!;
  const [h1, h2] = got.value.matrix.hypotheses;
  return { row, h1: h1!.id, h2: h2!.id };
}

async function storedRating(app: App, rowId: string, hypothesisId: string): Promise<string> {
  const got = await app.ipc('ach:get', { id: DEMO_MATRIX });
  if (!got.ok) throw new Error(got.error.message);
  return got.value.rows.find((r) => r.row.id === rowId)?.row.ratings[hypothesisId]?.value ?? '';
}

test('Ctrl+Z right after a single c (still waiting for its double) takes back that rating, not the edit before it', async ({ app, page }) => {
  const { row, h1, h2 } = await firstRow(app);
  const grid = await openGrid(page);
  const tr = grid.getByTestId(`row-${row.id}`);
  const first = tr.getByRole('gridcell', { name: / × H1:/ });
  const second = tr.getByRole('gridcell', { name: / × H2:/ });
  const secondBefore = row.ratings[h2]?.value ?? '';

  // An earlier edit: H1 rated NA (or N if it is NA already), journaled in main.
  const earlier = row.ratings[h1]?.value === 'NA' ? 'N' : 'NA';
  await first.focus();
  await page.keyboard.press(earlier === 'NA' ? 'a' : 'n');
  await expect.poll(() => storedRating(app, row.id, h1)).toBe(earlier);

  // Then H2 rated with one c (or i), and Ctrl+Z at once, within the wait for a double.
  const [key, value] = secondBefore === 'C' ? ['i', 'I'] : ['c', 'C'];
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(key);
  await expect(second).toHaveAttribute('data-rating', value);
  await page.keyboard.press('ControlOrMeta+z');

  // The rating just given is taken back; the earlier edit stays, on screen and in main.
  await expect(second).toHaveAttribute('data-rating', secondBefore);
  await expect(first).toHaveAttribute('data-rating', earlier);
  await page.waitForTimeout(1_000);
  expect(await storedRating(app, row.id, h2)).toBe(secondBefore);
  expect(await storedRating(app, row.id, h1)).toBe(earlier);
  await expect(second).toHaveAttribute('data-rating', secondBefore);
});

test('Escape in a cell note with text typed and not saved asks before discarding it; Escape again goes back to the text', async ({ app, page }) => {
  const { row, h1 } = await firstRow(app);
  const grid = await openGrid(page);
  const cell = grid.getByTestId(`row-${row.id}`).getByRole('gridcell', { name: / × H1:/ });
  await cell.focus();
  if (!row.ratings[h1]) {
    await page.keyboard.press('n');
    await expect.poll(() => storedRating(app, row.id, h1)).toBe('N');
  }
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Note:/ });
  const note = dialog.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await note.fill('');
  await page.keyboard.type('Half-written reasoning about the courier');
  await page.keyboard.press('Escape');

  // Not closed: asked, and the text is still there.
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('The note you typed is not saved');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(note).toHaveValue('Half-written reasoning about the courier');
  await expect(note).toBeFocused();

  // Saved from there, it is the cell's note.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(cell).toHaveAttribute('aria-label', /has a note/);

  // Discarding is a choice the analyst makes: the saved note stays as it was.
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(' and more');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await ask.getByRole('button', { name: 'Discard the note' }).click();
  await expect(dialog).toHaveCount(0);
  const got = await app.ipc('ach:get', { id: DEMO_MATRIX });
  expect(got.ok && got.value.rows.find((r) => r.row.id === row.id)?.row.ratings[h1]?.note).toBe('Half-written reasoning about the courier');
  // With nothing typed, Escape closes at once (pressed once the dialog is there, as an analyst would).
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(note).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

/**
 * Counts, in the page, the reads that make Chromium lay the page out at once (the box metrics and
 * computed styles), from a rating keydown dispatched on the focused cell until its new rating and
 * scores are in the DOM, before any frame. Answers the reads by name, and whether the scores moved.
 */
async function layoutReadsOfRating(page: Page, keys: string[]): Promise<{ reads: Record<string, number>; rated: string; scoresMoved: boolean }> {
  return page.evaluate(async (keys) => {
    const reads: Record<string, number> = {};
    const restore: Array<() => void> = [];
    const watch = (proto: object, name: string) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d) return;
      const counted: PropertyDescriptor = d.get
        ? { ...d, get(this: unknown) { reads[name] = (reads[name] ?? 0) + 1; return d.get!.call(this); } }
        : { ...d, value(this: unknown, ...args: unknown[]) { reads[name] = (reads[name] ?? 0) + 1; return (d.value as (...a: unknown[]) => unknown).apply(this, args); } };
      Object.defineProperty(proto, name, counted);
      restore.push(() => Object.defineProperty(proto, name, d));
    };
    for (const name of ['scrollWidth', 'scrollHeight', 'scrollTop', 'scrollLeft', 'clientWidth', 'clientHeight', 'getBoundingClientRect', 'getClientRects']) watch(Element.prototype, name);
    for (const name of ['offsetWidth', 'offsetHeight', 'offsetTop', 'offsetLeft', 'innerText']) watch(HTMLElement.prototype, name);
    watch(window, 'getComputedStyle');
    const cell = document.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')!;
    const scores = () => [...document.querySelectorAll('.cf-ach-score')].map((s) => s.textContent).join('|');
    const before = scores();
    const press = (key: string) => cell.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    try {
      for (const key of keys.slice(0, -1)) press(key);
      for (const name of Object.keys(reads)) delete reads[name];
      const rating = cell.dataset['rating'];
      press(keys.at(-1)!);
      // React commits a keydown's update within a microtask or two; no frame is waited for.
      for (let i = 0; i < 100 && cell.dataset['rating'] === rating; i++) await Promise.resolve();
      return { reads: { ...reads }, rated: cell.dataset['rating'] ?? '', scoresMoved: scores() !== before };
    } finally {
      for (const undo of restore) undo();
    }
  }, keys);
}

test('a rating reaches the DOM with its new scores without forcing a layout of the matrix before the frame', async ({ app, page }) => {
  const { row, h1 } = await firstRow(app);
  const grid = await openGrid(page);
  const cell = grid.getByTestId(`row-${row.id}`).getByRole('gridcell', { name: / × H1:/ });
  await cell.focus();
  // Two ratings of different weight, so the scores (and the lead's figure) move with each.
  for (const [keys, value] of [row.ratings[h1]?.value === 'II' ? [['n'], 'N'] : [['i', 'i'], 'II'], [['c', 'c'], 'CC']] as const) {
    const { reads, rated, scoresMoved } = await layoutReadsOfRating(page, [...keys]);
    expect(rated).toBe(value);
    expect(scoresMoved).toBe(true);
    // Every such read lays out the whole grid mid-update; the frame lays it out once anyway.
    expect(reads).toEqual({});
    await expect.poll(() => storedRating(app, row.id, h1)).toBe(value);
  }
});
