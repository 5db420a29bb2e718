// marathonScale (cluster/marathon.ts), the view's "Scale to the number of agents", against the Marathon fake per
// version profile: `PUT /v2/apps/{id}` `{"instances": n}` is a partial update (AppUpdate merged, v1.4.13
// AppsResource.scala:197,352-356) answered `{version, deploymentId}`; a scale keeps `lastConfigChangeAt` and the running
// tasks (GroupVersioningUtil.scala:26-49); a locked app is a 409 naming the deployment; a redirect is never followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marathonScale } from '../../server/src/cluster/marathon';
import type { MarathonProfile } from './fake/marathon-profile';
import { startForeignRedirect } from './fake/faults';
import { fixedApp, marathon, PASSWORD, requestsTo } from './deploy-helpers';

const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

for (const profile of ['0.15', '1.4', '1.7'] as MarathonProfile[]) {
  test(`scale on Marathon ${profile}: 200 {version, deploymentId}, a ScaleApplication deployment, the running tasks kept, lastConfigChangeAt unchanged`, async () => {
    const m = await marathon({ profile, role: 'leader', auth: { user: 'ops', password: PASSWORD }, deploy: { agentHosts: ['a1', 'a2', 'a3'], clock: 'manual' }, apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a1', 'a2'], definition: appDef } } });
    const stored = m.store.apps.get('/sysdig-agent')!;
    const before = { tasks: stored.tasks.map((t) => t.id), configChange: JSON.stringify(stored.def.versionInfo?.lastConfigChangeAt ?? null) };
    const r = await marathonScale(m.url, 'sysdig-agent', 3, { credentials: { user: 'ops', password: PASSWORD } });
    assert.match(r.deploymentId, /^[0-9a-f-]{36}$/);
    assert.ok(r.version.length > 10);
    const [put] = requestsTo(m, 'PUT', '/v2/apps/sysdig-agent');
    assert.deepEqual(JSON.parse(put.body), { instances: 3 });
    const res = await fetch(`${m.url}/v2/deployments`, { headers: { authorization: `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}` } });
    const deps = (await res.json()) as { id: string; currentActions: { action: string }[] }[];
    assert.ok(deps.some((d) => d.id === r.deploymentId && d.currentActions.some((a) => a.action === 'ScaleApplication')), JSON.stringify(deps));
    m.store.advance(2);
    const after = m.store.apps.get('/sysdig-agent')!;
    assert.equal(after.tasks.filter((t) => t.phase === 'running').length, 3);
    for (const id of before.tasks) assert.ok(after.tasks.some((t) => t.id === id), `task ${id} kept`);
    assert.equal(JSON.stringify(after.def.versionInfo?.lastConfigChangeAt ?? null), before.configChange, 'a scale is no configuration change');
  });
}

test('scale while a deployment holds the app: 409 → DeployError locked, naming the deployment; never ?force=true', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['a1', 'a2'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['a1'], definition: appDef, stuckDeployment: true } } });
  await assert.rejects(marathonScale(m.url, '/sysdig-agent', 2), (e: Error & { kind?: string; info?: { deployments?: string[] } }) => {
    assert.equal(e.name, 'DeployError');
    assert.equal(e.kind, 'locked');
    assert.equal(e.info!.deployments!.length, 1);
    assert.match(e.message, /409 \/sysdig-agent is locked by deployment [0-9a-f-]{36}: wait for it to finish/);
    return true;
  });
  assert.ok(requestsTo(m, 'PUT', '/v2/apps').every((q) => !q.url.includes('force')));
});

test('scale through a proxy that redirects: not followed (no body or credentials re-sent elsewhere), one line naming the redirect', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['a1'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['a1'], definition: appDef } } });
  const proxy = await startForeignRedirect(m.url);
  try {
    await assert.rejects(marathonScale(proxy.url, '/sysdig-agent', 2, { credentials: { user: 'ops', password: PASSWORD } }), /302 redirected to http:\/\/127\.0\.0\.1:\d+\/v2\/apps\/sysdig-agent: writes are not re-sent/);
    assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0);
  } finally {
    await proxy.close();
  }
});
