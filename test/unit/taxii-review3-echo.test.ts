import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hideCutSecret, TaxiiClient } from '../../src/main/services/taxii/client';

/** A server (or a debugging proxy in front of it) that echoes the request's Authorization header in its errors. */
const TOKEN = 'echo-tok-93f1c2-never-shown';
const PASSWORD = 'echo-pw-41aa7e-never-shown';
let url = '';
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const auth = req.headers.authorization ?? '';
    const plain = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : auth;
    res.writeHead(path.includes('/collections/') ? 202 : 401, { 'Content-Type': 'application/taxii+json;version=2.1' });
    if (path.includes('/collections/')) {
      return res.end(JSON.stringify({ id: 's', status: 'complete', total_count: 1, success_count: 0, failure_count: 1, pending_count: 0, failures: [{ id: 'identity--00000000-0000-4000-8000-000000000001', message: `refused for ${plain} (${auth})` }] }));
    }
    res.end(JSON.stringify({ title: 'Unauthorized', description: `bad credentials: ${auth} = ${plain}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('TAXII review 3: a server that echoes the credentials in its error text', () => {
  it('the failure message (shown in the renderer, printed by the CLI) carries neither the token nor the password', async () => {
    const bearer = await new TaxiiClient({ auth: { kind: 'bearer', token: TOKEN }, retries: 0, timeoutMs: 2_000 }).discovery(`${url}/taxii2/`);
    const basic = await new TaxiiClient({ auth: { kind: 'basic', user: 'ana', password: PASSWORD }, retries: 0, timeoutMs: 2_000 }).discovery(`${url}/taxii2/`);
    expect(bearer).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(basic).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    const said = JSON.stringify([bearer, basic]);
    expect(said).toContain('bad credentials');
    expect(said).not.toContain(TOKEN);
    expect(said).not.toContain(PASSWORD);
    expect(said).not.toContain(Buffer.from(`ana:${PASSWORD}`).toString('base64'));
  });

  it('a push failure message from the status resource carries neither', async () => {
    const client = new TaxiiClient({ auth: { kind: 'basic', user: 'ana', password: PASSWORD }, retries: 0, timeoutMs: 2_000 });
    const root = { url: `${url}/api1/`, title: 'api1', maxContentLength: 10_000_000 } as Parameters<TaxiiClient['push']>[0];
    const outcome = await client.push(root, 'c1', [{ type: 'identity', spec_version: '2.1', id: 'identity--00000000-0000-4000-8000-000000000001', name: 'x' }]);
    expect(outcome.failed.length).toBe(1);
    const said = JSON.stringify(outcome);
    expect(said).toContain('refused for');
    expect(said).not.toContain(PASSWORD);
    expect(said).not.toContain(Buffer.from(`ana:${PASSWORD}`).toString('base64'));
  });
});

describe('TAXII review 3: a secret cut where a server text is shortened', () => {
  it('hides the start of a secret left before the cut mark, not only whole secrets', () => {
    const cut = `bad credentials: Bearer ${TOKEN.slice(0, 11)}…`;
    expect(hideCutSecret(cut, TOKEN)).toBe('bad credentials: Bearer [secret hidden]…');
    expect(hideCutSecret(cut, TOKEN)).not.toContain(TOKEN.slice(0, 5));
    // Words that only share a short start with the secret are kept.
    expect(hideCutSecret('refused for ech…', TOKEN)).toBe('refused for ech…');
  });
});
