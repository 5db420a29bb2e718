import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../../server/src/cluster/http';
import { fixedApp, marathon } from './deploy-helpers';
import type { MarathonProfile } from './fake/marathon';

/**
 * PUT /v2/apps/{id} as Marathon does it: an AppUpdate merged into the app (v1.4.13 AR:190-201, :341-378), the version
 * moved only when something stored changed (v1.4.13 upgrade/GroupVersioningUtil.scala:26-49), the plan's steps from
 * the change (DeploymentPlan.scala:244-273).
 */

const json = 'application/json';
const get = async (url: string, path: string) => JSON.parse((await request(url + path)).body);

async function deployed(profile: MarathonProfile = '1.4') {
  const m = await marathon({ profile, role: 'leader' });
  await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp, contentType: json });
  m.store.advance(4);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  const app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  return { m, app, put: (body: unknown, query = '') => request(`${m.url}/v2/apps/sysdig-agent${query}`, { method: 'PUT', body: JSON.stringify(body), contentType: json }) };
}

test('PUT of the same app: 200 with a new plan version, but the app keeps its version and versionInfo, no deployment runs and no task restarts', async () => {
  for (const profile of ['0.15', '1.4', '1.5', '1.6', '1.7'] as const) {
    const { m, app, put } = await deployed(profile);
    const r = await put(JSON.parse(fixedApp));
    assert.equal(r.status, 200, profile);
    const answer = JSON.parse(r.body);
    assert.notEqual(answer.version, app.version, 'the answer carries the plan\'s timestamp');
    assert.equal(r.headers['marathon-deployment-id'], profile === '0.15' ? undefined : answer.deploymentId);
    assert.deepEqual(await get(m.url, '/v2/deployments'), [], 'a plan without steps is over at once');
    const after = (await get(m.url, '/v2/apps/sysdig-agent')).app;
    assert.equal(after.version, app.version, profile);
    assert.deepEqual(after.versionInfo, app.versionInfo);
    assert.deepEqual(after.tasks.map((t: { id: string }) => t.id), app.tasks.map((t: { id: string }) => t.id));
  }
});

test('PUT with unknown fields only: nothing stored changed, so the same as a no-op (the field is dropped)', async () => {
  const { m, app, put } = await deployed('1.5');
  assert.equal((await put({ ...JSON.parse(fixedApp), command: 'x' })).status, 200);
  const after = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.equal(after.version, app.version);
  assert.equal('command' in after, false);
});

test('scale only, {"instances": 2}: a valid partial update; ScaleApplication kills one task and keeps the others; version and lastScalingAt move, lastConfigChangeAt stays', async () => {
  const { m, app, put } = await deployed();
  const r = await put({ instances: 2 });
  assert.equal(r.status, 200);
  const [d] = await get(m.url, '/v2/deployments');
  assert.deepEqual(d.steps, [{ actions: [{ action: 'ScaleApplication', app: '/sysdig-agent' }] }]);
  m.store.advance(3);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  const after = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.equal(after.instances, 2);
  assert.equal(after.version, JSON.parse(r.body).version);
  assert.deepEqual(after.versionInfo, { lastScalingAt: after.version, lastConfigChangeAt: app.versionInfo.lastConfigChangeAt });
  const before = new Set(app.tasks.map((t: { id: string }) => t.id));
  assert.equal(after.tasks.length, 2);
  assert.ok(after.tasks.every((t: { id: string }) => before.has(t.id)), 'the remaining tasks are old ones');
});

test('a config change: version, lastScalingAt and lastConfigChangeAt all move; RestartApplication replaces every task', async () => {
  const { m, put } = await deployed();
  const r = await put({ labels: { role: 'monitoring', tier: 'ops' } });
  const version = JSON.parse(r.body).version;
  const [d] = await get(m.url, '/v2/deployments');
  assert.deepEqual(d.steps, [{ actions: [{ action: 'RestartApplication', app: '/sysdig-agent' }] }]);
  const app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.deepEqual([app.version, app.versionInfo], [version, { lastScalingAt: version, lastConfigChangeAt: version }]);
  assert.deepEqual(app.labels, { role: 'monitoring', tier: 'ops' }, 'a field given replaces the stored one whole');
  assert.equal(app.mem, 500, 'fields left out keep their value');
  m.store.advance(6);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  assert.ok((await get(m.url, '/v2/apps/sysdig-agent')).app.tasks.every((t: { version: string }) => t.version === version));
});

test('?partialUpdate=false replaces the app: fields left out go back to their defaults (v1.4.13 AR:197, :353 appUpdate.empty)', async () => {
  const { m, put } = await deployed();
  assert.equal((await put({ cmd: 'sleep 100' }, '?partialUpdate=false')).status, 200);
  const app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.deepEqual([app.instances, app.mem, app.constraints, app.cmd], [1, 128, [], 'sleep 100']);
});

test('PUT on a new id creates the app: 201 with Location, {version, deploymentId} and the header (v1.4.13 AR:303-309)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const r = await request(`${m.url}/v2/apps/fresh`, { method: 'PUT', body: JSON.stringify({ cmd: 'sleep 1' }), contentType: json });
  assert.equal(r.status, 201);
  assert.equal(r.headers.location, `http://127.0.0.1:${m.port}/v2/apps/fresh`);
  const body = JSON.parse(r.body);
  assert.deepEqual(Object.keys(body).sort(), ['deploymentId', 'version']);
  assert.equal(r.headers['marathon-deployment-id'], body.deploymentId);
  assert.equal((await get(m.url, '/v2/apps/fresh')).app.id, '/fresh');
});

test('a PUT body that merges into an invalid app is refused after the merge: {"cmd": …} on a container app with args would hold both', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'a', args: ['x'] }), contentType: json });
  // its start deployment still runs: validation answers before the lock would
  const r = await request(`${m.url}/v2/apps/a`, { method: 'PUT', body: JSON.stringify({ cmd: 'y' }), contentType: json });
  assert.equal(r.status, 422);
  assert.equal(JSON.parse(r.body).message, 'Object is not valid');
});

test('service ports (v1.4.13 core/group/impl/GroupManagerActor.scala:238-300): port 0 becomes a unique port from 10000; asking for 0 again gives the same ports back, so the PUT changes nothing', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const post = (body: object) => request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify(body), contentType: json });
  const a = JSON.parse((await post({ id: 'a', cmd: 'sleep 1' })).body);
  assert.deepEqual(a.portDefinitions, [{ port: 10000, protocol: 'tcp', name: 'default' }], 'the default port definition is one port 0');
  const b = JSON.parse((await post({ id: 'b', cmd: 'sleep 1', portDefinitions: [{ port: 0 }, { port: 9000 }] })).body);
  assert.deepEqual(b.portDefinitions.map((p: { port: number }) => p.port), [10001, 9000]);
  m.store.advance(4);
  const before = (await get(m.url, '/v2/apps/a')).app;
  assert.deepEqual(before.ports, [10000], '1.4 also writes them as ports');
  const r = await request(`${m.url}/v2/apps/a`, { method: 'PUT', body: JSON.stringify({ cmd: 'sleep 1', portDefinitions: [{ port: 0, protocol: 'tcp', name: 'default' }] }), contentType: json });
  assert.equal(r.status, 200);
  const after = (await get(m.url, '/v2/apps/a')).app;
  assert.deepEqual([after.portDefinitions[0].port, after.version], [10000, before.version]);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  const old = await marathon({ profile: '0.15', role: 'leader' });
  const c = JSON.parse((await request(`${old.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'c', cmd: 'sleep 1' }), contentType: json })).body);
  assert.deepEqual(c.ports, [10000], '0.15: ports');
});

test('the stored app as each version writes it: 1.4 every field, null or empty when unset (v1.4.13 json/Formats.scala:1179-1237); 1.5+ leaves unset optional fields out; both with gpus, executor, unreachableStrategy, killSelection', async () => {
  const m14 = await marathon({ profile: '1.4', role: 'leader' });
  const a = JSON.parse((await request(`${m14.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'a', cmd: 'sleep 1' }), contentType: json })).body);
  assert.deepEqual([a.args, a.user, a.container, a.ipAddress, a.residency, a.taskKillGracePeriodSeconds], [null, null, null, null, null, null]);
  assert.deepEqual([a.uris, a.fetch, a.storeUrls, a.readinessChecks, a.dependencies, a.secrets], [[], [], [], [], [], {}]);
  const m17 = await marathon({ profile: '1.7', role: 'leader' });
  const b = JSON.parse((await request(`${m17.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'b', cmd: 'sleep 1' }), contentType: json })).body);
  assert.equal('args' in b || 'uris' in b || 'residency' in b, false);
  for (const app of [a, b]) {
    assert.deepEqual([app.gpus, app.executor, app.killSelection, app.unreachableStrategy], [0, '', 'YOUNGEST_FIRST', { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 }]);
  }
});
