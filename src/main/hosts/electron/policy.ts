/**
 * What the Electron host lets in and out, as plain functions (no electron import) so unit tests
 * can pin them down: the one origin we trust, the URLs a window may load or navigate to, and
 * the store path given on the command line.
 */
import { resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'casefile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Chromium's built-in PDF viewer (a component extension; its id is fixed in Chromium and Electron). */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';
/** The browser's own static files (scripts, styles, fonts) the PDF viewer's pages import. */
export const BROWSER_RESOURCES_ORIGIN = 'chrome://resources';

/**
 * `scheme://host[:port]` of a URL, or '' when there is none. Node's URL reports the origin of a
 * custom scheme as "null", so this builds it by hand; it is what the IPC guard compares.
 */
export function originOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if (!parsed.host) return '';
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '';
  }
}

/** The IPC guard's sender check: only frames served from app://casefile may call the services. */
export function isTrustedOrigin(origin: string): boolean {
  return origin === APP_ORIGIN;
}

/** Navigation (and redirects) may only stay inside our own origin. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** The built-in PDF viewer's own pages, which show a case's PDF inside our frame (and nothing remote). */
export function isPdfViewerUrl(url: string): boolean {
  return originOf(url) === PDF_VIEWER_ORIGIN;
}

/**
 * Whether a request from any web contents may proceed. Our own origin; the built-in PDF viewer's
 * pages and the browser's resources they import (it shows a case's PDF, fetched from our origin); DevTools (development
 * only, it is disabled in packaged builds); and data:/blob: URLs, which carry in-page bytes (icons,
 * fonts, generated downloads) and can fetch nothing remote. Everything else — http(s), ws(s),
 * file:, ftp:, other custom schemes — is cancelled, so no remote or local-file content can load.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url) || isPdfViewerUrl(url) || originOf(url) === BROWSER_RESOURCES_ORIGIN) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return scheme === 'devtools:' || scheme === 'data:' || scheme === 'blob:';
}

/**
 * The one permission granted: writing sanitized text to the clipboard ("Copy as Markdown"),
 * and only to our own pages. Camera, microphone, geolocation, notifications, reading the
 * clipboard and every other permission are refused.
 */
export function isAllowedPermission(permission: string, requestingOrigin: string): boolean {
  return permission === 'clipboard-sanitized-write' && requestingOrigin === APP_ORIGIN;
}

/**
 * The case file named on the command line, if any. `argv` is process.argv (or the argv of a
 * second instance): the executable, Chromium/Electron switches anywhere (`--inspect=0`, ...),
 * in development the app path (`electron .` or `electron dist/electron/main.cjs`) as the first
 * plain argument, then ours. Switches are skipped; the last plain argument wins.
 */
export function storeArgument(argv: readonly string[], isPackaged: boolean, cwd: string = process.cwd()): string | null {
  let skipAppPath = !isPackaged;
  let store: string | null = null;
  for (const arg of argv.slice(1)) {
    if (arg.length === 0 || arg.startsWith('-')) continue;
    if (skipAppPath) {
      skipAppPath = false;
      continue;
    }
    store = resolve(cwd, arg);
  }
  return store;
}
