import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel, RequestOf, ResponseOf } from '../../src/shared/ipc/contract';
import type { Result } from '../../src/shared/ipc/result';

const root = fileURLToPath(new URL('../../', import.meta.url));
const URL_LINE = /Casefile Workbench at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+))/;

/** A running browser host with its own CASEFILE_HOME. */
export interface CasefileHost {
  /** The launch URL printed by the host, token included. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The temporary CASEFILE_HOME. */
  home: string;
  /** Where the host put the demo case (when started without a store argument). */
  demoCasePath: string;
  /** Calls an IPC channel from Node, the way the renderer's transport does (token header, no Origin). */
  ipc<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** What the host wrote to stderr so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartHostOptions {
  /** A store path argument; absent, the host creates and offers the demo case. */
  store?: string;
  /** Sets CASEFILE_PASSPHRASE so the host unlocks the case before serving. */
  passphrase?: string;
}

/** Spawns `tsx src/main/hosts/browser.ts` and waits for the line with its URL. */
export async function startHost(options: StartHostOptions = {}): Promise<CasefileHost> {
  const home = await mkdtemp(join(tmpdir(), 'casefile-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CASEFILE_HOME: home };
  delete env['CASEFILE_PASSPHRASE'];
  if (options.passphrase) env['CASEFILE_PASSPHRASE'] = options.passphrase;
  // The heap Electron's main process has (4 GB), as `npm run start:browser` gives it.
  const args = ['--max-old-space-size=4096', '--import', 'tsx', 'src/main/hosts/browser.ts', ...(options.store ? [options.store] : [])];
  // detached: its own process group, so stop() reaches tsx's child process too.
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  let match: RegExpExecArray;
  try {
    match = await new Promise<RegExpExecArray>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`The browser host printed no URL within 60 s.\n${stderr}`)), 60_000);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const found = URL_LINE.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The browser host exited with code ${code} before serving.\n${stderr}`));
      });
    });
  } catch (error) {
    await kill(child);
    await rm(home, { recursive: true, force: true });
    throw error;
  }

  const [, url = '', port = '', token = ''] = match;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url,
    origin,
    token,
    home,
    demoCasePath: join(home, 'cases', 'isk-demo.cfcase'),
    async ipc(channel, request) {
      const response = await fetch(`${origin}/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': token },
        body: JSON.stringify(request),
      });
      return (await response.json()) as Result<ResponseOf<typeof channel>>;
    },
    log: () => stderr,
    async stop() {
      await kill(child);
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** SIGTERM to the host's process group (it closes the case cleanly), SIGKILL after 10 s. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
