import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The provided medallion server (issue 16), beside the checkout: ../shared/tools/taxii-server. */
export const TAXII_SERVER_DIR = resolve(process.cwd(), '..', 'shared', 'tools', 'taxii-server');
export const RW_COLLECTION = '06019d9b-2cb0-40de-89c4-33c7eec76e7a';
export const RO_COLLECTION = '8965c052-c2a7-48a4-bc67-db7e40f8a0b9';
export const ANALYST = { kind: 'basic', user: 'analyst', password: 'analyst-pass' } as const;
export const READER = { kind: 'basic', user: 'reader', password: 'reader-pass' } as const;

/** Why the interop tests cannot run here, or null when they can. */
export function taxiiServerMissing(): string | null {
  if (!existsSync('/usr/bin/python3')) return 'TAXII interop tests skipped: /usr/bin/python3 is missing (install python3 and the packages listed in ../shared/tools/taxii-server/README.md)';
  if (!existsSync(resolve(TAXII_SERVER_DIR, 'run.sh'))) return `TAXII interop tests skipped: the test server is missing at ${TAXII_SERVER_DIR}`;
  return null;
}

export interface RunningTaxiiServer {
  /** The discovery URL, http://127.0.0.1:<port>/taxii2/ */
  url: string;
  stop(): Promise<void>;
}

/** Starts the server on a free port (memory backend: every start is fresh) and waits for its READY line. */
export function startTaxiiServer(): Promise<RunningTaxiiServer> {
  return new Promise((resolveStart, reject) => {
    const child: ChildProcess = spawn(resolve(TAXII_SERVER_DIR, 'run.sh'), ['0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the TAXII test server did not start within 20 s: ${err.slice(-500)}`));
    }, 20_000);
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the TAXII test server exited (${code}) before it was ready: ${err.slice(-500)} — install its Debian packages (see ${TAXII_SERVER_DIR}/README.md)`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /READY (\S+)/.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolveStart({
        url: ready[1] as string,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
