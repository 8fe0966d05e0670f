/**
 * The host soak's load (bench/soak/host.soak.ts), in a process of its own: `concurrency` clients
 * over real keep-alive sockets, each sending its next request as soon as its answer is in, every
 * `editEvery`th one an edit. Its own process so that the hostile clients and the soak's
 * bookkeeping never delay it: what it measures is the host's answer over the socket, end to end.
 * It records its own event loop lag and GC, so that the client's share of a latency can be told.
 *
 * Run: `node --import tsx bench/soak/host-load.ts <job.json>`; writes a `LoadResult` to `job.out`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { ipc, type LoadJob, type LoadResult } from './host-http';

async function run(job: LoadJob): Promise<LoadResult> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let gcMs = 0;
  let gcMajorMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcMajorMax = Math.max(gcMajorMax, entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  loop.enable();
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies = new Array<number>(job.requests).fill(0);
  const connects = new Array<number>(job.requests).fill(0);
  const acknowledged: Array<[string, string]> = [];
  let next = 0;
  let failed = 0;
  let firstFailure = '';
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    for (let i = next++; i < job.requests; i = next++) {
      const edit = i % job.editEvery === 0;
      const id = `event--soak-${i}`;
      const title = `Soak edit ${i}`;
      const [channel, payload] = edit ? ['records:put', { collection: 'events', record: { ...job.template, id, title } }] : i % 3 === 0 ? ['case:status', {}] : i % 3 === 1 ? ['app:info', {}] : ['history:list', { limit: 5 }];
      const t0 = performance.now();
      try {
        const answer = await ipc(agent, job.port, job.token, channel, payload);
        latencies[i] = performance.now() - t0;
        connects[i] = answer.connectMs;
        const ok = answer.status === 200 && (JSON.parse(answer.body) as { ok: boolean }).ok;
        if (!ok) {
          failed += 1;
          firstFailure ||= `${channel}: ${answer.status} ${answer.body.slice(0, 300)}`;
        } else if (edit) acknowledged.push([id, title]);
      } catch (error) {
        latencies[i] = performance.now() - t0;
        failed += 1;
        firstFailure ||= `${channel}: ${(error as Error).message}`;
      }
      if (i > 0 && i % 10_000 === 0) process.stderr.write(`[host] ${i} requests, ${acknowledged.length} edits acknowledged\n`);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  loop.disable();
  gc.disconnect();
  const lag = (ns: number) => Math.round(ns / 1e5) / 10;
  return { seconds, latencies, connects, acknowledged, failed, firstFailure, client: { loop_p99_ms: lag(loop.percentile(99)), loop_max_ms: lag(loop.max), gc_ms: Math.round(gcMs), gc_major_max_ms: Math.round(gcMajorMax * 10) / 10, cpu_ms: Math.round((used.user + used.system) / 1000) } };
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadJob;
run(job).then(
  (result) => writeFileSync(job.out, JSON.stringify(result)),
  (error: unknown) => {
    process.stderr.write(`the host soak's load stopped: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
