import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `casefile` CLI from source, as `npm run -s casefile --` does. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli.ts', ...args], {
      env: { ...process.env, CASEFILE_PASSPHRASE: undefined, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  stdout(): string;
  /** Resolves once stderr matches `pattern` (the moment a test sends a signal); rejects if the CLI ends first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real CLI and leaves it running, for tests that interrupt it. */
export function startCli(args: string[], env: Record<string, string | undefined> = {}): LiveCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli.ts', ...args], {
    env: { ...process.env, CASEFILE_PASSPHRASE: undefined, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const check of waiters) check();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  child.stdin.end();
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    ended,
    waitForStderr(pattern, timeoutMs = 240_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`Timed out waiting for ${pattern} on stderr; got:\n${stderr}`)), timeoutMs);
        const check = (): void => {
          if (pattern.test(stderr)) done();
        };
        const done = (error?: Error): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        waiters.add(check);
        void ended.then(() => done(pattern.test(stderr) ? undefined : new Error(`The CLI ended before ${pattern} appeared on stderr:\n${stderr}`)));
        check();
      });
    },
  };
}
