import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../../server/src/cluster/http';
import { fixedApp, marathon } from './deploy-helpers';

/** The fake Marathon's write and deployment endpoints answer as mesos-marathon-api.md §1.2–1.6 and §4 say. */

const post = (url: string, body: string, contentType = 'application/json; charset=utf-8') => request(`${url}/v2/apps`, { method: 'POST', body, contentType });

test('fake: POST 201 — Location, Marathon-Deployment-Id (1.4+ only), the stored app with defaults, version, zero counts, deployments', async () => {
  for (const profile of ['0.15', '1.4', '1.5', '1.6', '1.7'] as const) {
    const m = await marathon({ profile, role: 'leader' });
    const res = await post(m.url, JSON.stringify({ id: 'sleepy', cmd: 'sleep 100' }));
    assert.equal(res.status, 201, profile);
    assert.equal(res.headers.location, `http://127.0.0.1:${m.port}/v2/apps/sleepy`);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.headers['cache-control'], 'no-cache, no-store, must-revalidate');
    const body = JSON.parse(res.body);
    assert.equal(body.id, '/sleepy');
    assert.deepEqual([body.instances, body.cpus, body.mem, body.disk, body.backoffSeconds, body.backoffFactor, body.maxLaunchDelaySeconds], [1, 1, 128, 0, 1, 1.15, 3600]);
    assert.deepEqual([body.tasksStaged, body.tasksRunning, body.tasksHealthy, body.tasksUnhealthy], [0, 0, 0, 0]);
    assert.match(body.version, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(body.deployments.length, 1);
    assert.equal(res.headers['marathon-deployment-id'], profile === '0.15' ? undefined : body.deployments[0].id);
    // `tasks: []` in every POST body through 1.7 (v1.4.13 AR:92-97, v1.5.15 AR:93-98, v1.7.236 AR:103-108); only later versions dropped it
    assert.deepEqual(body.tasks, [], profile);
    // 0.15 has only ports; 1.4 writes ports beside portDefinitions (v1.4.13 json/Formats.scala:1222-1237); 1.5+ only portDefinitions
    assert.equal('ports' in body, profile === '0.15' || profile === '1.4');
  }
});

test('fake: the exact error bodies — 415, empty, 409 exists (no deployments), 409 locked (literal <DEPLOYMENT_ID>), 404 app and deployment', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/busy': { instances: 1, taskHosts: [], definition: { id: 'busy', cmd: 'sleep 1' }, stuckDeployment: true } } });
  assert.deepEqual(JSON.parse((await post(m.url, '{}', 'text/plain')).body), { message: 'Unsupported Media Type' });
  const empty = await post(m.url, '');
  assert.equal(empty.status, 400);
  assert.equal(JSON.parse(empty.body).message, 'Please specify data in JSON format');
  const exists = await post(m.url, JSON.stringify({ id: '/busy', cmd: 'x' }));
  assert.equal(exists.status, 409);
  assert.deepEqual(JSON.parse(exists.body), { message: 'An app with id [/busy] already exists.' });
  const locked = await request(`${m.url}/v2/apps/busy`, { method: 'PUT', body: '{"cmd":"sleep 2"}', contentType: 'application/json' });
  assert.equal(locked.status, 409);
  assert.deepEqual(JSON.parse(locked.body), {
    message: "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.",
    deployments: [{ id: m.store.deployments[0].id }],
  });
  assert.deepEqual(JSON.parse((await request(`${m.url}/v2/apps/nope`)).body), { message: "App '/nope' does not exist" });
  const gone = await request(`${m.url}/v2/deployments/0000`, { method: 'DELETE' });
  assert.equal(gone.status, 404);
  assert.deepEqual(JSON.parse(gone.body), { message: 'DeploymentPlan 0000 does not exist' });
});

test('fake: deployments advance one tick per advance(): steps {actions} (1.1+), 1-based currentStep, removed when done', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const created = JSON.parse((await post(m.url, fixedApp)).body);
  const list = async () => JSON.parse((await request(`${m.url}/v2/deployments`)).body);
  const app = async () => JSON.parse((await request(`${m.url}/v2/apps/sysdig-agent`)).body).app;
  let d = (await list())[0];
  assert.equal(d.id, created.deployments[0].id);
  assert.deepEqual(d.steps, [{ actions: [{ action: 'StartApplication', app: '/sysdig-agent' }] }, { actions: [{ action: 'ScaleApplication', app: '/sysdig-agent' }] }]);
  assert.deepEqual([d.currentStep, d.totalSteps, d.affectedApps], [1, 2, ['/sysdig-agent']]);
  m.store.advance();
  assert.deepEqual([(await app()).tasksStaged, (await app()).tasksRunning], [3, 0]);
  m.store.advance();
  d = (await list())[0];
  assert.equal(d.currentStep, 2);
  assert.equal(d.currentActions[0].action, 'ScaleApplication');
  const a = await app();
  assert.equal(a.tasksRunning, 3);
  assert.ok(a.tasks.every((t: { version: string; state: string }) => t.version === created.version && t.state === 'TASK_RUNNING'));
  m.store.advance();
  assert.deepEqual(await list(), []);
  assert.deepEqual((await app()).deployments, []);
});

test('fake: a stuck app — its tasks fail as they start: lastTaskFailure, the step kept, /v2/queue with a back-off that grows by backoffFactor per failure (RateLimiter, v1.4.13:src/main/scala/mesosphere/marathon/core/launchqueue/impl/RateLimiter.scala:37-96)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { stuck: ['/sysdig-agent'] } });
  const app = JSON.parse(fixedApp);
  Object.assign(app, { backoffSeconds: 10, backoffFactor: 2 });
  await post(m.url, JSON.stringify(app));
  const queue = async () => JSON.parse((await request(`${m.url}/v2/queue`)).body).queue;
  assert.deepEqual(await queue(), []);
  m.store.advance(); // StartApplication done, ScaleApplication stages 3 tasks: in flight, so in the queue with count 0
  assert.deepEqual((await queue()).map((q: { count: number }) => q.count), [0]);
  m.store.advance(); // the 3 fail: 3 failures, delay 10 → 20 → 40 s
  const first = (await queue())[0];
  assert.equal(first.app.id, '/sysdig-agent');
  assert.equal(first.count, 3);
  assert.deepEqual(first.delay, { timeLeftSeconds: 40, overdue: false });
  assert.equal(first.processedOffersSummary.processedOffersCount, 3, 'one offer per agent until the 3 were placed');
  assert.equal(first.processedOffersSummary.unusedOffersCount, 0, 'the offers fitted: the tasks failed after starting');
  m.store.advance(41); // placed again once the 40 s are over, and failed again the tick after: 40 × 2³
  assert.equal((await queue())[0].delay.timeLeftSeconds, 320);
  const a = JSON.parse((await request(`${m.url}/v2/apps/sysdig-agent`)).body).app;
  assert.deepEqual(Object.keys(a.lastTaskFailure).sort(), ['appId', 'host', 'message', 'slaveId', 'state', 'taskId', 'timestamp', 'version']);
  assert.equal(a.lastTaskFailure.state, 'TASK_FAILED');
  assert.equal(JSON.parse((await request(`${m.url}/v2/deployments`)).body)[0].currentStep, 2);
});

test('fake: the race knobs — the new deployment unlisted for N polls, the app 404 once after the 201', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { hiddenPolls: 2, app404Polls: 1 } });
  await post(m.url, fixedApp);
  assert.equal((await request(`${m.url}/v2/apps/sysdig-agent`)).status, 404);
  assert.equal((await request(`${m.url}/v2/apps/sysdig-agent`)).status, 200);
  const lengths = [];
  for (let i = 0; i < 3; i++) lengths.push(JSON.parse((await request(`${m.url}/v2/deployments`)).body).length);
  assert.deepEqual(lengths, [0, 0, 1]);
});

test('fake: DELETE a deployment — 200 with a rollback deployment, 202 and no body with force', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const a = JSON.parse((await post(m.url, fixedApp)).body);
  const rb = await request(`${m.url}/v2/deployments/${a.deployments[0].id}`, { method: 'DELETE' });
  assert.equal(rb.status, 200);
  const r = JSON.parse(rb.body);
  assert.deepEqual(Object.keys(r).sort(), ['deploymentId', 'version']);
  assert.equal(JSON.parse((await request(`${m.url}/v2/deployments`)).body)[0].currentActions[0].action, 'StopApplication');
  const forced = await request(`${m.url}/v2/deployments/${r.deploymentId}?force=true`, { method: 'DELETE' });
  assert.equal(forced.status, 202);
  assert.equal(forced.body, '');
});

test('fake: a rolled-back create keeps its id locked while the revert stops it — POST 409 locked naming the revert, ?force=true cancels it; the revert is unlisted for the race (v1.4.13 AR:90, MarathonSchedulerActor.scala:257-274, DR:41-57)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { hiddenPolls: 1 } });
  const a = JSON.parse((await post(m.url, fixedApp)).body);
  const early = await request(`${m.url}/v2/deployments/${a.deployments[0].id}`, { method: 'DELETE' });
  assert.equal(early.status, 404, 'not listed yet: unknown to DELETE');
  assert.deepEqual(JSON.parse((await request(`${m.url}/v2/deployments`)).body), [], 'the race: not listed on the first poll');
  const rb = JSON.parse((await request(`${m.url}/v2/deployments/${a.deployments[0].id}`, { method: 'DELETE' })).body);
  assert.equal((await request(`${m.url}/v2/apps/sysdig-agent`)).status, 404, 'the app is gone at once');
  assert.deepEqual(JSON.parse((await request(`${m.url}/v2/deployments`)).body), [], 'the revert is unlisted at first too');
  const listed = JSON.parse((await request(`${m.url}/v2/deployments`)).body);
  assert.deepEqual(listed.map((d: { id: string }) => d.id), [rb.deploymentId]);
  assert.equal(listed[0].currentActions[0].action, 'StopApplication');
  const locked = await post(m.url, fixedApp);
  assert.equal(locked.status, 409);
  assert.deepEqual(JSON.parse(locked.body), {
    message: "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.",
    deployments: [{ id: rb.deploymentId }],
  });
  const forced = await request(`${m.url}/v2/apps?force=true`, { method: 'POST', body: fixedApp, contentType: 'application/json' });
  assert.equal(forced.status, 201);
  assert.ok(!m.store.deployments.some((d) => d.id === rb.deploymentId), 'the forced POST cancelled the revert');
});
