/**
 * `npm run soak -- host --requests N`: the real browser host (src/main/hosts/browser.ts, its own
 * process) on a temporary copy of the demo case, under N requests with the launch token
 * (`--concurrency`, default 1,000, in flight at once; every `--edit-every`th one an edit), while
 * hostile clients run beside them: a wrong token, a foreign Host, a foreign Origin, a declared
 * and a streamed oversized body, and slowloris connections that drip their headers.
 *
 * `--profile <dir>` writes a V8 CPU profile of the loaded host there; `--host-root <checkout>` runs
 * the loaded host from another checkout (a baseline), under the same load.
 *
 * The load runs in a process of its own (host-load.ts); besides the latencies it sees, the
 * figures say where they come from: the host's own time per call, its event loop lag, GC pauses
 * and group commits (src/main/hosts/host-metrics.ts), the client's own lag, and the first wave
 * (connects, a cold JIT) apart from the rest.
 *
 * Afterwards the host is stopped, started again on the same case, and every edit it acknowledged
 * is looked for. Failures: an acknowledged edit missing (`host_lost_edits`), a hostile request the
 * host let through (`host_hostile_accepted`), a slowloris connection it never cut off
 * (`host_slowloris_uncut`), and a valid request that did not get its answer (`host_failed_requests`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostMetricsReport, Spread } from '../../src/main/hosts/host-metrics';
import { PAGE_LIMIT } from '../../src/shared/ipc/bounds';
import type { SoakContext, SoakModule } from '../soak';
import { oneShot, oversizedStream, slowloris, type HostileKind, type HostileOutcome, type Target } from './host-hostile';
import { ipc, type LoadFailure, type LoadJob, type LoadResult } from './host-http';

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

async function startHost(home: string, rendererDir: string, store: string | null, options: { profileDir?: string | undefined; metricsFile?: string; hostRoot?: string } = {}): Promise<Host> {
  const env: NodeJS.ProcessEnv = { ...process.env, CASEFILE_HOME: home, CASEFILE_PASSPHRASE: DEMO_PASSPHRASE, CASEFILE_RENDERER_DIR: rendererDir };
  if (options.metricsFile) env['CASEFILE_HOST_METRICS'] = options.metricsFile;
  // tsx as a loader in the host's own process (its CLI would run the host in a child), so that
  // signals (SIGUSR2: the load starts) reach the host itself.
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  // The flags of `npm run start:browser`: the host as it is run.
  const args = [...profile, '--max-old-space-size=4096', '--import', 'tsx', 'src/main/hosts/browser.ts', ...(store ? [store] : [])];
  // Its own process group: SIGTERM reaches the node process under tsx too.
  const child = spawn(process.execPath, args, { cwd: options.hostRoot ?? root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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

/**
 * The title of every event with one of `ids` in the case the host has open, asked for by id in
 * requests of at most PAGE_LIMIT ids (the channel's bound): without ids the channel answers one
 * page of the case, which would miss most edits.
 */
async function titlesById(agent: Agent, host: Host, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let at = 0; at < ids.length; at += PAGE_LIMIT) {
    const answer = await ipc(agent, host.target.port, host.target.token, 'records:events', { ids: ids.slice(at, at + PAGE_LIMIT) });
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

/** The kernel's count of connections refused because a listen queue was full (all of loopback; 0 where unreadable). */
function listenOverflows(): number {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const at = names?.split(' ').indexOf('ListenOverflows') ?? -1;
    return at > 0 ? Number(values?.split(' ')[at] ?? 0) : 0;
  } catch {
    return 0;
  }
}

/** Failed requests counted by what went wrong (`<status or socket error> <channel> <new|reused socket>`) with their latest time. */
function failureKinds(failures: readonly LoadFailure[]): Record<string, { count: number; first_request: number; max_ms: number }> {
  const kinds: Record<string, { count: number; first_request: number; max_ms: number }> = {};
  for (const f of failures) {
    const key = `${f.status ?? f.code}${f.code && f.status !== null ? `/${f.code}` : ''} ${f.channel} ${f.reusedSocket ? 'reused' : 'new'}`;
    const kind = (kinds[key] ??= { count: 0, first_request: f.i, max_ms: 0 });
    kind.count += 1;
    kind.max_ms = Math.max(kind.max_ms, Math.round(f.ms));
  }
  return kinds;
}

/** Runs the load in its own process (host-load.ts) and reads back what it measured. */
async function runLoad(job: LoadJob, dir: string): Promise<LoadResult> {
  const jobFile = join(dir, 'load-job.json');
  await writeFile(jobFile, JSON.stringify(job));
  // A young generation large enough for a thousand requests in flight: with the default, most of
  // the client's CPU went to garbage collection, taken from the host on a small machine.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', join(root, 'bench/soak/host-load.ts'), jobFile], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the soak's load process exited with ${code}`);
  return JSON.parse(await readFile(job.out, 'utf8')) as LoadResult;
}

const soak: SoakModule = async ({ dir, options, log }: SoakContext) => {
  const requests = Number(options['requests'] ?? 100_000);
  const concurrency = Number(options['concurrency'] ?? 1_000);
  const editEvery = Number(options['edit-every'] ?? 20);
  // `--profile <dir>`: a V8 CPU profile of the host under load (where its time goes), written when it stops.
  const profileDir = typeof options['profile'] === 'string' ? options['profile'] : undefined;
  // `--host-root <checkout>`: the loaded host runs from another checkout (a baseline build), under
  // this soak's load and checks; the restart that reads the edits back uses this checkout's host.
  const hostRoot = typeof options['host-root'] === 'string' ? options['host-root'] : undefined;
  const home = join(dir, 'home');
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  // The host serves the renderer; the soak needs only its API, not a build.
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');

  const metricsFile = join(dir, 'host-metrics.json');
  const host = await startHost(home, rendererDir, null, { profileDir, metricsFile, ...(hostRoot ? { hostRoot } : {}) });
  const casePath = join(home, 'cases', 'isk-demo.cfcase');
  const probe = new Agent({ keepAlive: false });
  const events = await ipc(probe, host.target.port, host.target.token, 'records:events', {});
  const template = (JSON.parse(events.body) as { value: { records: Array<Record<string, unknown>> } }).value.records[0];
  if (!template) throw new Error('the demo case has no event to copy for edits');
  log(`host on port ${host.target.port}; ${requests} requests, ${concurrency} at once, an edit every ${editEvery}`);

  // The host's figures count from here (startup and the case's opening are not load).
  process.kill(host.child.pid!, 'SIGUSR2');
  const overflowsBefore = listenOverflows();
  let loadRunning = true;
  const hostileRun = hostile(host.target, () => loadRunning, Math.max(1, Math.floor(requests / 400)), 20);
  const load = await runLoad({ port: host.target.port, token: host.target.token, requests, concurrency, editEvery, template, out: join(dir, 'load-result.json') }, dir).finally(() => (loadRunning = false));
  const overflows = listenOverflows() - overflowsBefore;
  log(`load done in ${load.seconds.toFixed(1)} s; waiting for the hostile clients`);
  const outcomes = await hostileRun;
  if (load.firstFailure) log(`first failed request: ${load.firstFailure}`);

  await stopHost(host);
  const server = JSON.parse(await readFile(metricsFile, 'utf8')) as HostMetricsReport;
  // Reopen the case in a new host and look for every acknowledged edit.
  const again = await startHost(home, rendererDir, casePath);
  const reopenAgent = new Agent({ keepAlive: false });
  const acknowledged = new Map(load.acknowledged);
  // An edit the client saw fail may still have been applied (the answer was lost, not the edit):
  // read back too, so a failure is told apart from a loss and from an edit applied unacknowledged.
  const failedEdits = load.failures.flatMap((f) => (f.editId ? [f.editId] : []));
  let lost = acknowledged.size;
  let failedEditsApplied = failedEdits.length;
  try {
    const found = await titlesById(reopenAgent, again, [...acknowledged.keys(), ...failedEdits]);
    lost = [...acknowledged].filter(([id, title]) => found.get(id) !== title).length;
    failedEditsApplied = failedEdits.filter((id) => found.has(id)).length;
  } finally {
    await stopHost(again);
  }
  if (load.failures.length > 0) log(`failed requests by kind: ${JSON.stringify(failureKinds(load.failures))}`);

  const sortedOf = (values: number[]) => Float64Array.from(values).sort();
  const { latencies } = load;
  const sorted = sortedOf(latencies);
  const edits = sortedOf(latencies.filter((_, i) => i % editEvery === 0));
  const reads = sortedOf(latencies.filter((_, i) => i % editEvery !== 0));
  const serverOf = (pick: (channel: string) => boolean): Spread => {
    const spreads = Object.entries(server.ipc).filter(([channel]) => pick(channel)).map(([, spread]) => spread);
    // Over several channels: the worst p99 and max, the count-weighted p50 (each histogram is per channel).
    const count = spreads.reduce((sum, x) => sum + x.count, 0);
    return { count, p50_ms: count ? spreads.reduce((sum, x) => sum + x.p50_ms * x.count, 0) / count : 0, p99_ms: Math.max(0, ...spreads.map((x) => x.p99_ms)), max_ms: Math.max(0, ...spreads.map((x) => x.max_ms)) };
  };
  const serverEdits = serverOf((channel) => channel === 'records:put');
  const serverReads = serverOf((channel) => channel !== 'records:put' && channel !== 'records:events');
  const count = (kind: HostileKind) => outcomes.filter((o) => o.kind === kind && !o.accepted && !o.uncut).length;
  const figures = {
    host_requests: requests,
    host_concurrency: concurrency,
    host_seconds: Math.round(load.seconds * 10) / 10,
    host_requests_per_second: Math.round(requests / load.seconds),
    host_p50_ms: round(percentile(sorted, 50)),
    host_p99_ms: round(percentile(sorted, 99)),
    host_max_ms: round(sorted[sorted.length - 1] ?? 0),
    host_read_p50_ms: round(percentile(reads, 50)),
    host_read_p99_ms: round(percentile(reads, 99)),
    host_edit_p50_ms: round(percentile(edits, 50)),
    host_edit_p99_ms: round(percentile(edits, 99)),
    // The breakdown: the first wave (each request opens its socket; the JIT is cold) apart from the rest.
    host_first_wave_p99_ms: round(percentile(sortedOf(latencies.slice(0, concurrency)), 99)),
    host_after_first_wave_p99_ms: round(percentile(sortedOf(latencies.slice(concurrency)), 99)),
    host_connect_max_ms: round(Math.max(0, ...load.connects)),
    host_listen_overflows: overflows,
    // Inside the host: from a request's headers to its answer's last byte.
    host_server_read_p50_ms: round(serverReads.p50_ms),
    host_server_read_p99_ms: round(serverReads.p99_ms),
    host_server_edit_p50_ms: round(serverEdits.p50_ms),
    host_server_edit_p99_ms: round(serverEdits.p99_ms),
    host_server_max_ms: round(Math.max(serverReads.max_ms, serverEdits.max_ms)),
    host_server_cpu_ms: server.cpu_ms,
    host_server_loop_delay_p99_ms: round(server.loop_delay.p99_ms),
    host_server_loop_delay_max_ms: round(server.loop_delay.max_ms),
    host_server_gc_pauses: server.gc.pauses,
    host_server_gc_ms: server.gc.total_ms,
    host_server_gc_max_ms: server.gc.max_ms,
    host_server_gc_major: server.gc.major,
    host_folds: server.folds.count,
    host_fold_max_ms: server.folds.max_ms,
    host_commit_batches: server.commit.batches,
    host_commit_edits_per_batch: round(server.commit.edits / Math.max(1, server.commit.batches)),
    host_commit_max_edits: server.commit.max_edits,
    host_commit_wait_p50_ms: round(server.commit.wait.p50_ms),
    host_commit_wait_p99_ms: round(server.commit.wait.p99_ms),
    host_commit_flush_p50_ms: round(server.commit.flush.p50_ms),
    host_commit_flush_p99_ms: round(server.commit.flush.p99_ms),
    // The load's own process: its event loop lag and GC are in every latency it measures.
    host_client_loop_delay_p99_ms: load.client.loop_p99_ms,
    host_client_loop_delay_max_ms: load.client.loop_max_ms,
    host_client_gc_ms: load.client.gc_ms,
    host_client_cpu_ms: load.client.cpu_ms,
    // Sent again once because the host never received them (a reset kept-alive socket, a 408): see host-load.ts.
    host_retried_requests: Object.values(load.retried).reduce((sum, n) => sum + n, 0),
    host_retried_after_reset: Object.entries(load.retried).filter(([why]) => why !== '408').reduce((sum, [, n]) => sum + n, 0),
    host_retried_after_408: load.retried['408'] ?? 0,
    host_failed_requests: load.failed,
    // Failed with no answer at all (the socket closed or reset), and of those on a reused keep-alive socket.
    host_failed_no_answer: load.failures.filter((f) => f.status === null).length,
    host_failed_on_reused_socket: load.failures.filter((f) => f.status === null && f.reusedSocket).length,
    host_failed_edits: failedEdits.length,
    host_failed_edits_applied: failedEditsApplied,
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
