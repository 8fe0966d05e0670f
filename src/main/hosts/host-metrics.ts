/**
 * Where the browser host's time goes under load, for the host soak (bench/soak/host.soak.ts).
 * Off unless CASEFILE_HOST_METRICS names a file: then the host records, from SIGUSR2 (the start of
 * the load) until it stops, how long each IPC call took inside the host (by channel), how late its
 * event loop ran, its GC pauses and its group commits (store/group-commit.ts), and writes them
 * there as JSON when it stops. Nothing is subscribed, so nothing is paid, when it is off.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { constants, createHistogram, monitorEventLoopDelay, PerformanceObserver, type RecordableHistogram } from 'node:perf_hooks';
import { GROUP_COMMIT_CHANNEL, type GroupCommitTiming } from '../store/group-commit';

/** Percentiles of a histogram of microseconds, in milliseconds. */
export interface Spread {
  count: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface HostMetricsReport {
  /** Milliseconds from the request's headers to its answer's last byte, by IPC channel. */
  ipc: Record<string, Spread>;
  /** How late the event loop ran (10 ms resolution): a long synchronous task shows here. */
  loop_delay: Spread;
  gc: { pauses: number; total_ms: number; max_ms: number; major: number; major_max_ms: number };
  /** Group commit: edits per batch, how long a batch waited for the store's queue, how long its build + write + fsync took. */
  commit: { batches: number; edits: number; max_edits: number; wait: Spread; flush: Spread };
  /** Folds of the journal into the snapshot (each holds up the edits behind it), and how long the longest took. */
  folds: { count: number; max_ms: number };
  /** CPU time the host used (user + system). */
  cpu_ms: number;
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

function spread(h: RecordableHistogram | ReturnType<typeof monitorEventLoopDelay>, unitNs: number): Spread {
  if (h.count === 0) return { count: 0, p50_ms: 0, p99_ms: 0, max_ms: 0 };
  return { count: h.count, p50_ms: ms(h.percentile(50) * unitNs), p99_ms: ms(h.percentile(99) * unitNs), max_ms: ms(h.max * unitNs) };
}

/** Starts recording when CASEFILE_HOST_METRICS is set; returns the writer to call as the host stops (or null). */
export function startHostMetrics(env: NodeJS.ProcessEnv = process.env): { watch: (subscribe: (listener: (name: string, payload: unknown) => void) => unknown) => void; write: () => void } | null {
  const file = env['CASEFILE_HOST_METRICS'];
  if (!file) return null;
  let ipc = new Map<string, RecordableHistogram>();
  let loop = monitorEventLoopDelay({ resolution: 10 });
  let gc = { pauses: 0, total_ms: 0, max_ms: 0, major: 0, major_max_ms: 0 };
  let commit = { batches: 0, edits: 0, max_edits: 0, wait: createHistogram(), flush: createHistogram() };
  let cpu = process.cpuUsage();
  let folds = { count: 0, max_ms: 0 };
  let foldStarted: number | null = null;
  const reset = () => {
    cpu = process.cpuUsage();
    folds = { count: 0, max_ms: 0 };
    ipc = new Map();
    loop.disable();
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    gc = { pauses: 0, total_ms: 0, max_ms: 0, major: 0, major_max_ms: 0 };
    commit = { batches: 0, edits: 0, max_edits: 0, wait: createHistogram(), flush: createHistogram() };
  };
  loop.enable();
  process.on('SIGUSR2', reset);

  const started = new WeakMap<IncomingMessage, bigint>();
  subscribe('http.server.request.start', (message) => started.set((message as { request: IncomingMessage }).request, process.hrtime.bigint()));
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const at = started.get(request);
    const channel = /^\/ipc\/([^?]+)/.exec(request.url ?? '')?.[1];
    if (at === undefined || channel === undefined) return;
    let h = ipc.get(channel);
    if (!h) ipc.set(channel, (h = createHistogram()));
    h.record(Math.max(1, Number((process.hrtime.bigint() - at) / 1000n)));
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.pauses += 1;
      gc.total_ms += entry.duration;
      gc.max_ms = Math.max(gc.max_ms, entry.duration);
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major += 1;
        gc.major_max_ms = Math.max(gc.major_max_ms, entry.duration);
      }
    }
  }).observe({ entryTypes: ['gc'] });
  subscribe(GROUP_COMMIT_CHANNEL, (message) => {
    const timing = message as GroupCommitTiming;
    commit.batches += 1;
    commit.edits += timing.edits;
    commit.max_edits = Math.max(commit.max_edits, timing.edits);
    commit.wait.record(Math.max(1, Math.round(timing.waitMs * 1000)));
    commit.flush.record(Math.max(1, Math.round(timing.flushMs * 1000)));
  });

  return {
    // The case service's autosave pushes say when a fold starts and ends.
    watch: (subscribeTo) =>
      void subscribeTo((name, payload) => {
        if (name !== 'case:autosave') return;
        const state = (payload as { state?: string }).state;
        if (state === 'folding') foldStarted = performance.now();
        else if (foldStarted !== null) {
          folds.count += 1;
          folds.max_ms = Math.max(folds.max_ms, Math.round(performance.now() - foldStarted));
          foldStarted = null;
        }
      }),
    write: () => {
      const used = process.cpuUsage(cpu);
      const report: HostMetricsReport = {
        cpu_ms: Math.round((used.user + used.system) / 1000),
        folds,
        ipc: Object.fromEntries([...ipc].map(([channel, h]) => [channel, spread(h, 1000)])),
        loop_delay: spread(loop, 1),
        gc: { ...gc, total_ms: Math.round(gc.total_ms), max_ms: Math.round(gc.max_ms * 10) / 10, major_max_ms: Math.round(gc.major_max_ms * 10) / 10 },
        commit: { batches: commit.batches, edits: commit.edits, max_edits: commit.max_edits, wait: spread(commit.wait, 1000), flush: spread(commit.flush, 1000) },
      };
      writeFileSync(file, JSON.stringify(report));
    },
  };
}
