/**
 * The browser host as the benches drive it: a node of its own with the 4 GB heap Electron's main
 * process has (as `npm start -- --browser` runs it), the case unlocked at start, and its resident
 * memory read from /proc (Linux; NaN elsewhere).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface BenchHost {
  child: ChildProcess;
  url: string;
  /** Resident memory now, MB. */
  rssMb(): number;
  /** Most resident memory so far (VmHWM), MB. */
  peakRssMb(): number;
  /** Waits until the host uses less than a fifth of a core over a second (its background work after open is done); answers the ms waited. */
  settled(timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

/** CPU time the process has used (user + system), ms. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function settled(pid: number | undefined, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const before = cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const used = cpuMs(pid) - before;
    if (!(used >= 200)) break;
  }
  return performance.now() - started;
}

function status(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const found = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return found?.[1] ? Number((Number(found[1]) / 1024).toFixed(1)) : NaN;
  } catch {
    return NaN;
  }
}

export function startHost(store: string, home: string, passphrase: string, timeoutMs = 600_000): Promise<BenchHost> {
  const env = { ...process.env, CASEFILE_HOME: home, CASEFILE_PASSPHRASE: passphrase };
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(root, 'src/main/hosts/browser.ts'), store], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`browser host printed no URL in ${timeoutMs / 1000} s: ${err}`)), timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const found = /Casefile Workbench at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: found[1], rssMb: () => status(child.pid, 'VmRSS'), peakRssMb: () => status(child.pid, 'VmHWM'), settled: (ms) => settled(child.pid, ms), stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited (${code}): ${err}`));
    });
  });
}
