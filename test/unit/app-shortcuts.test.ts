import { describe, expect, it } from 'vitest';
import { appShortcuts } from '../../src/renderer/app/shortcuts';
import { VIEWS } from '../../src/renderer/app/views';

const combosOf = (host: 'electron' | 'browser') => Object.fromEntries(appShortcuts(host).map((s) => [s.action, s.combos]));

describe('app shortcuts', () => {
  it('number the views in tab order: the fifth tab (Map) is the fifth digit', () => {
    const combos = combosOf('electron');
    VIEWS.forEach((view, i) => expect(combos[`view:${view.id}`], view.label).toEqual([`mod+${i + 1}`]));
    expect(VIEWS.findIndex((v) => v.id === 'map')).toBeGreaterThanOrEqual(0);
    expect(combos[`view:${VIEWS[4]!.id}`]).toEqual(['mod+5']);
  });

  it('in the browser host, offer Alt shortcuts that reach the page (Ctrl+L, Ctrl+O and Ctrl+digits belong to the browser)', () => {
    const combos = combosOf('browser');
    VIEWS.forEach((view, i) => expect(combos[`view:${view.id}`]).toContain(`alt+${i + 1}`));
    expect(combos['lock']).toContain('alt+l');
    expect(combos['switcher']).toContain('alt+o');
    const browserOwned = ['mod+l', 'mod+o', ...VIEWS.map((_, i) => `mod+${i + 1}`)];
    for (const s of appShortcuts('browser')) for (const c of s.combos) expect(browserOwned).not.toContain(c);
    // Electron keeps its Ctrl shortcuts.
    expect(combosOf('electron')['lock']).toEqual(['mod+l']);
  });
});
