import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// electron-builder ships js-yaml and its own schema validator; use exactly what `npm run package` uses.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: unknown;
  files?: unknown[];
  electronFuses?: Record<string, unknown>;
  linux?: { target?: unknown; category?: string; maintainer?: string; icon?: string };
  win?: { target?: unknown };
  mac?: { target?: unknown };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
/** The Electron host's code with its comments removed (by the TypeScript printer), so prose cannot satisfy or trip a check. */
const electronSource = ts
  .createPrinter({ removeComments: true })
  .printFile(ts.createSourceFile('electron.ts', readFileSync('src/main/hosts/electron.ts', 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));

function targets(section: { target?: unknown } | undefined): string[] {
  const list = Array.isArray(section?.target) ? section.target : [section?.target];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target?: string } | undefined)?.target ?? '')).filter(Boolean);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('sets every security fuse as required', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packages the bundles only, in an asar', () => {
    expect(config.appId).toBe('org.casefile.workbench');
    expect(config.productName).toBe('Casefile Workbench');
    expect(config.asar).toBe(true);
    const files = (config.files ?? []).map(String);
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    for (const pattern of files.filter((f) => !f.startsWith('!'))) expect(pattern).toMatch(/^(dist\/(electron|renderer)\/\*\*|package\.json)$/);
  });

  it('builds AppImage, deb, nsis and dmg', () => {
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets(config.win)).toContain('nsis');
    expect(targets(config.mac)).toContain('dmg');
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.linux?.category).toMatch(/Office|Utility/);
  });
});

// A static guard, honestly labelled: it reads the source of the Electron host, it does not run it
// (the Electron e2e security spec does that where an Electron binary exists).
describe('src/main/hosts/electron.ts (static check of the source text)', () => {
  it('creates windows with isolation, sandbox and no Node', () => {
    expect(electronSource).toMatch(/contextIsolation:\s*true/);
    expect(electronSource).toMatch(/sandbox:\s*true/);
    expect(electronSource).toMatch(/nodeIntegration:\s*false/);
    expect(electronSource).toMatch(/webSecurity:\s*true/);
    expect(electronSource).toMatch(/webviewTag:\s*false/);
    expect(electronSource).toMatch(/app\.enableSandbox\(\)/);
    expect(electronSource).not.toMatch(/contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true|webSecurity:\s*false|webviewTag:\s*true/);
  });

  it('denies new windows, permissions and external links', () => {
    expect(electronSource).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(electronSource).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(isAllowedPermission\(/);
    expect(electronSource).toMatch(/setPermissionCheckHandler\([^)]*\) => isAllowedPermission\(/);
    expect(electronSource).toMatch(/webRequest\.onBeforeRequest/);
    expect(electronSource).toMatch(/'will-attach-webview'/);
    expect(electronSource).not.toMatch(/openExternal|@electron\/remote|enableRemoteModule/);
  });
});
