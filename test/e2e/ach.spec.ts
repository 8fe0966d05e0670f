import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { AchService } from '../../src/main/services/ach-service';
import { CaseService } from '../../src/main/services/case-service';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import type { Source } from '../../src/shared/domain/source';
import { expect, test } from './fixtures';

test.use({ preUnlocked: true });
// Each test builds or merges through many journaled edits; on a loaded machine that outlasts the default 90 s.
test.describe.configure({ timeout: 300_000 });

const DEMO_MATRIX = 'matrix--moscow-2024-who-directed';

async function openAch(page: Page): Promise<Locator> {
  await page.keyboard.press('Alt+4');
  const view = page.getByRole('tabpanel', { name: 'ACH' });
  await expect(view.getByRole('navigation', { name: 'Matrices' })).toBeVisible();
  return view;
}

function cell(grid: Locator, row: string, h: number): Locator {
  return grid.getByRole('gridcell', { name: new RegExp(`^${row} × H${h}:`) });
}

test('building a matrix by keyboard: hypotheses, rows tied to the case, ratings, scores, sensitivity, a note, undo, and an export cut at its marking', async ({ app, page }) => {
  const view = await openAch(page);
  await view.getByRole('button', { name: 'New matrix' }).click();
  await page.keyboard.type('Who financed the test cell?');
  await page.keyboard.press('Enter');
  const matrix = view.getByRole('region', { name: 'Matrix: Who financed the test cell?' });
  await expect(matrix.getByText('No hypotheses yet')).toBeVisible();

  // Hypotheses: typed and entered, one after the other.
  const newHypothesis = matrix.getByRole('textbox', { name: 'New hypothesis' });
  for (const statement of ['A donor abroad paid', 'The cell paid its own way', 'A state service paid']) {
    await newHypothesis.fill(statement);
    await newHypothesis.press('Enter');
    await expect(matrix.getByRole('region', { name: 'Hypotheses' })).toContainText(statement);
  }
  await expect(matrix.getByText('No evidence rows yet')).toBeVisible();

  // Rows: an assumption, an evidence row citing the Moscow attack (found by search), an AMBER assumption.
  const form = matrix.getByRole('form', { name: 'Add a row' });
  const title = form.getByLabel('Evidence or assumption, in your words');
  await title.fill('Cash needs were small');
  await form.getByRole('radio', { name: /Assumption/ }).check({ force: true });
  await form.getByRole('button', { name: 'Add row' }).click();
  await expect(matrix.getByRole('grid')).toContainText('Cash needs were small');
  await title.fill('Money moved before the attack');
  await form.getByRole('radio', { name: 'Evidence' }).check({ force: true });
  await expect(form.getByRole('button', { name: 'Add row' })).toBeDisabled();
  await form.getByLabel('Cite records').fill('Crocus');
  await form.getByRole('list', { name: 'Records found' }).getByRole('button').first().click();
  await expect(form.getByRole('list', { name: 'Cited' })).toContainText('Crocus');
  await form.getByRole('button', { name: 'Add row' }).click();
  await expect(matrix.getByRole('grid')).toContainText('Money moved before the attack');
  await title.fill('AMBER assumption about a courier');
  await form.getByRole('radio', { name: /Assumption/ }).check({ force: true });
  await form.getByLabel('Relevance').selectOption('high');
  await form.getByLabel('Row marking').selectOption('TLP:AMBER');
  await form.getByRole('button', { name: 'Add row' }).click();
  const grid = matrix.getByRole('grid', { name: 'Rating matrix' });
  await expect(grid).toContainText('AMBER assumption about a courier');
  await expect(grid.getByRole('row', { name: /Money moved/ })).toContainText('Crocus');
  await expect(grid.getByRole('row', { name: /Cash needs/ })).toContainText('Assumption');

  // The evidence row: credibility set to High over the proposal, and the override shown.
  await cell(grid, 'Money moved before the attack', 1).click();
  const details = matrix.getByRole('region', { name: 'Row: Money moved before the attack' });
  await details.getByLabel('Credibility').selectOption('high');
  await expect(grid.getByRole('row', { name: /Money moved/ })).toContainText(/High \(set; proposed/);

  // Rated from the keyboard alone, row by row (c c = CC, i i = II), ending on the AMBER row's H1.
  await cell(grid, 'Cash needs were small', 1).focus();
  const keys = ['c', 'ArrowRight', 'n', 'ArrowRight', 'i', 'ArrowDown', 'i', 'i', 'ArrowLeft', 'i', 'ArrowLeft', 'c', 'c', 'ArrowDown', 'ArrowRight', 'c', 'ArrowRight', 'n', 'Home', 'i', 'ArrowUp'];
  for (const key of keys) await page.keyboard.press(key);
  const expected: Array<[string, string[]]> = [
    ['Cash needs were small', ['C', 'N', 'I']],
    ['Money moved before the attack', ['CC', 'I', 'II']],
    ['AMBER assumption about a courier', ['I', 'C', 'N']],
  ];
  for (const [row, ratings] of expected) for (const [k, r] of ratings.entries()) await expect(cell(grid, row, k + 1)).toHaveAttribute('data-rating', r);
  await expect(cell(grid, 'Money moved before the attack', 1)).toBeFocused();

  // Weights 2 (High × Medium), 1, 2 (Medium × High). Inconsistency H1 2, H2 2, H3 5; consistency 5, 2, 0: H1 leads.
  await expect(grid.getByTestId('hypothesis-H1')).toContainText('Inconsistency 2 · Consistency 5');
  await expect(grid.getByTestId('hypothesis-H2')).toContainText('Inconsistency 2 · Consistency 2');
  await expect(grid.getByTestId('hypothesis-H3')).toContainText('Inconsistency 5 · Consistency 0');
  await expect(grid.getByTestId('hypothesis-H1')).toContainText('Lead');
  const lead = matrix.getByTestId('ach-lead');
  await expect(lead).toContainText('Tentative lead: H1 (A donor abroad paid)');
  // Removing the evidence row, or reversing "Cash needs were small", hands the lead to H2; the AMBER row changes nothing.
  const sensitivity = lead.getByRole('list', { name: 'Sensitivity' }).getByRole('listitem');
  await expect(sensitivity).toHaveCount(2);
  await expect(sensitivity.filter({ hasText: 'Money moved before the attack' })).toContainText('removing it, H2 (The cell paid its own way) would lead');
  await expect(sensitivity.filter({ hasText: 'Cash needs were small' })).toContainText('reversing its ratings, H2 (The cell paid its own way) would lead');
  // Diagnosticity: 4, 2, 2; sorted by it, the evidence row comes first.
  await matrix.getByLabel('Order rows').selectOption('diagnosticity');
  await expect(grid.getByRole('row').nth(1)).toContainText('Money moved before the attack');

  // Enter opens the note of the focused cell; Ctrl+Enter saves it.
  await cell(grid, 'Money moved before the attack', 1).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('Rated CC (very consistent)');
  await page.keyboard.type('Transfers seen in the court papers');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(cell(grid, 'Money moved before the attack', 1)).toHaveAttribute('aria-label', /has a note/);

  // Undo takes back the note, then the last rating (the AMBER row's I), and the scores move back with it.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(cell(grid, 'Money moved before the attack', 1)).not.toHaveAttribute('aria-label', /has a note/);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(cell(grid, 'AMBER assumption about a courier', 1)).toHaveAttribute('data-rating', '');
  await expect(grid.getByTestId('hypothesis-H1')).toContainText('Inconsistency 0 · Consistency 5');

  // Exported alone at TLP:GREEN: the AMBER row stays out and the scores are computed without it.
  await matrix.getByLabel('Export marking').selectOption('TLP:GREEN');
  const downloading = page.waitForEvent('download');
  await matrix.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8');
  expect(csv).not.toContain('AMBER assumption');
  expect(csv).toContain('1 row(s) marked above TLP:GREEN are left out');
  // Without it: H1 0, H2 2 (the evidence row's I × 2), H3 5 (II × 2 and the assumption's I × 1).
  expect(csv.split('\r\n').find((l) => l.startsWith('Inconsistency'))).toMatch(/,0,2,5,/);
  await expect(app.toast(/as CSV at TLP:GREEN; 1 row\(s\) above it left out/)).toBeVisible();
});

test('a re-graded source flags the rows it stands behind; the row says why, and review clears the flag', async ({ app, page }) => {
  const got = await app.ipc('ach:get', { id: DEMO_MATRIX });
  if (!got.ok) throw new Error(got.error.message);
  const target = got.value.rows.find((r) => r.status.support.length > 0 && r.status.flags.length === 0);
  if (!target) throw new Error('the demo matrix has no row resting on a graded source');
  const sourceId = target.status.support[0]!.sourceId;
  const sources = await app.ipc('records:sources', {});
  if (!sources.ok) throw new Error(sources.error.message);
  const source = sources.value.records.find((s) => s.id === sourceId) as Source;

  const view = await openAch(page);
  const grid = view.getByRole('grid', { name: 'Rating matrix' });
  const row = grid.getByTestId(`row-${target.row.id}`);
  await expect(row.getByLabel(/^Flagged/)).toHaveCount(0);

  const regraded: Source = { ...source, reliability: source.reliability === 'F' ? 'A' : 'F' };
  expect((await app.ipc('records:put', { collection: 'sources', record: regraded })).ok).toBe(true);
  await expect(row.getByLabel(/^Flagged/)).toHaveAttribute('aria-label', /re-graded/);
  await expect(view.getByRole('navigation', { name: 'Matrices' })).toContainText(/[1-9]/);

  await row.getByRole('gridcell', { name: / × H1:/ }).click();
  const details = view.getByRole('region', { name: `Row: ${target.row.title}` });
  await expect(details).toContainText('Something this row rests on changed');
  await details.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(row.getByLabel(/^Flagged/)).toHaveCount(0);
});

test('the report builder previews the demo matrix as a table cut at the report’s marking, and leaves it out when unticked', async ({ app, page }) => {
  await expect(app.caseName).toBeVisible();
  await page.keyboard.press('Alt+5');
  const report = page.getByRole('tabpanel', { name: 'Report' });
  const preview = report.getByRole('article', { name: 'Report preview' });
  const question = 'Who directed the March 2024 attack on the Moscow concert hall?';
  await expect(preview).toContainText('Competing hypotheses');
  await expect(preview.getByRole('table', { name: new RegExp(question.replace(/\?/g, '\\?')) })).toBeVisible();
  await expect(preview).toContainText('Tentative lead: H');
  // The demo's AMBER row stays out of a GREEN report and is listed as left out.
  const amberRow = 'Tajik-language radio had spent three years';
  await expect(preview).not.toContainText(amberRow);
  await expect(report.getByLabel('Left out of the report')).toContainText(amberRow);
  await report.getByRole('checkbox', { name: new RegExp(question.replace(/\?/g, '\\?')) }).uncheck({ force: true });
  await expect(preview).not.toContainText('Competing hypotheses');
});

test('a partner rates a cell differently: the merge keeps both, the matrix shows the disagreement, and the team keeps it on record', async ({ app, page, host }) => {
  const got = await app.ipc('ach:get', { id: DEMO_MATRIX });
  if (!got.ok) throw new Error(got.error.message);
  const { row } = got.value.rows[0]!;
  const h1 = got.value.matrix.hypotheses[0]!.id;
  const theirs = row.ratings[h1]?.value === 'II' ? 'CC' : 'II';
  const ours = row.ratings[h1]?.value === 'N' ? 'C' : 'N';

  // The partner, from the same demo case, rates H1 of the first row their way and sends the case.
  const keys = await app.ipc('exchange:keys', {});
  if (!keys.ok) throw new Error(keys.error.message);
  const cases = new CaseService({ user: 'Partner analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(host.home, 'partner.cfcase'), 'partner passphrase', buildDemoCase('2026-01-01T00:00:00.000Z'));
  if (!created.ok) throw new Error(created.error.message);
  expect((await new AchService(cases).setCell(row.id, h1, { value: theirs })).ok).toBe(true);
  const file = join(host.home, 'partner-ach.casefile');
  await new ExchangeService(cases, 'Partner desk').exportCasefile({ out: file, maxMarking: 'TLP:RED', recipients: [keys.value.self.ageRecipient ?? ''] });
  await cases.close();

  // We rate the same cell another way, then merge their file.
  expect((await app.ipc('ach:cell', { rowId: row.id, hypothesisId: h1, value: ours })).ok).toBe(true);
  await page.keyboard.press('Alt+8');
  const exchange = page.getByRole('tabpanel', { name: 'Exchange' });
  await exchange.getByLabel('Received file path').fill(file);
  await exchange.getByRole('button', { name: 'Open and verify' }).click();
  const review = exchange.getByTestId('merge-review');
  await expect(review).toContainText('0 conflict(s)');
  await review.getByRole('button', { name: 'Apply merge' }).click();
  await expect(app.toast(/Merged “.*” from Partner desk/)).toBeVisible();

  const view = await openAch(page);
  const grid = view.getByRole('grid', { name: 'Rating matrix' });
  const disputed = grid.getByTestId(`row-${row.id}`).getByRole('gridcell', { name: / × H1:/ });
  await expect(disputed).toHaveText(`${ours} / ${theirs}*`);
  await expect(disputed).toHaveAttribute('aria-label', new RegExp(`analysts disagree: also ${theirs} by Partner analyst`));

  await disputed.click();
  const dispute = view.getByRole('group', { name: 'Disagreement on H1' });
  await expect(dispute).toContainText(`Analysts disagree on H1: ${ours}`);
  await dispute.getByRole('button', { name: 'Keep both on record' }).click();
  await expect(disputed).toHaveAttribute('aria-label', /kept on record/);
  await expect(dispute.getByRole('button', { name: 'Keep both on record' })).toHaveCount(0);
  // The team settles it their way: the partner's rating, one undoable step.
  await dispute.getByRole('button', { name: `Take ${theirs} (Partner analyst)` }).click();
  await expect(disputed).toHaveText(theirs);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(disputed).toHaveText(`${ours} / ${theirs}*`);
});
