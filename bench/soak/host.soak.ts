/**
 * `npm run soak -- host --requests N`: the real browser host (src/main/hosts/browser.ts, its own
 * process) on a temporary copy of the demo case, under N requests with the launch token
 * (`--concurrency`, default 1,000, in flight at once; every `--edit-every`th one an edit), while
 * hostile clients run beside them: a wrong token, a foreign Host, a foreign Origin, a declared
 * and a streamed oversized body, and slowloris connections that drip their headers.
 *
 * `--profile <dir>` writes a V8 CPU profile of the loaded host there.
 *
 * Afterwards the host is stopped, started again on the same case, and every edit it acknowledged
 * is looked for. Failures: an acknowledged edit missing (`host_lost_edits`), a hostile request the
 * host let through (`host_hostile_accepted`), a slowloris connection it never cut off
 * (`host_slowloris_uncut`), and a valid request that did not get its answer (`host_failed_requests`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_LIMIT } from '../../src/shared/ipc/bounds';
import type { SoakContext, SoakModule } from '../soak';
import { oneShot, oversizedStream, slowloris, type HostileKind, type HostileOutcome, type Target } from './host-hostile';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_PASSPHRASE = 'khorasan-demo';
const URL_LINE = /Casefile Workbench at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/;
/** Every slowloris connection must be cut within this (the host's header timeout is 10 s). */
const SLOWLORIS_DEADLINE_MS = 20_000;

interface Host {
  target: Target;
  child: ChildProcess;
  log: () => string;
}

async function startHost(home: string, rendererDir: string, store: string | null, profileDir?: string): Promise<Host> {
  const env: NodeJS.ProcessEnv = { ...process.env, CASEFILE_HOME: home, CASEFILE_PASSPHRASE: DEMO_PASSPHRASE, CASEFILE_RENDERER_DIR: rendererDir };
  // Profiled, tsx runs as a loader in the host's own process (its CLI would run the host in a child).
  const runner = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx'] : [join(root, 'node_modules/tsx/dist/cli.mjs')];
  const args = [...runner, 'src/main/hosts/browser.ts', ...(store ? [store] : [])];
  // Its own process group: SIGTERM reaches the node process under tsx too.
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the browser host printed no URL within 60 s\n${stderr}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const found = URL_LINE.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser host exited with ${code} before serving\n${stderr}`)));
  });
  return { target: { port: Number(match[1]), token: match[2] ?? '' }, child, log: () => stderr };
}

/** SIGTERM (the host closes the case cleanly) and wait; SIGKILL after 30 s. */
async function stopHost(host: Host): Promise<void> {
  const { child } = host;
  if (child.exitCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

interface Answer {
  status: number;
  body: string;
}

function ipc(agent: Agent, target: Target, channel: string, payload: unknown): Promise<Answer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent, host: '127.0.0.1', port: target.port, method: 'POST', path: `/ipc/${channel}`, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Casefile-Token': target.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The title of every event with one of `ids` in the case the host has open, asked for by id in
 * requests of at most PAGE_LIMIT ids (the channel's bound): without ids the channel answers one
 * page of the case, which would miss most edits.
 */
async function titlesById(agent: Agent, host: Host, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let at = 0; at < ids.length; at += PAGE_LIMIT) {
    const answer = await ipc(agent, host.target, 'records:events', { ids: ids.slice(at, at + PAGE_LIMIT) });
    const result = JSON.parse(answer.body) as { ok: boolean; value?: { records: Array<{ id: string; title: string }> }; error?: { message: string } };
    if (!result.ok || !result.value) throw new Error(`the reopened case did not answer records:events: ${result.error?.message ?? answer.status}\n${host.log()}`);
    for (const record of result.value.records) found.set(record.id, record.title);
  }
  return found;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Hostile traffic beside the load until `running()` is false: one-shot kinds in turn, slowloris connections kept open. */
async function hostile(target: Target, running: () => boolean, perKind: number, slowlorisConnections: number): Promise<HostileOutcome[]> {
  const outcomes: HostileOutcome[] = [];
  const kinds = ['wrong_token', 'foreign_host', 'foreign_origin', 'oversized'] as const;
  const oneShots = (async () => {
    for (let r = 0; r < perKind; r += 1) {
      outcomes.push(...(await Promise.all(kinds.map((kind) => oneShot(kind, target)))));
      if (r % 50 === 0) outcomes.push(await oversizedStream(target));
      // Spread over the run rather than all at its start.
      if (running()) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const lorises = Array.from({ length: slowlorisConnections }, async () => {
    // Each slowloris opens again once cut, for as long as the load runs (at least once).
    do outcomes.push(await slowloris(target, 100, SLOWLORIS_DEADLINE_MS));
    while (running());
  });
  await Promise.all([oneShots, ...lorises]);
  return outcomes;
}

const soak: SoakModule = async ({ dir, options, log }: SoakContext) => {
  const requests = Number(options['requests'] ?? 100_000);
  const concurrency = Number(options['concurrency'] ?? 1_000);
  const editEvery = Number(options['edit-every'] ?? 20);
  // `--profile <dir>`: a V8 CPU profile of the host under load (where its time goes), written when it stops.
  const profileDir = typeof options['profile'] === 'string' ? options['profile'] : undefined;
  const home = join(dir, 'home');
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  // The host serves the renderer; the soak needs only its API, not a build.
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');

  const host = await startHost(home, rendererDir, null, profileDir);
  const casePath = join(home, 'cases', 'isk-demo.cfcase');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const events = await ipc(agent, host.target, 'records:events', {});
  const template = (JSON.parse(events.body) as { value: { records: Array<Record<string, unknown>> } }).value.records[0];
  if (!template) throw new Error('the demo case has no event to copy for edits');
  log(`host on port ${host.target.port}; ${requests} requests, ${concurrency} at once, an edit every ${editEvery}`);

  const latencies = new Float64Array(requests);
  const acknowledged = new Map<string, string>();
  let next = 0;
  let failed = 0;
  let firstFailure = '';
  let loadRunning = true;
  const started = performance.now();

  const hostileRun = hostile(host.target, () => loadRunning, Math.max(1, Math.floor(requests / 400)), 20);
  const worker = async () => {
    for (let i = next++; i < requests; i = next++) {
      const edit = i % editEvery === 0;
      const id = `event--soak-${i}`;
      const title = `Soak edit ${i}`;
      const [channel, payload] = edit ? ['records:put', { collection: 'events', record: { ...template, id, title } }] : i % 3 === 0 ? ['case:status', {}] : i % 3 === 1 ? ['app:info', {}] : ['history:list', { limit: 5 }];
      const t0 = performance.now();
      try {
        const answer = await ipc(agent, host.target, channel, payload);
        latencies[i] = performance.now() - t0;
        const ok = answer.status === 200 && (JSON.parse(answer.body) as { ok: boolean }).ok;
        if (!ok) {
          failed += 1;
          firstFailure ||= `${channel}: ${answer.status} ${answer.body.slice(0, 300)}`;
        } else if (edit) acknowledged.set(id, title);
      } catch (error) {
        latencies[i] = performance.now() - t0;
        failed += 1;
        firstFailure ||= `${channel}: ${(error as Error).message}`;
      }
      if (i > 0 && i % 10_000 === 0) log(`${i} requests, ${acknowledged.size} edits acknowledged`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  loadRunning = false;
  log(`load done in ${seconds.toFixed(1)} s; waiting for the hostile clients`);
  const outcomes = await hostileRun;
  agent.destroy();
  if (firstFailure) log(`first failed request: ${firstFailure}`);

  await stopHost(host);
  // Reopen the case in a new host and look for every acknowledged edit.
  const again = await startHost(home, rendererDir, casePath);
  const reopenAgent = new Agent({ keepAlive: false });
  let lost = acknowledged.size;
  try {
    const found = await titlesById(reopenAgent, again, [...acknowledged.keys()]);
    lost = [...acknowledged].filter(([id, title]) => found.get(id) !== title).length;
  } finally {
    await stopHost(again);
  }

  const sorted = latencies.slice().sort();
  const edits = latencies.filter((_, i) => i % editEvery === 0).sort();
  const reads = latencies.filter((_, i) => i % editEvery !== 0).sort();
  const count = (kind: HostileKind) => outcomes.filter((o) => o.kind === kind && !o.accepted && !o.uncut).length;
  const figures = {
    host_requests: requests,
    host_concurrency: concurrency,
    host_seconds: Math.round(seconds * 10) / 10,
    host_requests_per_second: Math.round(requests / seconds),
    host_p50_ms: round(percentile(sorted, 50)),
    host_p99_ms: round(percentile(sorted, 99)),
    host_max_ms: round(sorted[sorted.length - 1] ?? 0),
    host_read_p99_ms: round(percentile(reads, 99)),
    host_edit_p50_ms: round(percentile(edits, 50)),
    host_edit_p99_ms: round(percentile(edits, 99)),
    host_failed_requests: failed,
    host_edits_acknowledged: acknowledged.size,
    host_lost_edits: lost,
    host_refused_wrong_token: count('wrong_token'),
    host_refused_foreign_host: count('foreign_host'),
    host_refused_foreign_origin: count('foreign_origin'),
    host_refused_oversized: count('oversized') + count('oversized_stream'),
    host_slowloris_timed_out: count('slowloris'),
    host_slowloris_max_held_ms: Math.round(Math.max(0, ...outcomes.filter((o) => o.kind === 'slowloris').map((o) => o.ms))),
    host_slowloris_uncut: outcomes.filter((o) => o.uncut).length,
    host_hostile_accepted: outcomes.filter((o) => o.accepted).length,
  };
  const odd = outcomes.filter((o) => !o.accepted && !o.uncut && o.status !== null && o.status >= 500);
  if (odd.length > 0) log(`${odd.length} hostile requests were answered with a server error (${odd[0]?.kind}: ${odd[0]?.status})`);
  return { figures, failures: ['host_lost_edits', 'host_hostile_accepted', 'host_slowloris_uncut', 'host_failed_requests'] };
};

export default soak;
