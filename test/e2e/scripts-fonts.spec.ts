import type { Actor } from '../../src/shared/domain/actor';
import { expect, test } from './fixtures';
import { ActorsPage } from './pages/ActorsPage';

test.use({ preUnlocked: true });
// Five aliases typed, then fonts inspected one by one: more steps than most specs (no timing is asserted).
test.setTimeout(300_000);

/** Aliases in five scripts, each with the bundled family that must draw it (none from the system). */
const ALIASES = [
  { name: 'جمعیت علمائے اسلام', typed: 'ur', tag: 'ur', script: 'Arab', family: 'Noto Nastaliq Urdu' },
  { name: 'አል-ሸባብ', typed: 'Amharic', tag: 'am', script: 'Ethi', family: 'Noto Sans Ethiopic' },
  { name: 'Xarakada Al-Shabaab', typed: 'Somali', tag: 'so', script: 'Latn', family: 'Noto Sans' },
  { name: 'אל-שבאב', typed: 'he', tag: 'he', script: 'Hebr', family: 'Noto Sans Hebrew' },
  { name: 'अल-शबाब', typed: 'hi', tag: 'hi', script: 'Deva', family: 'Noto Sans' },
] as const;

test('aliases in Urdu, Amharic, Somali, Hebrew and Hindi are stored with their tags and drawn by bundled fonts, no tofu', async ({ app, page }) => {
  const actors = new ActorsPage(app);
  await actors.open();
  await actors.panel.getByRole('button', { name: 'New actor' }).click();
  await actors.dialog.getByLabel('Primary name').fill('Harakat al-Shabaab al-Mujahideen');
  for (const [i, alias] of ALIASES.entries()) await actors.addAlias(i + 1, alias.name, alias.typed);
  // A language typed by name becomes its tag, named beside the field.
  await expect(actors.dialog.getByLabel('Alias 2 language')).toHaveValue('am');
  await expect(actors.dialog.getByLabel('Alias 2 language')).toHaveAccessibleDescription('Amharic');
  await expect(actors.dialog.getByLabel('Alias 2 script')).toHaveValue('Ethi');

  // A language that does not exist is refused with a reason, and the alias stays in the form.
  const sixth = ALIASES.length + 1;
  await actors.addAlias(sixth, 'Shabaab', 'Somalian');
  await expect(actors.dialog.getByLabel(`Alias ${sixth} language`)).toHaveAccessibleDescription('not a registered language');
  await actors.dialog.getByRole('button', { name: 'Create actor' }).click();
  await expect(actors.dialog.getByText(/“Somalian” is not a registered language tag/)).toBeVisible();
  await expect(actors.dialog.getByLabel(`Alias ${sixth} name`)).toHaveValue('Shabaab');
  await actors.dialog.getByRole('button', { name: `Remove alias ${sixth}` }).click();

  await actors.dialog.getByRole('button', { name: 'Create actor' }).click();
  await expect(actors.dialog).toBeHidden();
  const stored = await app.ipc('records:actors', {});
  const actor = stored.ok ? stored.value.records.find((a: Actor) => a.name === 'Harakat al-Shabaab al-Mujahideen') : undefined;
  expect(actor?.aliases.map((a) => [a.name, a.language, a.script])).toEqual(ALIASES.map((a) => [a.name, a.tag, a.script]));

  // Found from the Amharic and the Hebrew spelling of a Latin name.
  for (const query of ['ሸባብ', 'שבאב']) {
    await actors.find(query);
    await expect(actors.row('Harakat al-Shabaab al-Mujahideen')).toBeVisible();
  }
  await actors.row('Harakat al-Shabaab al-Mujahideen').click();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  for (const alias of ALIASES) {
    const selector = `[aria-label="Selected actor"] bdi[lang="${alias.tag}"]`;
    await expect(page.locator(selector)).toHaveText(alias.name);
    // The family's faces for these characters load and hold every glyph of the name.
    const covered = await page.evaluate(
      async ({ family, text }) => {
        await document.fonts.load(`16px "${family}"`, text);
        return document.fonts.check(`16px "${family}"`, text);
      },
      { family: alias.family, text: alias.name.replace(/[\s-]/g, '') },
    );
    expect(covered, `${alias.family} covers ${alias.name}`).toBe(true);
    // What Chromium really drew the text with: bundled web fonts only, the expected one for the letters.
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.length, `fonts used for ${alias.name}`).toBeGreaterThan(0);
    for (const font of fonts) expect(font.isCustomFont, `${alias.name}: ${font.familyName} is a bundled font, not a system fallback`).toBe(true);
    const letters = fonts.filter((f) => f.familyName === alias.family || f.familyName.startsWith(alias.family));
    expect(letters.reduce((n, f) => n + f.glyphCount, 0), `${alias.family} drew ${alias.name}: ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual([...alias.name.replace(/[\s-]/g, '')].length / 2);
  }
});
