/**
 * The host soak's hand-written load client (bench/soak/host-wire.ts): the soak's lost-edit and
 * failed-request figures are only as good as its reading of the host's answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NoAnswer } from '../../bench/soak/host-http';
import { parseAnswer, WireConnection } from '../../bench/soak/host-wire';

let server: Server | null = null;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  const open = server;
  server = null;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

describe('host soak wire client', () => {
  it('reads a chunked and a sized answer only once each is whole, piece by piece', () => {
    const chunked = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"ok"\r\n8\r\n:true}\u00e9\r\n0\r\n\r\n');
    const sized = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{"ok":true}\u00e9');
    for (const whole of [chunked, sized]) {
      for (let cut = 0; cut < whole.length; cut += 1) expect(parseAnswer(whole.subarray(0, cut))).toBeNull();
    }
    expect(parseAnswer(chunked)).toEqual({ status: 200, body: '{"ok":true}é', close: false });
    expect(parseAnswer(sized)).toEqual({ status: 200, body: '{"ok":true}é', close: true });
    expect(parseAnswer(Buffer.from('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'))).toEqual({ status: 408, body: '', close: true });
  });

  it('sends requests one after another on one kept-alive connection, with the token', async () => {
    const seen: Array<{ token: unknown; body: string; socket: unknown }> = [];
    const port = await serve((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ token: req.headers['x-casefile-token'], body, socket: req.socket });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, value: req.url }));
      });
    });
    const connection = new WireConnection(port, 'abc');
    const first = await connection.send('app:info', {});
    const second = await connection.send('records:put', { id: 'x' });
    connection.close();
    expect([first.status, first.reusedSocket, JSON.parse(first.body)]).toEqual([200, false, { ok: true, value: '/ipc/app:info' }]);
    expect([second.status, second.reusedSocket, JSON.parse(second.body)]).toEqual([200, true, { ok: true, value: '/ipc/records:put' }]);
    expect(seen.map((s) => [s.token, s.body])).toEqual([['abc', '{}'], ['abc', '{"id":"x"}']]);
    expect(seen[0]?.socket).toBe(seen[1]?.socket);
  });

  it('reports a connection closed with no answer as a reset, saying whether the socket was reused', async () => {
    let calls = 0;
    const port = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return void res.end('{"ok":true}');
      req.socket.destroy();
    });
    const connection = new WireConnection(port, 'abc');
    await connection.send('app:info', {});
    const failure = await connection.send('app:info', {}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NoAnswer);
    expect(failure).toMatchObject({ code: 'ECONNRESET', reusedSocket: true });
  });
});
