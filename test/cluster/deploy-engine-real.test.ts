import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  followDeployment,
  marathonTarget,
  planDeploy,
  prepareApp,
  rollbackDeployment,
  sendApp,
  type DeployPlan,
  type FollowOutcome,
  type PreparedApp,
  type ProgressEvent,
} from '../../server/src/cluster/index';
import { fixedApp, marathon, mesosOf, requestsTo, SECRET_KEY } from './deploy-helpers';
import { busyAgentFor } from './fake/marathon-placement';
import type { FakeMarathon } from './fake/marathon';
import type { MarathonProfile } from './fake/marathon-profile';

/**
 * The deploy engine against the fake Marathon that follows Marathon's source (issue 15 part 3): each "Done when"
 * scenario — a redeploy of an unchanged app, a scale-only change, an image upgrade with the default strategy
 * (predicted and refused or explained before sending) and with a kill-first one, a rollback and a forced update —
 * with the Marathon behaviour it relies on cited.
 */

type Ready = Extract<PreparedApp, { ok: true }>;
const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];

/** The guide's app: the fixed example without its kill-first upgradeStrategy (Marathon's default (1, 1) applies). */
function guide(changes: Record<string, unknown> = {}, image?: string): string {
  const app = JSON.parse(fixedApp);
  delete app.upgradeStrategy;
  if (image) app.container.docker.image = image;
  return JSON.stringify({ ...app, ...changes }, null, 2);
}

function prepared(text: string): Ready {
  const r = prepareApp(text, { secrets: { accessKey: SECRET_KEY } });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r;
}

/** A fake cluster with the app deployed and its deployment over. `busy`: agents with room for one agent task only. */
async function cluster(profile: MarathonProfile, text: string, busy = false): Promise<FakeMarathon> {
  const m = await marathon({ profile, role: 'leader', deploy: busy ? { agents: HOSTS.map(busyAgentFor) } : { agentHosts: HOSTS } });
  const plan = await planDeploy(marathonTarget(m.url), prepared(text));
  assert.equal(plan.action, 'create');
  await sendApp(plan);
  m.store.advance(6);
  const app = JSON.parse((await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text()))).app;
  assert.equal(app.tasksRunning, 3);
  assert.deepEqual(app.deployments, []);
  return m;
}

/** Follows with the fake's clock moved one tick per poll; `polls` counts the GETs of /v2/deployments. */
async function follow(m: FakeMarathon, plan: DeployPlan, sent: { deploymentId: string; version: string }, extra: Partial<Parameters<typeof followDeployment>[0]> = {}) {
  const events: ProgressEvent[] = [];
  let t = 0;
  const out: FollowOutcome = await followDeployment({
    target: plan.target,
    appId: plan.appId,
    deploymentId: sent.deploymentId,
    version: sent.version,
    instances: plan.instances,
    pollMs: 2000,
    timeoutMs: 600_000,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
      m.store.advance();
    },
    onProgress: (e) => events.push(e),
    ...extra,
  });
  return { out, events, polls: requestsTo(m, 'GET', '/v2/deployments').length };
}

test('redeploy of an unchanged app with a field Marathon drops (`command`): named as ignored, plans as unchanged; a PUT of it anyway ends at once as unchanged on Marathon (AppUpdate.scala:147-152 and GroupVersioningUtil.scala:26-49, v1.4.13: the app keeps its version)', async () => {
  for (const profile of ['1.4', '1.7'] as const) {
    const text = guide({ command: 'sleep 1' });
    const m = await cluster(profile, text);
    const plan = await planDeploy(marathonTarget(m.url), prepared(text));
    assert.deepEqual(plan.ignored, ['/command'], profile);
    assert.equal(plan.action, 'update');
    assert.equal(plan.action === 'update' && plan.unchanged, true, `${profile}: the dropped field and the assigned service port are no change`);
    assert.equal(plan.action === 'update' && plan.stall, undefined, 'no replacement, nothing to predict');
    // What an engine that trusted the diff would have done: Marathon answers a new version, keeps the old one
    const before = requestsTo(m, 'GET', '/v2/deployments').length;
    const sent = await sendApp(plan);
    const { out, events, polls } = await follow(m, plan, sent);
    assert.equal(out.outcome, 'success');
    assert.equal(out.outcome === 'success' && out.unchanged, true);
    assert.equal(polls - before, 1, 'judged at the first poll, not after --wait');
    assert.equal(events.length, 1);
    assert.match(events[0].message, /3 of 3 running/);
  }
});

test('a file asking for service port 0 plans unchanged against the port Marathon assigned (GroupManagerActor.scala:262-266 v1.4.13: dynamic ports get the same ports again)', async () => {
  const text = guide({ portDefinitions: [{ port: 0, protocol: 'tcp' }] });
  const m = await cluster('1.4', text);
  const current = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
  assert.equal(current.portDefinitions[0].port, 10000, 'the fake assigned a service port');
  const plan = await planDeploy(marathonTarget(m.url), prepared(text));
  assert.equal(plan.action === 'update' && plan.unchanged, true, plan.action === 'update' ? plan.diff.before + plan.diff.after : '');
});

test('scale-only change 3 → 2: one task stops (shown as stopping, never as staged), the others keep running, success (ScaleApplication keeps lastConfigChangeAt, DeploymentPlan.scala:257-259 v1.4.13)', async () => {
  const m = await cluster('1.4', guide());
  const ids = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app.tasks.map((t: { id: string }) => t.id);
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({ instances: 2 })));
  assert.equal(plan.action === 'update' && plan.configChanged, false);
  assert.equal(plan.action === 'update' && plan.stall, undefined, 'a scale replaces nothing');
  const sent = await sendApp(plan);
  const { out, events } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'success');
  assert.ok(events.every((e) => e.staged === 0), JSON.stringify(events.map((e) => e.message)));
  assert.ok(events.some((e) => e.killing === 1 && /2 of 2 running, 1 stopping/.test(e.message)), JSON.stringify(events.map((e) => e.message)));
  const after = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
  assert.equal(after.tasks.length, 2);
  assert.ok(after.tasks.every((t: { id: string }) => ids.includes(t.id)), 'the running tasks were kept');
});

test('image upgrade, default strategy, agents with room for one agent task: the plan predicts it never finishes from Mesos /master/slaves (ResourceMatcher.scala:175-180 v1.4.13; TaskReplaceActor.scala:203-237)', async () => {
  const m = await cluster('1.4', guide(), true);
  const mesos = await mesosOf(m);
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')), { mesos: { base: mesos.url, shown: mesos.url } });
  assert.equal(plan.action, 'update');
  assert.equal(plan.action === 'update' && plan.configChanged, true);
  const stall = plan.action === 'update' ? plan.stall : undefined;
  assert.equal(stall?.verdict, 'stalls');
  assert.match(stall!.reason, /no node has room for a new task \(1 cpus, 500 MiB/);
  assert.match(stall!.fix, /"minimumHealthCapacity": 0, "maximumOverCapacity": 0/);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0, 'planning sends nothing');
});

test('image upgrade, default strategy, roomy agents: predicted to finish on 1.4 (a new task beside the old), and it does; on 0.15 predicted to stall (every task counts, v0.15.7 ResourceMatcher.scala:79-83)', async () => {
  const m = await cluster('1.4', guide());
  const mesos = await mesosOf(m);
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')), { mesos: { base: mesos.url, shown: mesos.url } });
  assert.equal(plan.action === 'update' && plan.stall?.verdict, 'finishes');
  const sent = await sendApp(plan);
  const { out } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'success');

  const old = await cluster('0.15', guide());
  const oldMesos = await mesosOf(old, '0.27');
  const p15 = await planDeploy(marathonTarget(old.url), prepared(guide({}, 'sysdig/agent:0.99')), { mesos: { base: oldMesos.url, shown: oldMesos.url } });
  assert.equal(p15.action === 'update' && p15.stall?.verdict, 'stalls');
  assert.match(p15.action === 'update' ? p15.stall!.reason : '', /counts the old tasks for UNIQUE \(before 1\.1\)/);
});

test('without a Mesos URI (or with one that does not answer) the prediction says it could not be made, and the rule\'s warning stands', async () => {
  const m = await cluster('1.4', guide());
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')));
  assert.equal(plan.action === 'update' && plan.stall?.verdict, 'unknown');
  assert.match(plan.action === 'update' ? plan.stall!.reason : '', /the prediction could not be made \(no Mesos URI/);
  const p2 = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')), { mesos: { base: 'http://127.0.0.1:1', shown: 'http://127.0.0.1:1', timeoutMs: 2000 } });
  assert.match(p2.action === 'update' ? p2.stall!.reason : '', /could not be made \(Mesos http:\/\/127\.0\.0\.1:1: .*refused/);
});

test('sent anyway (or an agent lost): follow ends as blocked within a few polls with the queue\'s decline reason and the way out — cancel with force, then kill-first — never a rollback hint; the forced cancel only stops it (DR:45-49 v1.4.13)', async () => {
  const m = await cluster('1.4', guide(), true);
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')));
  const sent = await sendApp(plan);
  const { out, events, polls } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'blocked');
  assert.ok(polls <= 6, `blocked after ${polls} polls`);
  assert.ok(events.length <= 3, `a line per change: ${JSON.stringify(events.map((e) => e.message))}`);
  const reason = out.outcome === 'blocked' ? out.reason : '';
  assert.match(reason, /offers declined: InsufficientCpus 3\/3/);
  assert.match(reason, new RegExp(`DELETE /v2/deployments/${sent.deploymentId}\\?force=true`));
  assert.match(reason, /A rollback \(DELETE without force\) would start a revert that needs the same replacement and stalls the same way/);
  assert.match(reason, /"minimumHealthCapacity": 0, "maximumOverCapacity": 0/);
  const cancelled = await rollbackDeployment(plan.target, sent.deploymentId, { force: true });
  assert.deepEqual(cancelled, { kind: 'cancelled' });
  assert.deepEqual(JSON.parse(await fetch(`${m.url}/v2/deployments`).then((r) => r.text())), []);
  const app = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
  assert.equal(app.tasksRunning, 3, 'the old tasks keep running');
});

test('0.15, whose queue has no offer statistics (v0.15.7 QueueResource.scala:33-45): the stalled UNIQUE replacement is still reported blocked', async () => {
  const m = await cluster('0.15', guide());
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')));
  const sent = await sendApp(plan);
  const { out } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'blocked');
  assert.match(out.outcome === 'blocked' ? out.reason : '', /3 task\(s\) waiting, no offer taken/);
});

test('image upgrade with a kill-first strategy on busy agents: no stall predicted, every old task stopped first, the update finishes (TaskReplaceActor.scala:203-237: nrToKillImmediately = instances)', async () => {
  const kill = { upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } };
  const m = await cluster('1.4', guide(kill), true);
  const mesos = await mesosOf(m);
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide(kill, 'sysdig/agent:0.99')), { mesos: { base: mesos.url, shown: mesos.url } });
  assert.equal(plan.action === 'update' && plan.stall, undefined);
  const sent = await sendApp(plan);
  const { out } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'success');
  const app = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
  assert.ok(app.tasks.every((t: { version: string }) => t.version === app.versionInfo.lastConfigChangeAt));
});

test('rollback: the revert deployment (200 {version, deploymentId}, DR:50-57 v1.4.13) is followed to its end — an update returns to its previous image, a create is removed', async () => {
  const m = await cluster('1.4', guide({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } }));
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } }, 'sysdig/agent:0.99')));
  const sent = await sendApp(plan);
  m.store.advance(1);
  const rb = await rollbackDeployment(plan.target, sent.deploymentId);
  assert.equal(rb.kind, 'rollback');
  const back = rb.kind === 'rollback' ? await follow(m, plan, rb) : undefined;
  assert.equal(back?.out.outcome, 'success');
  const app = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
  assert.equal(app.container.docker.image, 'sysdig/agent');
  assert.equal(app.tasksRunning, 3);

  const m2 = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: HOSTS } });
  const created = await planDeploy(marathonTarget(m2.url), prepared(guide()));
  const s2 = await sendApp(created);
  const rb2 = await rollbackDeployment(created.target, s2.deploymentId);
  assert.equal(rb2.kind, 'rollback');
  const gone = rb2.kind === 'rollback' ? await follow(m2, created, rb2, { removes: true }) : undefined;
  assert.equal(gone?.out.outcome, 'success');
  assert.equal((await fetch(`${m2.url}/v2/apps/sysdig-agent`)).status, 404);
});

test('forced update: a running deployment locks the app (409); ?force=true cancels it where it is and ours is followed to success (AR:196 v1.4.13)', async () => {
  const m = await cluster('1.4', guide(), true);
  // a stuck upgrade holds the lock
  const stuck = await planDeploy(marathonTarget(m.url), prepared(guide({}, 'sysdig/agent:0.99')));
  await sendApp(stuck);
  m.store.advance(3);
  const kill = { upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } };
  const plan = await planDeploy(marathonTarget(m.url), prepared(guide(kill, 'sysdig/agent:0.99')));
  assert.equal(plan.action === 'update' && plan.runningDeployments.length, 1);
  await assert.rejects(sendApp(plan), (e: Error & { kind?: string }) => e.kind === 'locked');
  const sent = await sendApp(plan, { force: true });
  const { out } = await follow(m, plan, sent);
  assert.equal(out.outcome, 'success');
  assert.equal(JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app.tasksRunning, 3);
});
