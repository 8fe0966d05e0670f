import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/renderer/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer/', import.meta.url));

/**
 * The renderer build. `base: './'` keeps every asset URL relative so the same output loads from
 * the browser host (http://127.0.0.1:PORT/) and from Electron's app:// protocol. Everything,
 * fonts included, is bundled: the renderer never fetches anything from the network.
 */
export default defineConfig({
  root,
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    // Never inline fonts or images as data: URLs we did not choose; keep them as files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2_000,
  },
  server: { strictPort: true },
});
