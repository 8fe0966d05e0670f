#!/usr/bin/env node
// Screenshots of every view of the demo case, light theme, 1280×800, into docs/screenshots/.
// Starts the browser host on a fresh CASEFILE_HOME (the demo case, unlocked with its published
// passphrase), drives Chromium through playwright-core the way the e2e tests do, and stops.
// Run after `npm run build`:  node scripts/screenshots.mjs [--out DIR] [--chromium PATH]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' }, chromium: { type: 'string' } } });
const out = values.out ?? join(root, 'docs', 'screenshots');
const executablePath = values.chromium ?? process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium';
const DEMO_PASSPHRASE = 'khorasan-demo';
const SIZE = { width: 1280, height: 800 };

/** Starts `tsx src/main/hosts/browser.ts` with the demo case unlocked; resolves with its URL and a stop(). */
async function startHost() {
  const home = await mkdtemp(join(tmpdir(), 'casefile-shots-'));
  const env = { ...process.env, CASEFILE_HOME: home, CASEFILE_PASSPHRASE: DEMO_PASSPHRASE };
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', 'src/main/hosts/browser.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`The browser host printed no URL within 90 s.\n${stderr}`)), 90_000);
    child.stdout.setEncoding('utf8').on('data', (c) => {
      stdout += c;
      const m = /Casefile Workbench at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}) before serving.\n${stderr}`)));
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await rm(home, { recursive: true, force: true });
  };
  return { url, stop };
}

const settle = (page, ms = 800) => page.waitForTimeout(ms);

async function main() {
  await mkdir(out, { recursive: true });
  const host = await startHost();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const saved = [];
  try {
    const page = await browser.newPage({ viewport: SIZE, colorScheme: 'light' });
    await page.addInitScript(() => localStorage.setItem('casefile.theme', 'light'));
    await page.goto(host.url);
    await page.getByTestId('case-name').filter({ hasText: /demo/ }).waitFor({ timeout: 60_000 });
    const tab = (name) => page.getByRole('tab', { name, exact: true });
    const panel = (name) => page.getByRole('tabpanel', { name });
    const shot = async (name) => {
      await page.mouse.move(1, 1);
      await settle(page);
      const path = join(out, `${name}.png`);
      await page.screenshot({ path });
      saved.push(path);
    };

    await tab('Timeline').click();
    await panel('Timeline').getByText('Attack in Kerman').first().waitFor();
    await shot('timeline');

    await panel('Timeline').getByRole('button', { name: 'Sources', exact: true }).click();
    await page.getByRole('list', { name: 'Sources' }).waitFor();
    await shot('sources');
    await page.keyboard.press('Escape');

    await tab('Actors').click();
    await panel('Actors').getByRole('table', { name: 'Actors' }).waitFor();
    await panel('Actors').getByRole('table', { name: 'Actors' }).getByRole('row').nth(1).click();
    await shot('actors');

    await page.getByRole('complementary', { name: 'Selected actor' }).getByRole('button', { name: 'Profile', exact: true }).click();
    await page.getByRole('article', { name: /^Profile of / }).waitFor();
    await shot('profile');
    await page.getByRole('button', { name: 'Back to actors' }).click();

    await panel('Actors').getByRole('group', { name: 'Actors view mode' }).getByRole('button', { name: 'Link chart' }).click();
    await panel('Actors').locator('.cf-linkchart-canvas canvas').first().waitFor();
    await settle(page, 2500);
    await shot('link-chart');

    await tab('Analytics').click();
    await panel('Analytics').locator('.cf-echart svg').first().waitFor();
    await settle(page, 1500);
    await shot('analytics');

    await tab('Map').click();
    await panel('Map').locator('.cf-map-stage svg').waitFor();
    await shot('map');

    await tab('Report').click();
    await page.getByRole('button', { name: 'Written reports' }).click();
    const existing = page.getByRole('textbox', { name: /^Text of / });
    if ((await existing.count()) === 0) {
      await page.getByLabel('New report').fill('Situation brief');
      await page.getByRole('button', { name: 'Create' }).click();
      await existing.first().click();
      await page.keyboard.type('Attacks claimed by the group rose sharply in 2021, then shifted to targets abroad.');
    }
    await existing.first().waitFor();
    await page.getByText('Unsaved changes').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
    await shot('report');

    await tab('ACH').click();
    await settle(page, 1200);
    await shot('ach');

    await tab('Import').click();
    await settle(page);
    await shot('import');

    await tab('Exchange').click();
    await panel('Exchange').getByTestId('own-fingerprint').waitFor();
    await shot('exchange');
  } finally {
    await browser.close();
    await host.stop();
  }
  for (const path of saved) console.log(path);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
