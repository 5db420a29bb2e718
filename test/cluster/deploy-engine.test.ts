import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClusterError,
  DeployError,
  followDeployment,
  marathonTarget,
  planDeploy,
  prepareApp,
  rollbackDeployment,
  sendApp,
  type DeployPlan,
  type PreparedApp,
  type ProgressEvent,
} from '../../server/src/cluster/index';
import { assertNoSecrets, fixedApp, marathon, PASSWORD, placeholderKeyApp, requestsTo, SECRET_KEY } from './deploy-helpers';
import type { FakeMarathon } from './fake/marathon';

type Ready = Extract<PreparedApp, { ok: true }>;
function prepared(text = placeholderKeyApp): Ready {
  const r = prepareApp(text, { secrets: { accessKey: SECRET_KEY } });
  assert.ok(r.ok);
  return r;
}

/** Follows with the fake's clock driven by the engine's own sleep: one tick per poll. */
function follow(m: FakeMarathon, plan: DeployPlan, sent: { deploymentId: string; version: string }, extra: Partial<Parameters<typeof followDeployment>[0]> = {}) {
  const events: ProgressEvent[] = [];
  let t = 0;
  const p = followDeployment({
    target: plan.target,
    appId: plan.appId,
    deploymentId: sent.deploymentId,
    version: sent.version,
    instances: plan.instances,
    pollMs: 1000,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
      m.store.advance();
    },
    onProgress: (e) => events.push(e),
    ...extra,
  });
  return { p, events };
}

test('create: leader named, one POST with Content-Type application/json and the key filled, 201 read, deployment followed to success', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const target = marathonTarget(m.url);
  const plan = await planDeploy(target, prepared());
  assert.equal(plan.action, 'create');
  assert.equal(plan.leader, `127.0.0.1:${m.port}`);
  assert.equal(plan.appId, '/sysdig-agent');
  const sent = await sendApp(plan);
  assert.equal(sent.status, 201);
  const posts = requestsTo(m, 'POST', '/v2/apps');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].headers['content-type'], 'application/json');
  const body = JSON.parse(posts[0].body);
  assert.ok(body.container.docker.parameters.some((p: { value: string }) => p.value === `ACCESS_KEY=${SECRET_KEY}`));
  // the deployment id is the one the fake created (header and body agree)
  assert.equal(m.store.deployments[0].id, sent.deploymentId);
  assert.equal(m.store.apps.get('/sysdig-agent')?.def.version, sent.version);

  const { p, events } = follow(m, plan, sent);
  const out = await p;
  assert.equal(out.outcome, 'success');
  assert.equal(out.outcome === 'success' && out.progress.running, 3);
  const messages = events.map((e) => e.message);
  // StartApplication starts the app with 0 instances and is done at once; ScaleApplication stages the tasks (v1.4.13 DeploymentPlan.scala:309-316, :254-255)
  assert.ok(messages.some((s) => /^step 2 of 2 \(ScaleApplication\): 0 of 3 running, 3 staged$/.test(s)), messages.join('\n'));
  assert.ok(messages.some((s) => /^step 2 of 2 \(ScaleApplication\): 3 of 3 running$/.test(s)), messages.join('\n'));
  assert.equal(m.store.deployments.length, 0);
  for (const s of messages) assertNoSecrets(s);
});

test('update: a changed app gives a normalised diff (server fields and defaults gone, key masked); PUT merges and succeeds', async () => {
  const deployed = JSON.parse(fixedApp);
  deployed.instances = 2;
  const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.2.121', '10.0.6.244'], definition: deployed } } });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  assert.equal(plan.action, 'update');
  if (plan.action !== 'update') return;
  assert.equal(plan.unchanged, false);
  const before = JSON.parse(plan.diff.before);
  const after = JSON.parse(plan.diff.after);
  assert.equal(before.instances, 2);
  assert.equal(after.instances, 3);
  for (const k of ['version', 'versionInfo', 'tasks', 'tasksRunning', 'deployments', 'backoffSeconds', 'env', 'healthChecks']) {
    assert.ok(!(k in before) && !(k in after), `${k} left in the diff`);
  }
  // Marathon gives the default port definition a service port from 10000 (v1.4.13 core/group/impl/GroupManagerActor.scala:238-300):
  // not a default, so it shows — the same on both sides, since the PUT leaves it as it is
  assert.deepEqual(before.portDefinitions, [{ name: 'default', port: 10000 }]);
  assert.deepEqual(after.portDefinitions, before.portDefinitions);
  assert.equal(before.id, '/sysdig-agent');
  assertNoSecrets(plan.diff.before + plan.diff.after);
  assert.ok(plan.diff.after.includes('ACCESS_KEY=***'));
  // the file's own key and the secret differ: the masked texts must still say so
  assert.deepEqual(plan.secretsChanged, ['ACCESS_KEY']);

  const sent = await sendApp(plan);
  assert.equal(sent.status, 200);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps/sysdig-agent').length, 1);
  const { p } = follow(m, plan, sent);
  assert.equal((await p).outcome, 'success');
});

test('update: an unchanged app gives identical texts and unchanged: true (1.4, and 1.5+ which returns networks for docker.network)', async () => {
  for (const profile of ['1.4', '1.5'] as const) {
    const m = await marathon({ profile, role: 'leader', apps: { '/sysdig-agent': { instances: 3, taskHosts: ['a', 'b', 'c'], definition: JSON.parse(fixedApp) } } });
    const plan = await planDeploy(marathonTarget(m.url), prepared(fixedApp));
    assert.equal(plan.action, 'update', profile);
    if (plan.action !== 'update') return;
    assert.equal(plan.unchanged, true, `${profile}:\n${plan.diff.before}\n---\n${plan.diff.after}`);
    assert.equal(plan.diff.before, plan.diff.after);
    assert.deepEqual(plan.secretsChanged, []);
    assertNoSecrets(plan.diff.before);
  }
});

test('update: only the secret differs → not unchanged, and secretsChanged names it (the masked texts cannot)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 3, taskHosts: [], definition: JSON.parse(fixedApp) } } });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  assert.ok(plan.action === 'update' && !plan.unchanged);
  if (plan.action !== 'update') return;
  assert.deepEqual(plan.secretsChanged, ['ACCESS_KEY']);
  assertNoSecrets(plan.diff.before + plan.diff.after);
});

test('409 exists: someone created the app after the plan', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const app = prepared();
  const plan = await planDeploy(marathonTarget(m.url), app);
  assert.equal(plan.action, 'create');
  m.store.create('application/json', app.body, 'elsewhere', false);
  await assert.rejects(sendApp(plan), (e: unknown) => {
    assert.ok(e instanceof DeployError);
    assert.equal(e.kind, 'exists');
    assert.match(e.message, /409 An app with id \[\/sysdig-agent\] already exists\.: it was created since the plan was made/);
    assertNoSecrets(e.message);
    return true;
  });
});

test('409 locked: the blocking deployment ids; force=true cancels it and deploys', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 3, taskHosts: ['a'], definition: JSON.parse(fixedApp), stuckDeployment: true } } });
  const blocking = m.store.deployments[0].id;
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  assert.ok(plan.action === 'update');
  if (plan.action !== 'update') return;
  assert.deepEqual(plan.runningDeployments, [blocking]);
  await assert.rejects(sendApp(plan), (e: unknown) => {
    assert.ok(e instanceof DeployError);
    assert.equal(e.kind, 'locked');
    assert.deepEqual(e.info.deployments, [blocking]);
    assert.match(e.message, new RegExp(`locked by deployment ${blocking}`));
    assert.match(e.message, /Forcing cancels it/);
    return true;
  });
  const sent = await sendApp(plan, { force: true });
  assert.equal(sent.status, 200);
  assert.deepEqual(
    requestsTo(m, 'PUT', '/v2/apps/sysdig-agent').map((r) => r.url),
    ['/v2/apps/sysdig-agent', '/v2/apps/sysdig-agent?force=true'],
  );
  assert.ok(!m.store.deployments.some((d) => d.id === blocking));
  const { p } = follow(m, plan, sent);
  assert.equal((await p).outcome, 'success');
});

test('415 without Content-Type: the fake refuses and the reading is a typed media-type error', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const { request } = await import('../../server/src/cluster/http');
  const { writeError } = await import('../../server/src/cluster/deploy/api');
  const res = await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp });
  assert.equal(res.status, 415);
  assert.deepEqual(JSON.parse(res.body), { message: 'Unsupported Media Type' });
  const e = writeError(res, '/sysdig-agent');
  assert.ok(e instanceof DeployError && e.kind === 'media-type');
  assert.match(e.message, /415 Unsupported Media Type: Marathon needs Content-Type: application\/json/);
  const plain = await request(`${m.url}/v2/apps`, { method: 'POST', body: fixedApp, contentType: 'application/x-www-form-urlencoded' });
  assert.equal(plain.status, 415);
});

test('401: Marathon with basic auth, no or wrong credentials → unauthorized with the realm, never the password', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: PASSWORD } });
  await assert.rejects(planDeploy(marathonTarget(m.url), prepared()), (e: unknown) => {
    assert.ok(e instanceof ClusterError && e.kind === 'unauthorized');
    assert.match(e.message, /401 Unauthorized \(realm "Mesosphere"\)/);
    return true;
  });
  const wrong = `http://admin:not-${PASSWORD}@127.0.0.1:${m.port}`;
  await assert.rejects(planDeploy(marathonTarget(wrong), prepared()), (e: unknown) => {
    assert.ok(e instanceof ClusterError && e.kind === 'unauthorized');
    assert.match(e.message, /credentials were refused/);
    assertNoSecrets(e.message, [PASSWORD]);
    return true;
  });
  const good = marathonTarget(`http://admin:${PASSWORD}@127.0.0.1:${m.port}`);
  assert.equal(good.shown, `http://admin:***@127.0.0.1:${m.port}`);
  const plan = await planDeploy(good, prepared());
  assert.equal(plan.marathon, `http://admin:***@127.0.0.1:${m.port}`);
  const sent = await sendApp(plan);
  assert.equal(sent.status, 201);
  assert.ok(requestsTo(m, 'POST', '/v2/apps').every((r) => r.headers.authorization === 'Basic ' + Buffer.from(`admin:${PASSWORD}`).toString('base64')));
});

test('no leader: HTML 503 (1.4) and 502 (1.7) from the instance, 404 "There is no leader" → no-leader', async () => {
  for (const profile of ['1.4', '1.7'] as const) {
    const m = await marathon({ profile, role: 'no-leader' });
    await assert.rejects(planDeploy(marathonTarget(m.url), prepared()), (e: unknown) => {
      assert.ok(e instanceof ClusterError && e.kind === 'no-leader', String(e));
      assert.match(e.message, new RegExp(`${profile === '1.7' ? 502 : 503} Marathon has no leader \\(Could not determine the current leader\\)`));
      return true;
    });
  }
  const unreachable = await marathon({ profile: '1.5', role: 'leader-unreachable' });
  await assert.rejects(planDeploy(marathonTarget(unreachable.url), prepared()), (e: unknown) => e instanceof ClusterError && e.kind === 'no-leader' && /cannot reach its leader/.test(e.message));
});

test('standby: requests are proxied to the leader; the plan names the leader and the standby; the POST lands on the leader once', async () => {
  const leader = await marathon({ profile: '1.5', role: 'leader' });
  const standby = await marathon({ profile: '1.5', role: 'standby', leaderUrl: leader.url });
  const plan = await planDeploy(marathonTarget(standby.url), prepared());
  assert.equal(plan.leader, `127.0.0.1:${leader.port}`);
  assert.equal(plan.via, `127.0.0.1:${standby.port}`);
  const sent = await sendApp(plan);
  assert.equal(sent.status, 201);
  assert.equal(requestsTo(leader, 'POST', '/v2/apps').length, 1);
  assert.equal(requestsTo(standby, 'POST', '/v2/apps').length, 1);
  assert.equal(JSON.parse(requestsTo(leader, 'POST', '/v2/apps')[0].body).id, 'sysdig-agent');
  const { p } = follow(leader, plan, sent);
  assert.equal((await p).outcome, 'success');
});

test('stuck deployment: stalls explained by lastTaskFailure, queue back-off and declined offers; ends in timeout', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { stuck: ['/sysdig-agent'] } });
  // a 10 s back-off, so that the final poll falls inside it: with the default 1 s (× 1.15 per failure, RateLimiter,
  // v1.4.13:src/main/scala/mesosphere/marathon/core/launchqueue/impl/RateLimiter.scala:37-96) it may have run out by then
  const app = JSON.parse(placeholderKeyApp);
  app.backoffSeconds = 10;
  const plan = await planDeploy(marathonTarget(m.url), prepared(JSON.stringify(app, null, 2)));
  const sent = await sendApp(plan);
  const { p, events } = follow(m, plan, sent, { timeoutMs: 20_000 });
  const out = await p;
  assert.equal(out.outcome, 'timeout');
  if (out.outcome !== 'timeout') return;
  assert.match(out.reason, /^not finished after 20 s \(step 2 of 2 \(ScaleApplication\)/);
  assert.match(out.reason, /last task failed on 10\.0\.\d+\.\d+: TASK_FAILED "Docker container run error: Container exited on error: exited with status 1"/);
  assert.match(out.reason, /launch back-off: Marathon waits \d+ s before the next attempt/);
  // the offers fit (tasks start, then fail): no declined offer is reported — Marathon's queue counts none
  assert.doesNotMatch(out.reason, /offers declined/);
  assert.ok(events.some((e) => e.stalled && /TASK_FAILED/.test(e.stalled)));
  assert.ok(requestsTo(m, 'GET', '/v2/queue').length > 0);
  assertNoSecrets(out.reason);
});

test('timeout: a deployment that never moves, with nothing to explain it, says so', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  let t = 0;
  const out = await followDeployment({ target: plan.target, appId: plan.appId, deploymentId: sent.deploymentId, version: sent.version, instances: 3, timeoutMs: 10_000, pollMs: 1000, now: () => t, sleep: async (ms) => void (t += ms) });
  assert.equal(out.outcome, 'timeout');
  assert.match(out.outcome === 'timeout' ? out.reason : '', /not finished after 10 s \(step 1 of 2 \(StartApplication\): 0 of 3 running\): no progress for \d+ s, and Marathon shows no task failure or back-off/);
});

test('cancel: the AbortSignal ends following as cancelled; rollback DELETEs the deployment and the new app goes away', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  const ac = new AbortController();
  const { p } = follow(m, plan, sent, { signal: ac.signal, onProgress: (e) => e.staged > 0 && ac.abort() });
  const out = await p;
  assert.equal(out.outcome, 'cancelled');
  assert.equal(out.progress?.staged, 3, 'cancelled where it was');
  const rb = await rollbackDeployment(plan.target, sent.deploymentId);
  assert.equal(rb.kind, 'rollback');
  assert.deepEqual(requestsTo(m, 'DELETE', '/v2/deployments/').map((r) => r.url), [`/v2/deployments/${sent.deploymentId}`]);
  if (rb.kind !== 'rollback') return;
  assert.equal(m.store.deployments[0].id, rb.deploymentId);
  m.store.advance(2);
  assert.equal(m.store.apps.has('/sysdig-agent'), false, 'a rolled-back create removes the app');
  await assert.rejects(rollbackDeployment(plan.target, sent.deploymentId), (e: unknown) => e instanceof DeployError && e.kind === 'no-deployment');
});

test('cancel with force: 202, the deployment only stops', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  assert.deepEqual(await rollbackDeployment(plan.target, sent.deploymentId, { force: true }), { kind: 'cancelled' });
  assert.equal(m.store.deployments.length, 0);
  assert.equal(m.store.apps.has('/sysdig-agent'), true);
});

test('the post-POST race: a deployment missing from the list and an app 404 right after the 201 are not success', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { hiddenPolls: 3, app404Polls: 1 } });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  // the clock stands still for the first three polls: nothing has started, yet nothing is listed
  let polls = 0;
  let t = 0;
  const events: ProgressEvent[] = [];
  const out = await followDeployment({
    target: plan.target,
    appId: plan.appId,
    deploymentId: sent.deploymentId,
    version: sent.version,
    instances: 3,
    pollMs: 1000,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
      if (++polls > 3) m.store.advance();
    },
    onProgress: (e) => events.push(e),
  });
  assert.equal(out.outcome, 'success');
  assert.ok(polls > 3, 'not success while the clock stood still');
  assert.match(events[0].message, /waiting for the deployment to show: \/sysdig-agent not visible yet/);
  // a line per change, not per poll: the three still polls show as one
  assert.ok(events[0].step === undefined && events[0].running === 0, JSON.stringify(events[0]));
  assert.notEqual(events[1]?.message, events[0].message);
  assert.equal(out.outcome === 'success' && out.progress.running, 3);
});

test('the race on an update: old tasks running at the old version are not success while the new deployment is unlisted', async () => {
  const deployed = JSON.parse(fixedApp);
  deployed.mem = 400;
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { hiddenPolls: 2 }, apps: { '/sysdig-agent': { instances: 3, taskHosts: ['a', 'b', 'c'], definition: deployed } } });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  let polls = 0;
  let t = 0;
  const events: ProgressEvent[] = [];
  const out = await followDeployment({
    target: plan.target,
    appId: plan.appId,
    deploymentId: sent.deploymentId,
    version: sent.version,
    instances: 3,
    pollMs: 1000,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
      if (++polls > 2) m.store.advance();
    },
    onProgress: (e) => events.push(e),
  });
  assert.equal(out.outcome, 'success');
  assert.equal(events[0].running, 0, 'the three old tasks do not count');
  assert.ok(events.length >= 4);
});

test('failed: the app is rolled back by someone else while we follow', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  const { p } = follow(m, plan, sent, {
    onProgress: (e) => {
      if (e.step === 1) m.store.deleteDeployment(sent.deploymentId, false);
    },
  });
  const out = await p;
  assert.equal(out.outcome, 'failed');
  assert.match(out.outcome === 'failed' ? out.reason : '', /\/sysdig-agent no longer exists: the deployment was rolled back or the app deleted/);
});

test('0.15: no Marathon-Deployment-Id header (the id from the 201 body), steps as arrays of arrays, tasks without state', async () => {
  const m = await marathon({ profile: '0.15', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  const listed = await (await import('../../server/src/cluster/http')).request(`${m.url}/v2/deployments`);
  assert.ok(Array.isArray(JSON.parse(listed.body)[0].steps[0]), 'arrays of arrays');
  assert.equal(sent.deploymentId, m.store.deployments[0].id);
  const { p, events } = follow(m, plan, sent);
  assert.equal((await p).outcome, 'success');
  assert.ok(events.some((e) => e.message === 'step 2 of 2 (ScaleApplication): 3 of 3 running'));
});

test('health checks: success waits for healthy tasks and says so', async () => {
  const app = JSON.parse(placeholderKeyApp);
  app.healthChecks = [{ protocol: 'COMMAND', command: { value: 'true' }, gracePeriodSeconds: 30 }];
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared(JSON.stringify(app, null, 2)));
  const sent = await sendApp(plan);
  const { p, events } = follow(m, plan, sent);
  const out = await p;
  assert.equal(out.outcome, 'success');
  assert.equal(out.outcome === 'success' && out.progress.healthy, 3);
  // the tasks are staged by ScaleApplication (StartApplication starts the app with 0 instances: v1.4.13 DeploymentPlan.scala:309-316)
  assert.ok(events.some((e) => e.message === 'step 2 of 2 (ScaleApplication): 0 of 3 running, 0 of 3 healthy, 3 staged'), events.map((e) => e.message).join('\n'));
});

test('a poll failing for a moment (the standby loses its leader) is tolerated and reported; too many in a row fail', async () => {
  const leader = await marathon({ profile: '1.5', role: 'leader' });
  const standby = await marathon({ profile: '1.5', role: 'standby', leaderUrl: leader.url });
  const plan = await planDeploy(marathonTarget(standby.url), prepared());
  const sent = await sendApp(plan);
  const { closedPort } = await import('./fake/faults');
  const nowhere = `http://127.0.0.1:${await closedPort()}`;
  let polls = 0;
  const events: ProgressEvent[] = [];
  const { p } = follow(leader, plan, sent, {
    onProgress: (e) => {
      events.push(e);
      // the first poll is answered; the second finds no leader behind the standby; then it is back
      if (++polls === 1) standby.options.leaderUrl = nowhere;
      else standby.options.leaderUrl = leader.url;
    },
  });
  const out = await p;
  assert.equal(out.outcome, 'success');
  assert.ok(events.some((e) => /poll failed \(1 of 3 tolerated\), retrying: .*502 .*cannot reach its leader \(Connection to leader refused\.\)/.test(e.message)), events.map((e) => e.message).join('\n'));

  const again = await sendApp(await planDeploy(marathonTarget(standby.url), prepared(fixedApp)));
  standby.options.leaderUrl = nowhere;
  const failed = await followDeployment({ target: plan.target, appId: plan.appId, deploymentId: again.deploymentId, version: again.version, instances: 3, pollMs: 1, sleep: async () => undefined });
  assert.equal(failed.outcome, 'failed');
  assert.match(failed.outcome === 'failed' ? failed.reason : '', /cannot reach its leader/);
});

test('the rollback of a create: the app is gone at once, but its revert holds the id until it has stopped the tasks — not over while the revert is unlisted (DeploymentManager.scala:272-283 v1.4.13)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { hiddenPolls: 2 } });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const sent = await sendApp(plan);
  const { request } = await import('../../server/src/cluster/http');
  for (let i = 0; i < 2; i++) await request(`${m.url}/v2/deployments`); // the race: listed from the third poll
  m.store.advance(); // tasks staged
  const rb = await rollbackDeployment(plan.target, sent.deploymentId);
  assert.ok(rb.kind === 'rollback');
  const { p, events } = follow(m, plan, rb, { removes: true });
  const out = await p;
  assert.equal(out.outcome, 'success', JSON.stringify(out));
  assert.equal(out.outcome === 'success' && out.progress.message, '/sysdig-agent removed');
  assert.ok(events.some((e) => /waiting for the deployment to show/.test(e.message)), JSON.stringify(events));
  assert.deepEqual(m.store.deployments, [], 'over only once the revert ended: the id is free again');
  const again = await sendApp(await planDeploy(marathonTarget(m.url), prepared()));
  assert.equal(again.status, 201, 'no 409');
});
