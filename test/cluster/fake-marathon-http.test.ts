import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { request } from '../../server/src/cluster/http';
import { fixedApp, marathon } from './deploy-helpers';
import type { MarathonProfile } from './fake/marathon';

/** The fake Marathon's HTTP surface per version: auth, force, list/delete apps, /ping, unknown routes, no leader, headers. */

/** A raw request: exact Accept and Authorization headers, no client logic in between. */
function raw(url: string, o: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, any>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: o.method ?? 'GET', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
const basic = (credentials: Buffer) => ({ authorization: `Basic ${credentials.toString('base64')}` });

test('/ping negotiated from 1.4.4 (v1.4.13:src/main/scala/mesosphere/marathon/api/SystemResource.scala:43-72): text first, JSON "pong" when only JSON is accepted, 204 when nothing is; 0.15 always "pong\\n" (chaos PingServlet)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const ping = (accept?: string) => raw(`${m.url}/ping`, { headers: accept === undefined ? {} : { accept } });
  const plain = await ping();
  assert.deepEqual([plain.status, plain.headers['content-type'], plain.body], [200, 'text/plain', 'pong']);
  const asJson = await ping('application/json');
  assert.deepEqual([asJson.status, asJson.headers['content-type'], asJson.body], [200, 'application/json', '"pong"']);
  assert.equal((await ping('text/html')).headers['content-type'], 'text/html');
  assert.equal((await ping('text/csv')).headers['content-type'], 'text/plain', 'text/* never comes back as a wildcard');
  assert.equal((await ping('application/json, text/plain;q=0.5')).body, '"pong"');
  const none = await ping('image/png');
  assert.deepEqual([none.status, none.body], [204, '']);
  const old = await marathon({ profile: '0.15', role: 'leader' });
  const r = await raw(`${old.url}/ping`, { headers: { accept: 'application/json' } });
  assert.deepEqual([r.headers['content-type'], r.body], ['text/plain;charset=iso-8859-1', 'pong\n']);
});

test('unknown route: 404 "URI not found: <path>" up to 1.5 (v1.4.13 MarathonExceptionMapper.scala:64-65), 500 "URI not found" from 1.6 (v1.6.590 MarathonExceptionMapper.scala:74-77)', async () => {
  const expected: Record<MarathonProfile, [number, string]> = { '0.15': [404, 'URI not found: /v2/nothing'], '1.4': [404, 'URI not found: /v2/nothing'], '1.5': [404, 'URI not found: /v2/nothing'], '1.6': [500, 'URI not found'], '1.7': [500, 'URI not found'] };
  for (const [profile, [status, message]] of Object.entries(expected) as [MarathonProfile, [number, string]][]) {
    const m = await marathon({ profile, role: 'leader' });
    const r = await request(`${m.url}/v2/nothing`);
    assert.deepEqual([r.status, JSON.parse(r.body)], [status, { message }], profile);
  }
});

test('?force= is read as Boolean.valueOf (case-insensitive "true"): DELETE /v2/deployments/{id}?force=True only stops it, 202 (v1.4.13 DR:39, :45-49)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const id = JSON.parse((await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp, contentType: 'application/json' })).body).deployments[0].id;
  const r = await request(`${m.url}/v2/deployments/${id}?force=True`, { method: 'DELETE' });
  assert.deepEqual([r.status, r.body], [202, '']);
  assert.deepEqual(JSON.parse((await request(`${m.url}/v2/deployments`)).body), [], 'no rollback started');
  assert.equal(JSON.parse((await request(`${m.url}/v2/apps/sysdig-agent`)).body).app.id, '/sysdig-agent', 'the app stays');
});

test('?force=yes is false: DELETE starts the rollback, 200 {version, deploymentId} with the Marathon-Deployment-Id header from 1.4 (RestResource.deploymentResult), not in 0.15', async () => {
  for (const profile of ['0.15', '1.4', '1.7'] as const) {
    const m = await marathon({ profile, role: 'leader' });
    const id = JSON.parse((await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp, contentType: 'application/json' })).body).deployments[0].id;
    const r = await request(`${m.url}/v2/deployments/${id}?force=yes`, { method: 'DELETE' });
    assert.equal(r.status, 200, profile);
    const body = JSON.parse(r.body);
    assert.equal(r.headers['marathon-deployment-id'], profile === '0.15' ? undefined : body.deploymentId, profile);
    // the revert of a creation removes the app: StopApplication
    const [d] = JSON.parse((await request(`${m.url}/v2/deployments`)).body);
    assert.equal(d.id, body.deploymentId);
    assert.equal(profile === '0.15' ? d.steps[0][0].action : d.currentActions[0].action, 'StopApplication');
    assert.equal('affectedPods' in d, profile !== '0.15', '1.x deployments list affectedPods (v1.4.13 json/Formats.scala:552-576)');
  }
});

test('GET /v2/apps lists every app with counts and deployments (v1.4.13 AR:48-62); tasks only with embed=apps.tasks', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader', apps: { '/a': { instances: 1, taskHosts: ['10.0.2.121'], definition: { id: 'a', cmd: 'sleep 1' } } } });
  const { apps } = JSON.parse((await request(`${m.url}/v2/apps`)).body);
  assert.deepEqual(apps.map((a: { id: string; tasksRunning: number; deployments: unknown[] }) => [a.id, a.tasksRunning, a.deployments]), [['/a', 1, []]]);
  assert.equal('tasks' in apps[0], false);
  assert.equal(JSON.parse((await request(`${m.url}/v2/apps?embed=apps.tasks`)).body).apps[0].tasks.length, 1);
});

test('DELETE /v2/apps/{id}: force defaults to true (v1.4.13 AR:240), so a running deployment does not lock it; 200 {version, deploymentId}; the app is gone at once, its tasks die with the StopApplication', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp, contentType: 'application/json' });
  const locked = await request(`${m.url}/v2/apps/sysdig-agent?force=false`, { method: 'DELETE' });
  assert.equal(locked.status, 409);
  const r = await request(`${m.url}/v2/apps/sysdig-agent`, { method: 'DELETE' });
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(JSON.parse(r.body)).sort(), ['deploymentId', 'version']);
  assert.equal((await request(`${m.url}/v2/apps/sysdig-agent`)).status, 404);
  const [d] = JSON.parse((await request(`${m.url}/v2/deployments`)).body);
  assert.equal(d.currentActions[0].action, 'StopApplication');
  m.store.advance(3);
  assert.deepEqual(JSON.parse((await request(`${m.url}/v2/deployments`)).body), []);
  assert.equal((await request(`${m.url}/v2/apps/nope`, { method: 'DELETE' })).status, 404);
});

test('Basic auth: Jetty decodes ISO-8859-1 and splits at the first ":", Marathon splits --http_credentials at the last ":" (master api/HttpModule.scala:169)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: 'pässwörd' } });
  assert.equal((await raw(`${m.url}/v2/info`, { headers: basic(Buffer.from('admin:pässwörd', 'utf8')) })).status, 401, 'UTF-8 bytes read as Latin-1 are other characters');
  assert.equal((await raw(`${m.url}/v2/info`, { headers: basic(Buffer.from('admin:pässwörd', 'latin1')) })).status, 200, 'the same password as ISO-8859-1 bytes');
  const colon = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: 'pa:ss' } });
  // the flag reads as user "admin:pa", password "ss"; the client's "admin:pa:ss" reads as user "admin", password "pa:ss"
  assert.equal((await raw(`${colon.url}/v2/info`, { headers: basic(Buffer.from('admin:pa:ss')) })).status, 401, 'a password with ":" can never be sent as configured');
  assert.equal((await raw(`${colon.url}/ping`)).status, 401, '/ping needs credentials too');
});

test('the 401 realm: "Mesosphere" up to 1.6 (v1.6.590 HttpModule.scala:198-201), "null" from 1.7, whose HashLoginService has no name (v1.7.236 HttpModule.scala:202; inferred)', async () => {
  for (const [profile, realm] of [['1.6', 'Mesosphere'], ['1.7', 'null']] as const) {
    const m = await marathon({ profile, role: 'leader', auth: { user: 'u', password: 'p' } });
    assert.equal((await raw(`${m.url}/v2/info`)).headers['www-authenticate'], `basic realm="${realm}"`, profile);
  }
});

test('/v2/info names the profile\'s version: 1.6.590 and 1.7.236 (the master doc example says 1.5.0-SNAPSHOT)', async () => {
  for (const [profile, version] of [['1.5', '1.5.0-SNAPSHOT'], ['1.6', '1.6.590'], ['1.7', '1.7.236']] as const) {
    const m = await marathon({ profile, role: 'leader' });
    assert.equal(JSON.parse((await request(`${m.url}/v2/info`)).body).version, version, profile);
  }
});

test('no leader: the LeaderProxyFilter waits about 2.5 s (10 × 250 ms, v1.4.13 LeaderProxyFilter.scala:99-107) before its 503 (1.6) / 502 (1.7); the wait is a knob', async () => {
  const slow = await marathon({ profile: '1.6', role: 'no-leader' });
  let t = Date.now();
  assert.equal((await raw(`${slow.url}/v2/info`)).status, 503);
  assert.ok(Date.now() - t >= 2400, `answered after ${Date.now() - t} ms`);
  const fast = await marathon({ profile: '1.7', role: 'no-leader', noLeaderWaitMs: 50 });
  t = Date.now();
  assert.equal((await raw(`${fast.url}/v2/info`)).status, 502);
  assert.ok(Date.now() - t < 2000);
});

test('standby: X-Marathon-Via and X-Forwarded-For added to the forwarded request (v1.4.13 LeaderProxyFilter.scala:186-212), a request that already passed it is a loop, 502 (:272-274); 1.7+ leaders add X-Frame-Options and X-XSS-Protection (v1.7.236 LeaderProxyFilter.scala:89-91)', async () => {
  const leader = await marathon({ profile: '1.7', role: 'leader' });
  const standby = await marathon({ profile: '1.7', role: 'standby', leaderUrl: leader.url });
  const r = await raw(`${standby.url}/v2/info`, { headers: { 'x-forwarded-for': '10.1.1.1' } });
  assert.equal(r.status, 200);
  assert.deepEqual([r.headers['x-frame-options'], r.headers['x-xss-protection']], ['DENY', '1; mode=block']);
  const seen = leader.requests.at(-1)!.headers;
  assert.equal(seen['x-marathon-via'], `1.1 127.0.0.1:${standby.port}`);
  assert.equal(seen['x-forwarded-for'], '10.1.1.1,127.0.0.1');
  const loop = await raw(`${standby.url}/v2/info`, { headers: { 'x-marathon-via': `1.1 127.0.0.1:${standby.port}` } });
  assert.equal(loop.status, 502);
  assert.match(loop.body, /Detected proxying loop\./);
  const old = await marathon({ profile: '1.6', role: 'leader' });
  assert.equal((await raw(`${old.url}/v2/info`)).headers['x-frame-options'], undefined);
});
