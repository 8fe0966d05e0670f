import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../src/main/hosts/electron/app-protocol';
import { createSafeStorageKeychain, type SafeStorageLike } from '../../src/main/hosts/electron/keychain';
import { isAllowedRequestUrl, isAppUrl, isTrustedOrigin, originOf, storeArgument } from '../../src/main/hosts/electron/policy';
import { CONTENT_SECURITY_POLICY } from '../../src/main/hosts/security-headers';

// The Electron host's decisions live in plain modules so they run here without an Electron binary.

describe('Electron URL policy', () => {
  it('computes the origin of app:// frames (Node reports "null" for custom schemes)', () => {
    expect(originOf('app://casefile/index.html')).toBe('app://casefile');
    expect(originOf('app://casefile/')).toBe('app://casefile');
    expect(originOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
    expect(originOf('')).toBe('');
    expect(originOf(undefined)).toBe('');
    expect(originOf('not a url')).toBe('');
    expect(originOf('data:text/html,hi')).toBe('');
  });

  it('trusts only app://casefile as an IPC sender', () => {
    expect(isTrustedOrigin(originOf('app://casefile/index.html'))).toBe(true);
    for (const url of ['app://evil/index.html', 'app://casefile.evil/', 'https://casefile/', 'file:///index.html', 'devtools://devtools/bundled/x.html', '']) {
      expect(isTrustedOrigin(originOf(url)), url).toBe(false);
    }
  });

  it('lets navigation stay inside app://casefile only', () => {
    expect(isAppUrl('app://casefile/index.html#/actors')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:9/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('cancels every request that could fetch remote or local-file content', () => {
    for (const url of ['app://casefile/assets/index.js', 'devtools://devtools/bundled/devtools_app.html', 'data:image/png;base64,AAAA', 'blob:app://casefile/123']) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
    for (const url of ['https://example.com/', 'http://127.0.0.1:9/', 'ws://127.0.0.1:9/', 'file:///etc/passwd', 'ftp://example.com/', 'app://other/x.js', 'chrome-extension://abc/x.js']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('finds the case file on the command line, skipping switches and the app path', () => {
    const cwd = resolve('/work/cases');
    expect(storeArgument(['/usr/bin/electron', '.'], false, cwd)).toBeNull();
    expect(storeArgument(['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', 'dist/electron/main.cjs'], false, cwd)).toBeNull();
    expect(storeArgument(['/usr/bin/electron', '.', 'a.cfcase'], false, cwd)).toBe(resolve(cwd, 'a.cfcase'));
    expect(storeArgument(['/opt/casefile/casefile-workbench', '--no-sandbox', '/data/b.cfcase'], true, cwd)).toBe(resolve('/data/b.cfcase'));
    expect(storeArgument(['/opt/casefile/casefile-workbench'], true, cwd)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  const root = mkdtempSync(join(tmpdir(), 'cf-protocol-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');
  const handle = createAppProtocolHandler(rendererDir);

  it('serves the renderer with the CSP and security headers', async () => {
    const index = await handle(new Request('app://casefile/'));
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Casefile</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await handle(new Request('app://casefile/assets/app.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1);');
  });

  it("the renderer's page carries the header's policy in a meta element (all but frame-ancestors, which a meta cannot set)", () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
  });

  it('refuses paths that leave the renderer folder, other hosts and other methods', async () => {
    // Request normalises plain "../"; the encoded forms reach the handler as written.
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/nope.js', '/index.html%00.js']) {
      const response = await handle(new Request(`app://casefile${path}`));
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside the renderer folder');
    }
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://casefile/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://casefile/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('safeStorage keychain port', () => {
  /** A stand-in for Electron's safeStorage: reversible, but never the plain text. */
  function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
    return {
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend,
      encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (sealed) => {
        const text = sealed.toString();
        if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return Buffer.from(text.slice(7), 'base64').toString();
      },
    };
  }

  it('wraps the data key into a 0600 file per case and unwraps it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cf-keychain-')), 'keychain');
    const keychain = createSafeStorageKeychain({ safeStorage: fakeSafeStorage('gnome_libsecret'), dir, platform: 'linux' });
    expect(keychain.unavailableReason()).toBeNull();
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    await keychain.remember('/cases/a.cfcase', key);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.bin$/);
    if (process.platform !== 'win32') expect(statSync(join(dir, files[0] as string)).mode & 0o777).toBe(0o600);
    expect((await keychain.recall('/cases/a.cfcase'))?.equals(key)).toBe(true);
    expect(await keychain.recall('/cases/other.cfcase')).toBeNull();
  });

  it("refuses Linux's basic_text backend and a missing secret store", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cf-keychain-')), 'keychain');
    const basic = createSafeStorageKeychain({ safeStorage: fakeSafeStorage('basic_text'), dir, platform: 'linux' });
    expect(basic.unavailableReason()).toMatch(/basic_text/);
    await expect(basic.remember('/cases/a.cfcase', Buffer.alloc(32, 1))).rejects.toThrow(/basic_text/);
    expect(await basic.recall('/cases/a.cfcase')).toBeNull();
    const none = createSafeStorageKeychain({ safeStorage: fakeSafeStorage('unknown', false), dir, platform: 'darwin' });
    expect(none.unavailableReason()).toMatch(/secret store/);
    // basic_text only matters on Linux; elsewhere safeStorage uses the OS keychain.
    expect(createSafeStorageKeychain({ safeStorage: fakeSafeStorage('basic_text'), dir, platform: 'win32' }).unavailableReason()).toBeNull();
  });

  it('treats an entry it cannot unwrap as no entry', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cf-keychain-')), 'keychain');
    const keychain = createSafeStorageKeychain({ safeStorage: fakeSafeStorage('kwallet5'), dir, platform: 'linux' });
    await keychain.remember('/cases/a.cfcase', Buffer.alloc(32, 7));
    const [file] = await readdir(dir);
    writeFileSync(join(dir, file as string), 'garbage');
    expect(await keychain.recall('/cases/a.cfcase')).toBeNull();
  });
});
