import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterError, parseClusterUri, request, parseJson, statusError } from '../../server/src/cluster/index';
import { mesosLeader, mesosState, mesosVersion } from '../../server/src/cluster/mesos';
import { marathonApp, marathonInfo, marathonLeader, marathonPing } from '../../server/src/cluster/marathon';
import { startFakeMesos } from './fake/mesos';
import { startFakeMarathon } from './fake/marathon';
import { closedPort, startForeignRedirect, startHtml200, startHuge, startRedirectLoop, startSelfSigned, startSilent } from './fake/faults';
import { corpusJson, listen } from './fake/common';
import { CredentialTrust } from '../../server/src/cluster/trust';

const SECRET = 'S3cr:t-p@ss'; // contains ':' and '@' on purpose
const SECRET_ENC = 'S3cr%3At-p%40ss';
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});
function track<T extends { close(): Promise<void> }>(x: T): T {
  closers.push(() => x.close());
  return x;
}

/** Runs `fn`, expects a ClusterError, checks it is one line and never shows the password. */
async function fails(fn: () => Promise<unknown>, kind: string, pattern: RegExp): Promise<ClusterError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof ClusterError, `not a ClusterError: ${(e as Error)?.stack}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /\n/);
    assert.ok(!e.message.includes(SECRET) && !e.message.includes(SECRET_ENC) && !e.message.includes('mypass'), e.message);
    return e;
  }
  assert.fail(`expected ${kind}`);
}

test('parseClusterUri: credentials percent-decoded into a header, never kept in the URL; the agent grammar applies', () => {
  const u = parseClusterUri(`http://admin:${SECRET_ENC}@master-1.example.com:5050/some/path`, false);
  assert.equal(u.base, 'http://master-1.example.com:5050');
  assert.deepEqual(u.credentials, { user: 'admin', password: SECRET });
  assert.equal(u.shown, 'http://admin:***@master-1.example.com:5050/some/path');
  assert.equal(parseClusterUri('http://m:8080/marathon/', true).base, 'http://m:8080/marathon');
  assert.throws(() => parseClusterUri('localhost:5050'), (e: ClusterError) => e.kind === 'bad-uri' && /no scheme/.test(e.message));
  assert.throws(() => parseClusterUri('http://mesos_master:5050'), (e: ClusterError) => e.kind === 'bad-uri' && /_/.test(e.message));
  assert.throws(() => parseClusterUri('zk://m:2181'), (e: ClusterError) => e.kind === 'bad-uri' && /http/.test(e.message));
  assert.throws(
    () => parseClusterUri(`http://admin:${SECRET_ENC}@m:5050:x`),
    (e: ClusterError) => e.kind === 'bad-uri' && !e.message.includes(SECRET_ENC) && /admin:\*\*\*@/.test(e.message),
  );
});

test('refused: a closed port', async () => {
  const port = await closedPort();
  await fails(() => request(`http://127.0.0.1:${port}/version`), 'refused', /connection refused by 127\.0\.0\.1:\d+: nothing listens there — check the host and port/);
});

test('DNS: a .invalid host', async () => {
  await fails(() => request(`http://admin:${SECRET_ENC}@no-such-master.invalid:5050/version`), 'dns', /no-such-master\.invalid.*does not resolve \(DNS\)/);
});

test('timeout: a server that accepts and never answers', async () => {
  const silent = track(await startSilent());
  const t0 = Date.now();
  await fails(() => request(silent.url + '/version', { timeoutMs: 300 }), 'timeout', /no complete answer within 300 ms \(timeout\).*raise --timeout/);
  assert.ok(Date.now() - t0 < 3000);
});

test('TLS: https against a plain-http port', async () => {
  const m = track(await startFakeMesos({ profile: '1.2', role: 'leader' }));
  await fails(() => request(m.url.replace('http:', 'https:') + '/version'), 'tls', /TLS handshake with 127\.0\.0\.1:\d+ failed .*use http:\/\//);
});

test('TLS: a self-signed certificate is refused unless insecure (the agent never verifies)', async () => {
  const s = track(await startSelfSigned('{"version":"1.2.0"}'));
  await fails(() => request(s.url + '/version'), 'tls-certificate', /not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*--insecure/);
  const r = await request(s.url + '/version', { insecure: true });
  assert.equal(r.status, 200);
  assert.equal(parseJson<{ version: string }>(r, 'Mesos').version, '1.2.0');
});

test('Mesos 401: realm shown, empty body; refused credentials and a password with ":" said plainly', async () => {
  const m = track(await startFakeMesos({ profile: '1.2', role: 'leader', auth: { user: 'admin', password: 'mypass' } }));
  // /version never asks for credentials
  assert.equal((await mesosVersion(m.url)).version.version, '1.2.0');
  await fails(() => mesosState(m.url), 'unauthorized', /401 Unauthorized \(realm "mesos-master-readonly"\): Mesos requires credentials — add them \(user:password@ in mesos_state_uri, or mesos_user\/mesos_password\)/);
  await fails(() => mesosState(m.url, { credentials: { user: 'admin', password: 'wrong' } }), 'unauthorized', /the credentials were refused/);
  await fails(() => mesosState(m.url, { credentials: { user: 'admin', password: SECRET } }), 'unauthorized', /contains ':', which Mesos basic authentication can never accept/);
  const st = await mesosState(m.url, { credentials: { user: 'admin', password: 'mypass' } });
  assert.equal(st.agents.length, 2);
  // the header, never the URL
  const last = m.requests[m.requests.length - 1];
  assert.equal(last.headers.authorization, 'Basic ' + Buffer.from('admin:mypass').toString('base64'));
  assert.ok(!last.url.includes('mypass'));
});

test('Mesos ≥ 1.8: /master/state.json 404 → the agent needs it; /master/state is read instead', async () => {
  const m = track(await startFakeMesos({ profile: '1.8', role: 'leader' }));
  const st = await mesosState(m.url);
  assert.equal(st.stateJson, false);
  assert.equal(st.version, '1.8.1');
  assert.ok(st.url.endsWith('/master/state'));
  const old = track(await startFakeMesos({ profile: '1.2', role: 'leader' }));
  assert.equal((await mesosState(old.url)).stateJson, true);
});

test('Mesos standby: 307 with a protocol-relative Location is followed, credentials re-sent to the leader it names once the standby accepted them', async () => {
  const auth = { user: 'admin', password: 'mypass' };
  const leader = track(await startFakeMesos({ profile: '1.2', role: 'leader', auth }));
  const standby = track(await startFakeMesos({ profile: '1.2', role: 'standby', auth, leader: { host: '127.0.0.1', port: leader.port } }));
  // Alone, the standby's 307 is not enough: it has not yet answered 2xx to the credentials.
  const alone = await mesosState(standby.url, { credentials: auth }).catch((e: ClusterError) => e);
  assert.ok(alone instanceof ClusterError && alone.kind === 'unauthorized', String(alone));
  assert.match(alone.message, /credentials were not sent to 127\.0\.0\.1:\d+/);
  leader.requests.length = 0;
  // As `check` does: /version answers 2xx with them first, and the same trust carries over.
  const trust = new CredentialTrust(auth, standby.url);
  await mesosVersion(standby.url, { credentials: auth, trust });
  const st = await mesosState(standby.url, { credentials: auth, trust });
  assert.equal(st.url, `${leader.url}/master/state.json`);
  assert.equal(st.hops.length, 2);
  assert.equal(st.hops[0].status, 307);
  assert.equal(st.hops[0].location, `//127.0.0.1:${leader.port}/master/state.json`);
  assert.ok(leader.requests.some((r) => r.url === '/master/state.json' && r.headers.authorization));
  assert.equal(st.leader, `127.0.0.1:${leader.port}`);
  assert.equal((await mesosLeader(standby.url)).leader, `127.0.0.1:${leader.port}`);
  assert.equal((await mesosLeader(leader.url)).leader, `127.0.0.1:${leader.port}`);
});

test('Mesos 0.x standby answers its own state naming the leader: the leader is asked', async () => {
  const leader = track(await startFakeMesos({ profile: '0.27', role: 'leader' }));
  const standby = track(await startFakeMesos({ profile: '0.27', role: 'standby', leader: { host: '127.0.0.1', port: leader.port } }));
  const st = await mesosState(standby.url);
  assert.equal(st.agents.length, 6);
  assert.equal(st.marathons.length, 1);
  assert.equal(st.url, `${leader.url}/master/state.json`);
});

test('Mesos no leader: 503 "No leader elected" (text) is one clear line', async () => {
  const m = track(await startFakeMesos({ profile: '1.2', role: 'no-leader' }));
  await fails(() => mesosState(m.url), 'no-leader', /503 Mesos has no leader \(No leader elected\): .*--zk and --quorum/);
  await fails(() => mesosLeader(m.url), 'no-leader', /No leader elected/);
});

test('gzip: Mesos compresses bodies ≥ 1024 bytes when asked; the client inflates them', async () => {
  const m = track(await startFakeMesos({ profile: '1.2', role: 'leader' }));
  const r = await request(m.url + '/master/state');
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(parseJson<{ version: string }>(r, 'Mesos').version, '1.2.0');
  // small answers are not compressed
  const v = await request(m.url + '/version');
  assert.equal(v.headers['content-encoding'], undefined);
});

test('deflate (zlib and raw) is inflated too', async () => {
  const { deflateSync, deflateRawSync } = await import('node:zlib');
  const body = JSON.stringify({ version: '1.4.0', pad: 'x'.repeat(2000) });
  for (const enc of [deflateSync, deflateRawSync]) {
    const s = track(
      await listen((_req, res) => {
        const z = enc(body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate', 'content-length': String(z.length) });
        res.end(z);
      }),
    );
    assert.equal(parseJson<{ version: string }>(await request(s.url + '/version'), 'Mesos').version, '1.4.0');
  }
});

test('body not JSON: a login page answering 200', async () => {
  const s = track(await startHtml200());
  await fails(() => mesosVersion(s.url), 'not-json', /not JSON \(text\/html, starts with "<!DOCTYPE html><html><head><title>Sign i"\): this is not the Mesos API/);
  await fails(() => marathonInfo(s.url), 'not-json', /not the Marathon API/);
});

test('oversize: with and without Content-Length, and a gzip bomb', async () => {
  const a = track(await startHuge(300_000, true));
  await fails(() => request(a.url, { maxBytes: 100_000 }), 'oversize', /larger than 98 KiB \(size cap\)/);
  const b = track(await startHuge(300_000, false));
  await fails(() => request(b.url, { maxBytes: 100_000 }), 'oversize', /size cap/);
  const { gzipSync } = await import('node:zlib');
  const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
  const c = track(
    await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    }),
  );
  await fails(() => request(c.url, { maxBytes: 1_000_000 }), 'oversize', /size cap/);
});

test('redirect loop: more than 3 hops is one error naming the chain', async () => {
  const s = track(await startRedirectLoop());
  const e = await fails(() => request(s.url + '/hop0'), 'redirects', /more than 3 redirects \(.*hop0 → .*hop1 → .*hop2 → .*hop3 → .*hop4\)/);
  assert.equal(s.requests.length, 4);
  assert.equal(e.details.status, 307);
  // 3 hops are fine
  const ok = track(
    await listen((req, res, self) => {
      const n = Number(/\/hop(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      if (n < 3) {
        res.writeHead(307, { location: `//127.0.0.1:${self.port}/hop${n + 1}` });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"version":"1.0.0"}');
      }
    }),
  );
  assert.equal((await request(ok.url + '/hop0')).hops.length, 4);
});

test('credentials are not re-sent to a host the cluster did not name as leader', async () => {
  const spy = track(
    await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"version":"1.2.0"}');
    }),
  );
  const foreign = track(await startForeignRedirect(spy.url));
  // even with leaderRedirects: an absolute Location to another origin is not a Mesos leader redirect
  const r = await request(foreign.url + '/version', { credentials: { user: 'admin', password: 'mypass' }, leaderRedirects: true });
  assert.equal(r.status, 200);
  assert.equal(r.credentialsWithheld, true);
  assert.equal(r.credentialsSent, false);
  assert.ok(foreign.requests[0].headers.authorization);
  assert.equal(spy.requests[0].headers.authorization, undefined);
  // Marathon never trusts a redirect with credentials, whatever its form
  const rel = track(
    await listen((req, res) => {
      res.writeHead(307, { location: `//127.0.0.1:${spy.port}${req.url}` });
      res.end();
    }),
  );
  spy.requests.length = 0;
  const r2 = await request(rel.url + '/v2/info', { credentials: { user: 'admin', password: 'mypass' } });
  assert.equal(r2.credentialsWithheld, true);
  assert.equal(spy.requests[0].headers.authorization, undefined);
  // and a 401 after such a redirect says why
  const guarded = track(
    await listen((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="mesos-master-readonly"' });
      res.end();
    }),
  );
  const f2 = track(await startForeignRedirect(guarded.url));
  const res = await request(f2.url + '/master/state', { credentials: { user: 'admin', password: 'mypass' }, leaderRedirects: true });
  assert.match(statusError(res, 'Mesos', 'x').message, /the credentials were not sent to 127\.0\.0\.1:\d+: they go only to the host:port you named and to a leader named by a master that accepted them/);
});

test('Marathon: /ping, /v2/info, /v2/leader, /v2/apps/{id} 200 and 404', async () => {
  const m = track(await startFakeMarathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.2.121', '10.0.6.244'] } } }));
  // 1.4.4+ negotiates /ping: text/plain "pong" without a newline for a client that accepts text (v1.4.13:src/main/scala/mesosphere/marathon/api/SystemResource.scala:43-72)
  assert.equal((await marathonPing(m.url)).res.body, 'pong');
  const { info } = await marathonInfo(m.url);
  assert.equal(info.version, '1.4.8');
  assert.equal(info.leader, `127.0.0.1:${m.port}`);
  assert.equal(info.frameworkId, 'da21ff97-dd3f-4f9c-8dfc-ae618c6c5394-0000');
  assert.equal(info.leaderHeader, `http://127.0.0.1:${m.port}`);
  assert.equal((await marathonLeader(m.url)).leader, `127.0.0.1:${m.port}`);
  const { app } = await marathonApp(m.url, 'sysdig-agent');
  assert.deepEqual(
    app?.tasks.map((t) => t.host),
    ['10.0.2.121', '10.0.6.244'],
  );
  assert.equal(app?.instances, 2);
  assert.equal((await marathonApp(m.url, '/nope')).app, undefined);
});

test('Marathon standby proxies to the leader (X-Marathon-Via), credentials included', async () => {
  const auth = { user: 'admin', password: 'mypass' };
  const leader = track(await startFakeMarathon({ profile: '1.5', role: 'leader', auth }));
  const standby = track(await startFakeMarathon({ profile: '1.5', role: 'standby', auth, leaderUrl: leader.url }));
  const { info } = await marathonInfo(standby.url, { credentials: auth });
  assert.equal(info.leader, `127.0.0.1:${leader.port}`);
  assert.equal(info.via, `1.1 127.0.0.1:${standby.port}`);
  assert.equal((await marathonLeader(standby.url, { credentials: auth })).leader, `127.0.0.1:${leader.port}`);
});

test('Marathon 401: Jetty HTML page, realm "Mesosphere", on every path including /ping', async () => {
  const m = track(await startFakeMarathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: 'mypass' } }));
  await fails(() => marathonPing(m.url), 'unauthorized', /401 Unauthorized \(realm "Mesosphere"\): Marathon requires credentials — add them \(user:password@ in marathon_uris, or marathon_user\/marathon_password\)/);
  await fails(() => marathonInfo(m.url, { credentials: { user: 'admin', password: 'nope' } }), 'unauthorized', /credentials were refused/);
  assert.equal((await marathonPing(m.url, { credentials: { user: 'admin', password: 'mypass' } })).res.status, 200);
});

test('Marathon without leader: HTML 503 (≤ 1.6) / 502 (1.7); a standby that cannot reach the leader', async () => {
  const a = track(await startFakeMarathon({ profile: '1.4', role: 'no-leader' }));
  await fails(() => marathonInfo(a.url), 'no-leader', /503 Marathon has no leader \(Could not determine the current leader\)/);
  const b = track(await startFakeMarathon({ profile: '1.7', role: 'no-leader' }));
  await fails(() => marathonPing(b.url), 'no-leader', /502 Marathon has no leader/);
  const c = track(await startFakeMarathon({ profile: '1.4', role: 'leader-unreachable' }));
  await fails(() => marathonLeader(c.url), 'no-leader', /503 this Marathon instance cannot reach its leader \(Connection to leader refused\.\)/);
});

test('Marathon /v2/leader 404 "There is no leader"; other statuses', async () => {
  const s = track(
    await listen((req, res) => {
      if (req.url === '/v2/leader') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"There is no leader"}');
      } else if (req.url === '/v2/info') {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"message":"Not Authorized to perform this action!"}');
      } else if (req.url === '/ping') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('boom');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"Resource not found"}');
      }
    }),
  );
  await fails(() => marathonLeader(s.url), 'no-leader', /404 There is no leader/);
  await fails(() => marathonInfo(s.url), 'forbidden', /403 Forbidden \(Not Authorized to perform this action!\)/);
  await fails(() => marathonPing(s.url), 'http', /HTTP 500 \(boom\): Marathon failed to answer/);
  await fails(() => mesosState(s.url), 'not-found', /neither|both \/master\/state\.json and \/master\/state/);
});

test('/master/redirect of a 1.x standby and a 0.x master without leader', async () => {
  const m = track(await startFakeMesos({ profile: '0.27', role: 'no-leader' }));
  // before 1.0 a master without leader redirects to itself
  assert.equal((await mesosLeader(m.url)).leader, `127.0.0.1:${m.port}`);
  assert.equal((await mesosState(m.url)).leader, undefined);
});

test('the fake Mesos: both route forms, standby keeps the query (1.1+), jsonp, /health, redirect loop guard', async () => {
  const leader = track(await startFakeMesos({ profile: '1.2', role: 'leader' }));
  const standby = track(await startFakeMesos({ profile: '1.2', role: 'standby', leader: { host: '127.0.0.1', port: leader.port } }));
  const r = await request(standby.url + '/slaves?slave_id=x', { followRedirects: false });
  assert.equal(r.status, 307);
  assert.equal(r.headers.location, `//127.0.0.1:${leader.port}/slaves?slave_id=x`);
  assert.equal(r.body, '');
  const j = await request(leader.url + '/master/frameworks?jsonp=cb');
  assert.match(j.headers['content-type'] ?? '', /text\/javascript/);
  assert.match(j.body, /^cb\(\{"frameworks":/);
  assert.equal((await request(leader.url + '/health')).status, 200);
  assert.equal((await request(leader.url + '/master/redirect/again', { followRedirects: false })).status, 404);
  const s = await request(leader.url + '/state');
  assert.equal(parseJson<{ pid: string }>(s, 'Mesos').pid, `master@127.0.0.1:${leader.port}`);
});

test('a URL that is not one is a bad-uri error, not a crash', async () => {
  await fails(() => request('not a url'), 'bad-uri', /not a URL/);
});

test('the fake Marathon and Mesos follow the documented headers and versions', async () => {
  const m = track(await startFakeMarathon({ profile: '0.15', role: 'leader', auth: { user: 'admin', password: 'mypass' } }));
  const denied = await request(m.url + '/v2/info');
  assert.equal(denied.status, 401);
  assert.equal(denied.headers['www-authenticate'], 'basic realm="Mesosphere"');
  assert.match(denied.headers['content-type'] ?? '', /^text\/html/);
  assert.match(denied.body, /Problem accessing \/v2\/info\. Reason:/);
  const ok = await request(m.url + '/v2/info', { credentials: { user: 'admin', password: 'mypass' } });
  assert.equal(ok.headers['x-marathon-leader'], m.url);
  assert.equal(ok.headers['cache-control'], 'no-cache, no-store, must-revalidate');
  assert.equal(ok.headers.pragma, 'no-cache');
  assert.equal(ok.headers.expires, '0');
  // the 0.15.7 doc example, as published (its version string reads 0.13.0-SNAPSHOT)
  assert.equal(parseJson<{ version: string }>(ok, 'Marathon').version, corpusJson('marathon-api/examples-v0.15.7/info.json').version);
  const missing = await request(m.url + '/v2/apps/nope', { credentials: { user: 'admin', password: 'mypass' } });
  assert.equal(missing.status, 404);
  assert.deepEqual(JSON.parse(missing.body), { message: "App '/nope' does not exist" });
  // a 0.x master never asks for credentials on /state, even with HTTP authentication on
  const old = track(await startFakeMesos({ profile: '0.27', role: 'leader', auth: { user: 'admin', password: 'mypass' } }));
  assert.equal((await request(old.url + '/master/state.json')).status, 200);
  const v1 = track(await startFakeMesos({ profile: '1.2', role: 'leader', auth: { user: 'admin', password: 'mypass' } }));
  const r401 = await request(v1.url + '/master/state');
  assert.equal(r401.status, 401);
  assert.equal(r401.headers['www-authenticate'], 'Basic realm="mesos-master-readonly"');
  assert.equal(r401.body, '');
  // /health, /redirect and /version never require credentials
  assert.equal((await request(v1.url + '/master/health')).status, 200);
  assert.equal((await request(v1.url + '/master/redirect', { followRedirects: false })).status, 307);
  assert.equal((await request(v1.url + '/version')).status, 200);
});
