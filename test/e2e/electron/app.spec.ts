import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CasefileWindow, DEMO_PASSPHRASE, VIEW_NAMES } from './casefile-window';
import { electronBinary, expect, launchCasefile, SKIP_MESSAGE, test } from './fixtures';

test.skip(!electronBinary, SKIP_MESSAGE);

test.describe('Electron app', () => {
  test('opens on the demo case, unlocks it and shows the four views', async ({ casefile, appWindow, home }) => {
    expect(appWindow.url()).toBe('app://casefile/index.html');
    expect(existsSync(join(home, 'cases', 'isk-demo.cfcase'))).toBe(true);
    await expect(casefile.unlockDialog.fileName).toHaveText('isk-demo.cfcase');
    await casefile.unlockWith(DEMO_PASSPHRASE);
    for (const name of VIEW_NAMES) await casefile.openView(name);
  });

  test('reports itself as the Electron host with native dialogs', async ({ casefile }) => {
    expect(await casefile.ipc('app:info', {})).toMatchObject({ ok: true, value: { host: 'electron', nativeDialogs: true } });
  });

  test('a wrong passphrase is refused with a message', async ({ casefile }) => {
    await casefile.unlockDialog.unlock('not-the-passphrase');
    await expect(casefile.unlockDialog.error).toContainText('Wrong passphrase');
  });

  test('quitting closes the case (lock released) and the next start offers it again', async ({ casefile, electronApp, home }) => {
    const demo = join(home, 'cases', 'isk-demo.cfcase');
    await casefile.unlockWith(DEMO_PASSPHRASE);
    expect(existsSync(`${demo}.lock`)).toBe(true);
    await electronApp.close();
    expect(existsSync(`${demo}.lock`)).toBe(false);
    const again = await launchCasefile(home);
    try {
      const reopened = new CasefileWindow(await again.firstWindow());
      await expect(reopened.unlockDialog.fileName).toHaveText('isk-demo.cfcase');
    } finally {
      await again.close();
    }
  });
});
