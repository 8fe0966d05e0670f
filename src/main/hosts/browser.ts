/**
 * Browser host: `npm run start:browser -- [store] [--port N]`.
 * Serves the real renderer and the real services on 127.0.0.1 for machines without an Electron
 * binary, for tests and for development. The case is unlocked from the page's dialog or from
 * CASEFILE_PASSPHRASE.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../app-services';
import { ensureDemoCase } from '../demo-bootstrap';
import { appPaths } from '../services/app-paths';
import { appVersion } from '../version';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { startHostMetrics } from './host-metrics';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

function parseArgs(argv: string[]): { store: string | null; port: number | undefined } {
  let store: string | null = null;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--port') port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) port = Number(arg.slice(7));
    else if (!arg.startsWith('--')) store = resolve(arg);
  }
  return { store, port: port !== undefined && Number.isInteger(port) && port > 0 ? port : undefined };
}

async function main(): Promise<void> {
  // The soak's load figures, only when asked for (CASEFILE_HOST_METRICS).
  const metrics = startHostMetrics();
  const args = parseArgs(process.argv.slice(2));
  const paths = appPaths();
  const rendererDir = process.env['CASEFILE_RENDERER_DIR'] ?? resolve(projectRoot, 'dist/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error(`The renderer is not built (no ${rendererDir}/index.html). Run "npm run build" first.`);
    process.exit(12);
  }
  let store = args.store;
  if (!store) {
    store = paths.demoCase;
    if ((await ensureDemoCase(store)) === 'created') console.error(`Created the demo case at ${store}.`);
  } else if (!existsSync(store)) {
    console.error(`No case file at ${store}. Create one with "npm run -s casefile -- new ${store}" or leave the argument out to open the demo case.`);
    process.exit(6);
  }

  let server: BrowserServer | null = null;
  const services = createAppServices({
    paths,
    version: appVersion(),
    host: {
      kind: 'browser',
      allowsTypedPaths: true,
      pickCaseFile: async () => null,
      chooseNewCasePath: async () => 'no-dialog',
      keychain: null,
      pickFile: async () => null,
      // Links to a file carry a key for that file only, never the launch token (see browser-server.ts).
      attachmentQuery: (sha256) => (server ? `key=${server.attachmentKey(sha256)}` : ''),
    },
    isTrustedSender: ({ origin }) => /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(origin),
  });
  metrics?.watch(services.subscribe);
  await services.recent.touch(store);

  const passphrase = process.env['CASEFILE_PASSPHRASE'];
  if (passphrase) {
    const opened = await services.cases.open(store, { passphrase });
    if (!opened.ok) console.error(`Could not unlock ${store} with CASEFILE_PASSPHRASE: ${opened.error.message} The unlock dialog will ask instead.`);
  }

  server = await startBrowserServer({ services, rendererDir, ...(args.port ? { port: args.port } : {}) });
  console.log(`Casefile Workbench at ${server.url}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const closed = await services.cases.close();
    if (!closed.ok) console.error(closed.error.message);
    await server.close();
    metrics?.write();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`The browser host stopped: ${(error as Error).message}`);
  process.exit(1);
});
