// The guarantee under every cancelled deploy: request() with an aborted signal opens no connection at all,
// and an abort while waiting closes the socket at once and says 'cancelled' — not a timeout, not a
// network fault, and not after the request's own timeout ran out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { request } from '../../server/src/cluster/http';
import { ClusterError } from '../../server/src/cluster/errors';

/** a TCP server that accepts and never answers, counting connections and telling when one closes */
async function blackHole() {
  const sockets: Socket[] = [];
  const closes: (() => void)[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
    s.resume();
    s.on('close', () => closes.shift()?.());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets,
    nextClose: () => new Promise<void>((r) => closes.push(r)),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('request(): an already aborted signal sends nothing — no connection, no POST', async () => {
  const h = await blackHole();
  try {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      request(`${h.url}/v2/apps`, { method: 'POST', body: '{"id":"x"}', contentType: 'application/json', signal: ac.signal }),
      (e: unknown) => e instanceof ClusterError && e.kind === 'cancelled',
    );
    // give a connection that was wrongly started the chance to arrive
    await new Promise((r) => setImmediate(r));
    assert.equal(h.sockets.length, 0);
  } finally {
    await h.close();
  }
});

test('request(): abort while waiting for the answer rejects at once with cancelled and closes the socket', async () => {
  const h = await blackHole();
  try {
    const ac = new AbortController();
    const p = request(`${h.url}/v2/deployments`, { signal: ac.signal, timeoutMs: 30_000 });
    const outcome = p.then(
      () => 'answered',
      (e: unknown) => e,
    );
    // wait for the connection, then cancel while the server says nothing
    while (h.sockets.length === 0) await new Promise((r) => setTimeout(r, 5));
    const closed = h.nextClose();
    const t0 = performance.now();
    ac.abort();
    const e = await outcome;
    await closed;
    const ms = performance.now() - t0;
    assert.ok(e instanceof ClusterError && e.kind === 'cancelled', String(e));
    assert.match((e as Error).message, /cancelled/);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  } finally {
    await h.close();
  }
});

test('request(): a signal that never fires changes nothing (a timeout stays a timeout)', async () => {
  const h = await blackHole();
  try {
    const ac = new AbortController();
    await assert.rejects(request(`${h.url}/x`, { signal: ac.signal, timeoutMs: 200 }), (e: unknown) => e instanceof ClusterError && e.kind === 'timeout');
  } finally {
    await h.close();
  }
});
