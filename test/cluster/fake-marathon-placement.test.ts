import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../../server/src/cluster/http';
import { marathon, fixedApp } from './deploy-helpers';
import { agentFor, declineReasons, meetsConstraint, type Agent } from './fake/marathon-placement';
import { restartStrategy } from './fake/marathon-deployment';

/** The fake's placement (Constraints.scala) and upgrade arithmetic (TaskReplaceActor.scala), alone and through the API. */

const agent = (hostname: string, attributes: Record<string, string> = {}): Agent => ({ ...agentFor(hostname, 0), id: `id-${hostname}`, attributes });
const on = (...agents: Agent[]) => agents.map((a) => ({ agent: a }));
const [a, b, c] = [agent('a', { rack: 'r1' }), agent('b', { rack: 'r1' }), agent('c', { rack: 'r2' })];
const bare = agent('d');

test('constraints on hostname (v1.4.13:src/main/scala/mesosphere/mesos/Constraints.scala:89-103): UNIQUE, CLUSTER, LIKE/UNLIKE as whole-string regexes, GROUP_BY, MAX_PER', () => {
  assert.equal(meetsConstraint(on(a), b, ['hostname', 'UNIQUE']), true);
  assert.equal(meetsConstraint(on(a), a, ['hostname', 'UNIQUE']), false);
  assert.equal(meetsConstraint(on(), a, ['hostname', 'CLUSTER', 'a']), true);
  assert.equal(meetsConstraint(on(), b, ['hostname', 'CLUSTER', 'a']), false);
  assert.equal(meetsConstraint(on(a), b, ['hostname', 'CLUSTER', '']), false, 'every task on one host');
  assert.equal(meetsConstraint(on(), a, ['hostname', 'LIKE', '[ab]']), true);
  assert.equal(meetsConstraint(on(), a, ['hostname', 'LIKE', 'x|a.']), false, 'String.matches: the whole hostname');
  assert.equal(meetsConstraint(on(), c, ['hostname', 'UNLIKE', '[ab]']), true);
  // GROUP_BY: a new value is always fine; a known one only if it is among the smallest groups (Constraints.scala:66-80)
  assert.equal(meetsConstraint(on(a, a, b), c, ['hostname', 'GROUP_BY']), true);
  assert.equal(meetsConstraint(on(a, a, b), a, ['hostname', 'GROUP_BY']), false);
  assert.equal(meetsConstraint(on(a, a, b), b, ['hostname', 'GROUP_BY']), true);
  assert.equal(meetsConstraint(on(a, b), a, ['hostname', 'GROUP_BY', '3']), false, 'fewer groups than asked for: only new values');
  assert.equal(meetsConstraint(on(a, a), a, ['hostname', 'MAX_PER', '2']), false);
  assert.equal(meetsConstraint(on(a), a, ['hostname', 'MAX_PER', '2']), true);
});

test('constraints on attributes (Constraints.scala:106-147): the same operators on the attribute value; an offer without the attribute meets only UNLIKE', () => {
  assert.equal(meetsConstraint(on(a), b, ['rack', 'UNIQUE']), false, 'a and b share r1');
  assert.equal(meetsConstraint(on(a), c, ['rack', 'UNIQUE']), true);
  assert.equal(meetsConstraint(on(a), b, ['rack', 'CLUSTER', 'r1']), true);
  assert.equal(meetsConstraint(on(a), c, ['rack', 'CLUSTER']), false);
  assert.equal(meetsConstraint(on(a, b), c, ['rack', 'GROUP_BY']), true);
  assert.equal(meetsConstraint(on(a, b), b, ['rack', 'MAX_PER', '2']), false);
  assert.equal(meetsConstraint(on(), c, ['rack', 'LIKE', 'r[2-9]']), true);
  assert.equal(meetsConstraint(on(), a, ['rack', 'LIKE', '']), false, 'LIKE needs a value (Constraints.scala:128-135)');
  assert.equal(meetsConstraint(on(), bare, ['rack', 'UNIQUE']), false);
  assert.equal(meetsConstraint(on(), bare, ['rack', 'UNLIKE', 'r1']), true);
});

test('an offer is declined for every reason that applies: constraint and resources (v1.4.13:src/main/scala/mesosphere/mesos/NoOfferMatchReason.scala)', () => {
  const small: Agent = { ...agent('s'), cpus: 1, mem: 512, disk: 0 };
  const app = { cpus: 1, mem: 500, disk: 0, constraints: [['hostname', 'UNIQUE']] };
  assert.deepEqual(declineReasons(app, small, [], []), []);
  const busy = [{ host: 's', agentId: small.id, cpus: 0.5, mem: 100, disk: 0 }];
  assert.deepEqual(declineReasons(app, small, on(small), busy), ['UnfulfilledConstraint', 'InsufficientCpus', 'InsufficientMemory']);
});

test('TaskReplaceActor.computeRestartStrategy (v1.4.13:src/main/scala/mesosphere/marathon/upgrade/TaskReplaceActor.scala:203-237): keep ceil(n × mhc), at most n × (1 + moc), one over when both meet', () => {
  assert.deepEqual(restartStrategy(3, { minimumHealthCapacity: 1, maximumOverCapacity: 1 }, 3), { nrToKillImmediately: 0, maxCapacity: 6 });
  assert.deepEqual(restartStrategy(3, { minimumHealthCapacity: 0, maximumOverCapacity: 0 }, 3), { nrToKillImmediately: 3, maxCapacity: 3 });
  assert.deepEqual(restartStrategy(4, { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 }, 4), { nrToKillImmediately: 2, maxCapacity: 4 });
  assert.deepEqual(restartStrategy(3, { minimumHealthCapacity: 1, maximumOverCapacity: 0 }, 3), { nrToKillImmediately: 0, maxCapacity: 4 }, 'minHealthy = maxCapacity ≤ running: one over capacity');
});

const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];
const put = (url: string, body: unknown) => request(`${url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify(body), contentType: 'application/json' });
const get = async (url: string, path: string) => JSON.parse((await request(url + path)).body);

async function deployedAgentApp(profile: '1.4' | '1.7', upgradeStrategy?: object) {
  const m = await marathon({ profile, role: 'leader', deploy: { agentHosts: HOSTS } });
  // without an upgradeStrategy, as in the guide, Marathon's default (1, 1) applies; the fixed example's kill-first one is dropped
  const app = JSON.parse(fixedApp);
  delete app.upgradeStrategy;
  if (upgradeStrategy) app.upgradeStrategy = upgradeStrategy;
  assert.equal((await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify(app), contentType: 'application/json' })).status, 201);
  m.store.advance(4);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  const a = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.deepEqual(a.tasks.map((t: { host: string }) => t.host).sort(), [...HOSTS].sort(), 'one task per agent (UNIQUE)');
  return m;
}

test('the guide app (hostname UNIQUE, instances = agents, default upgradeStrategy 1/1) never finishes an update: the deployment stays and /v2/queue says why (issues #689, #1133, #1425)', async () => {
  const m = await deployedAgentApp('1.4');
  const image = JSON.parse(fixedApp).container;
  image.docker.image = 'sysdig/agent:0.99';
  const r = await put(m.url, { container: image });
  assert.equal(r.status, 200);
  m.store.advance(50);
  const [d] = await get(m.url, '/v2/deployments');
  assert.equal(d.id, JSON.parse(r.body).deploymentId);
  assert.deepEqual([d.currentStep, d.currentActions[0].action], [1, 'RestartApplication']);
  const app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.equal(app.tasksRunning, 3, 'every old task still runs: none is killed before a new one is healthy');
  assert.ok(app.tasks.every((t: { version: string }) => t.version !== app.versionInfo.lastConfigChangeAt));
  const [q] = (await get(m.url, '/v2/queue?embed=lastUnusedOffers')).queue;
  assert.equal(q.count, 3);
  assert.deepEqual(
    q.processedOffersSummary.rejectSummaryLastOffers.filter((s: { declined: number }) => s.declined > 0),
    [{ reason: 'UnfulfilledConstraint', declined: 3, processed: 3 }],
  );
  assert.equal(q.processedOffersSummary.processedOffersCount, q.processedOffersSummary.unusedOffersCount);
  assert.deepEqual(
    q.lastUnusedOffers.map((o: { offer: { hostname: string }; reason: string[] }) => [o.offer.hostname, o.reason]).sort(),
    HOSTS.map((h) => [h, ['UnfulfilledConstraint']]).sort(),
  );
  assert.equal('lastUnusedOffers' in (await get(m.url, '/v2/queue')).queue[0], false, 'only with ?embed=lastUnusedOffers (QueueResource.scala:30)');
});

test('kill-first (minimumHealthCapacity 0, maximumOverCapacity 0): every old task is killed at once, the new ones take their hosts, the update finishes', async () => {
  const m = await deployedAgentApp('1.7', { minimumHealthCapacity: 0, maximumOverCapacity: 0 });
  const image = JSON.parse(fixedApp).container;
  image.docker.image = 'sysdig/agent:0.99';
  assert.equal((await put(m.url, { container: image })).status, 200);
  m.store.advance(1);
  let app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.deepEqual(app.tasks.map((t: { state: string }) => t.state), ['TASK_KILLING', 'TASK_KILLING', 'TASK_KILLING']);
  m.store.advance(4);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  app = (await get(m.url, '/v2/apps/sysdig-agent')).app;
  assert.equal(app.tasksRunning, 3);
  assert.ok(app.tasks.every((t: { version: string }) => t.version === app.versionInfo.lastConfigChangeAt));
  assert.deepEqual(app.tasks.map((t: { host: string }) => t.host).sort(), [...HOSTS].sort());
});

test('minimumHealthCapacity 0.5 with 4 instances on 4 agents: 2 killed at once, 2 new placed on their hosts, then one old for each new healthy one', async () => {
  const hosts = [...HOSTS, '10.0.3.53'];
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: hosts } });
  const app = { ...JSON.parse(fixedApp), instances: 4, upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } };
  await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify(app), contentType: 'application/json' });
  m.store.advance(4);
  await put(m.url, { env: { X: '1' } });
  const states = async () => (await get(m.url, '/v2/apps/sysdig-agent')).app.tasks.map((t: { state: string; version: string }) => t.state).sort();
  m.store.advance(1);
  assert.deepEqual(await states(), ['TASK_KILLING', 'TASK_KILLING', 'TASK_RUNNING', 'TASK_RUNNING']);
  m.store.advance(1); // the 2 killed are gone: 2 new staged on their hosts
  assert.deepEqual(await states(), ['TASK_RUNNING', 'TASK_RUNNING', 'TASK_STAGING', 'TASK_STAGING']);
  m.store.advance(6);
  assert.deepEqual(await get(m.url, '/v2/deployments'), []);
  assert.deepEqual(await states(), ['TASK_RUNNING', 'TASK_RUNNING', 'TASK_RUNNING', 'TASK_RUNNING']);
});

test('more UNIQUE instances than agents: the start never finishes; the extra instance waits in /v2/queue, declined for the constraint', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader', deploy: { agentHosts: HOSTS } });
  await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ ...JSON.parse(fixedApp), instances: 4 }), contentType: 'application/json' });
  m.store.advance(10);
  assert.equal((await get(m.url, '/v2/deployments')).length, 1);
  assert.equal((await get(m.url, '/v2/apps/sysdig-agent')).app.tasksRunning, 3);
  const [q] = (await get(m.url, '/v2/queue')).queue;
  assert.equal(q.count, 1);
  // 1.5's funnel has DeclinedScarceResources last (v1.5.15 NoOfferMatchReason.scala)
  assert.deepEqual(q.processedOffersSummary.rejectSummaryLastOffers.map((s: { reason: string }) => s.reason).slice(-1), ['DeclinedScarceResources']);
  assert.equal(q.processedOffersSummary.rejectSummaryLastOffers.find((s: { reason: string }) => s.reason === 'UnfulfilledConstraint').declined, 3);
});

test('agents with attributes: rack UNIQUE places one task per rack, and the rest wait', async () => {
  const agents: Agent[] = [agent('h1', { rack: 'r1' }), agent('h2', { rack: 'r1' }), agent('h3', { rack: 'r2' })];
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agents } });
  await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'per-rack', cmd: 'sleep 1', instances: 3, constraints: [['rack', 'UNIQUE']] }), contentType: 'application/json' });
  m.store.advance(5);
  const app = (await get(m.url, '/v2/apps/per-rack')).app;
  assert.deepEqual(app.tasks.map((t: { host: string }) => t.host).sort(), ['h1', 'h3']);
  assert.equal((await get(m.url, '/v2/queue')).queue[0].count, 1);
});
