/**
 * The host soak's load (bench/soak/host.soak.ts), in a process of its own: `concurrency` clients
 * over real keep-alive sockets (host-wire.ts), each sending its next request as soon as its answer is in, every
 * `editEvery`th one an edit. Its own process so that the hostile clients and the soak's
 * bookkeeping never delay it: what it measures is the host's answer over the socket, end to end.
 * It records its own event loop lag and GC, so that the client's share of a latency can be told.
 *
 * Run: `node --import tsx bench/soak/host-load.ts <job.json>`; writes a `LoadResult` to `job.out`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { NoAnswer, type LoadFailure, type LoadJob, type LoadResult } from './host-http';
import { WireConnection } from './host-wire';

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
  const latencies = new Array<number>(job.requests).fill(0);
  const connects = new Array<number>(job.requests).fill(0);
  const acknowledged: Array<[string, string]> = [];
  let next = 0;
  const failures: LoadFailure[] = [];
  let firstFailure = '';
  const retried: Record<string, number> = {};
  /**
   * One request, sent again once (as a browser does) when the host never received it: it reset a
   * kept-alive socket the client reused after the host's keep-alive timeout (5 s idle, counted
   * from the answer's sending, so a client whose loop lags that long races it), or it cut a new
   * connection that sent no headers within its header timeout (10 s from the accept: a 408, or a
   * reset when the late request met the closed socket). The host answers every request it
   * dispatches, so a reset with no answer was never dispatched; a put of the same record again is
   * the same edit, and the soak reads back every failed edit to show none was applied. Any other
   * failure, and a second one, counts as a failed request.
   */
  const sendOnce = async (connection: WireConnection, channel: string, payload: unknown) => {
    try {
      const answer = await connection.send(channel, payload);
      if (answer.status !== 408) return answer;
      retried['408'] = (retried['408'] ?? 0) + 1;
    } catch (error) {
      if (!(error instanceof NoAnswer && (error.code === 'ECONNRESET' || error.code === 'EPIPE'))) throw error;
      const why = `${error.code} ${error.reusedSocket ? 'reused' : 'new'}`;
      retried[why] = (retried[why] ?? 0) + 1;
    }
    // On a connection of its own, closed after: the worker's next request opens one anew.
    connection.close();
    const fresh = new WireConnection(job.port, job.token);
    return fresh.send(channel, payload).finally(() => fresh.close());
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    // Each client its own keep-alive connection, one request at a time.
    const connection = new WireConnection(job.port, job.token);
    for (let i = next++; i < job.requests; i = next++) {
      const edit = i % job.editEvery === 0;
      const id = `event--soak-${i}`;
      const title = `Soak edit ${i}`;
      const [channel, payload] = edit ? ['records:put', { collection: 'events', record: { ...job.template, id, title } }] : i % 3 === 0 ? ['case:status', {}] : i % 3 === 1 ? ['app:info', {}] : ['history:list', { limit: 5 }];
      const t0 = performance.now();
      try {
        const answer = await sendOnce(connection, channel, payload);
        latencies[i] = performance.now() - t0;
        connects[i] = answer.connectMs;
        const result = answer.status === 200 ? (JSON.parse(answer.body) as { ok: boolean; error?: { code?: string } }) : null;
        if (!result?.ok) {
          failures.push({ i, channel, editId: edit ? id : null, status: answer.status, code: result?.error?.code ?? '', reusedSocket: answer.reusedSocket, ms: latencies[i]! });
          firstFailure ||= `${channel}: ${answer.status} ${answer.body.slice(0, 300)}`;
        } else if (edit) acknowledged.push([id, title]);
      } catch (error) {
        latencies[i] = performance.now() - t0;
        const { code, reusedSocket } = error instanceof NoAnswer ? error : { code: 'unknown', reusedSocket: false };
        failures.push({ i, channel, editId: edit ? id : null, status: null, code, reusedSocket, ms: latencies[i]! });
        firstFailure ||= `${channel}: ${(error as Error).message}`;
      }
      if (i > 0 && i % 10_000 === 0) process.stderr.write(`[host] ${i} requests, ${acknowledged.length} edits acknowledged\n`);
    }
    connection.close();
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  loop.disable();
  gc.disconnect();
  const lag = (ns: number) => Math.round(ns / 1e5) / 10;
  return { seconds, latencies, connects, acknowledged, failed: failures.length, firstFailure, failures, retried, client: { loop_p99_ms: lag(loop.percentile(99)), loop_max_ms: lag(loop.max), gc_ms: Math.round(gcMs), gc_major_max_ms: Math.round(gcMajorMax * 10) / 10, cpu_ms: Math.round((used.user + used.system) / 1000) } };
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadJob;
run(job).then(
  (result) => writeFileSync(job.out, JSON.stringify(result)),
  (error: unknown) => {
    process.stderr.write(`the host soak's load stopped: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
