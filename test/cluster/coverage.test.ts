import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCoverage, failureText, type CoverageApp, type CoverageInput } from '../../server/src/cluster/coverage';
import { inParallel, mastersOf } from '../../server/src/cluster/status';

// The coverage model as plain data in, plain data out: every node kind, the app's summary, the matching of tasks
// to agents (by Mesos' agent id, else by hostname or IP).

const V1 = '2026-01-01T00:00:01.000Z';
const V2 = '2026-01-01T00:00:09.000Z';

function app(over: Partial<CoverageApp> = {}): CoverageApp {
  return { id: '/sysdig-agent', instances: 3, tasksRunning: 2, tasksHealthy: 2, tasksStaged: 0, healthChecks: true, hostnameUnique: true, configVersion: V2, tasks: [], ...over };
}

const masters = [{ hostname: 'm1.example', ip: '10.0.0.1', port: 5050, leader: true }, { hostname: 'm2.example', ip: '10.0.0.2', port: 5050, leader: false }];
const agents = [
  { id: 'S0', hostname: 'a0.example', ip: '10.0.1.10' },
  { id: 'S1', hostname: 'a1.example', ip: '10.0.1.11' },
  { id: 'S2', hostname: 'a2.example', ip: '10.0.1.12' },
];

function input(over: Partial<CoverageInput> = {}): CoverageInput {
  return { masters, agents, appId: '/sysdig-agent', ...over };
}

test('coverage: every agent with a running task is monitored; masters listed first, the leader first of them', () => {
  const tasks = agents.map((a, i) => ({ id: `t${i}`, host: a.hostname, slaveId: a.id, state: 'TASK_RUNNING', version: V2, startedAt: `2026-01-02T00:00:0${i}.000Z`, health: [{ alive: true }] }));
  const c = buildCoverage(input({ app: app({ tasks, tasksRunning: 3, tasksHealthy: 3 }) }));
  assert.deepEqual(
    c.nodes.map((n) => [n.hostname, n.kind]),
    [
      ['m1.example', 'master'],
      ['m2.example', 'master'],
      ['a0.example', 'monitored'],
      ['a1.example', 'monitored'],
      ['a2.example', 'monitored'],
    ],
  );
  assert.equal(c.nodes[0].leader, true);
  assert.match(c.nodes[0].text, /^master \(leader\): the agent runs here as a host daemon/);
  assert.equal(c.nodes[2].text, `agent task running, healthy, version ${V2}, since 2026-01-02T00:00:00.000Z`);
  assert.deepEqual(c.nodes[2].tasks[0], { id: 't0', state: 'TASK_RUNNING', version: V2, current: true, health: 'healthy', since: '2026-01-02T00:00:00.000Z' });
  assert.equal(c.ok, true);
  assert.deepEqual(c.counts, { agents: 3, monitored: 3, notMonitored: 0, masterAgentApp: 0, masters: 2 });
  assert.equal(c.app.text, '/sysdig-agent: instances 3, running 3, healthy 3');
});

test('coverage: an agent without a task is "not monitored: no agent task", with the scale advice when instances are short', () => {
  const tasks = [{ id: 't0', host: 'a0.example', slaveId: 'S0', state: 'TASK_RUNNING', version: V2, startedAt: V2 }];
  const c = buildCoverage(input({ app: app({ instances: 1, tasks, tasksRunning: 1, healthChecks: false }) }));
  const a1 = c.nodes.find((n) => n.hostname === 'a1.example')!;
  assert.equal(a1.kind, 'not-monitored');
  assert.equal(a1.text, 'not monitored: no agent task');
  assert.equal(a1.problem, true);
  assert.match(a1.detail!, /has 1 instance\(s\) for 3 agent node\(s\): set instances to the number of agent nodes/);
  assert.equal(c.ok, false);
  assert.equal(c.counts.notMonitored, 2);
  // no health checks: health is not claimed either way
  assert.equal(c.nodes.find((n) => n.hostname === 'a0.example')!.text, `agent task running, version ${V2}, since ${V2}`);
  assert.equal(c.app.text, '/sysdig-agent: instances 1, running 1 — 3 agent node(s): set instances to 3');
});

test('coverage: the app not deployed leaves every agent node not monitored, and says to deploy', () => {
  const c = buildCoverage(input());
  assert.deepEqual(
    c.nodes.filter((n) => n.agent).map((n) => n.kind),
    ['not-monitored', 'not-monitored', 'not-monitored'],
  );
  assert.match(c.nodes.find((n) => n.agent)!.detail!, /\/sysdig-agent is not deployed in Marathon: deploy it/);
  assert.equal(c.app.deployed, false);
  assert.equal(c.app.text, '/sysdig-agent: not deployed in Marathon');
});

test('coverage: a node that is both master and agent — the guide\'s warning when the app runs there, none when it does not', () => {
  // m1 is also an agent, known to Mesos by its IP only (as an agent registers with --ip)
  const both = [...agents, { id: 'S9', hostname: '10.0.0.1', ip: '10.0.0.1' }];
  const onMaster = { id: 'tm', host: '10.0.0.1', slaveId: 'S9', state: 'TASK_RUNNING', version: V2, startedAt: V2, health: [{ alive: true }] };
  const c = buildCoverage(input({ agents: both, app: app({ tasks: [onMaster] }) }));
  const n = c.nodes.find((x) => x.agentId === 'S9')!;
  assert.equal(n.kind, 'master-agent-app');
  assert.equal(n.master && n.agent && n.leader, true);
  assert.match(n.detail!, /must not run as a Marathon app there — add \["hostname","UNLIKE","10.0.0.1"\] to the app's constraints and run the agent there as a host daemon/);
  assert.equal(c.ok, false);
  assert.equal(c.counts.masterAgentApp, 1);
  // the master is one node, not a master line and an agent line
  assert.equal(c.nodes.filter((x) => x.master).length, 2);
  // master+agent counts as neither an agent node the app should cover nor a missing one
  assert.equal(c.app.agentNodes, 3);

  const without = buildCoverage(input({ agents: both, app: app({ tasks: [] }) })).nodes.find((x) => x.agentId === 'S9')!;
  assert.equal(without.kind, 'master-agent');
  assert.equal(without.problem, false);
  assert.match(without.text, /master \(leader\) and agent: the agent belongs here as a host daemon/);
});

test('coverage: agents reached over loopback (pid slave(1)@127.0.0.1:PORT, as the fakes run) are told apart from the master by hostname; a routable IP still matches', () => {
  // a master and 3 agents, one of them on the master's host: only that one is both
  const local = [{ hostname: '127.0.0.1', ip: '127.0.0.1', port: 5050, leader: true }];
  const onLoopback = [
    { id: 'S0', hostname: '10.0.2.121', ip: '127.0.0.1' },
    { id: 'S1', hostname: '10.0.6.244', ip: '127.0.0.1' },
    { id: 'S2', hostname: '127.0.0.1', ip: '127.0.0.1' },
  ];
  const c = buildCoverage({ masters: local, agents: onLoopback, appId: '/sysdig-agent' });
  assert.deepEqual(
    c.nodes.map((n) => [n.hostname, n.master, n.agent]),
    [
      ['127.0.0.1', true, true],
      ['10.0.2.121', false, true],
      ['10.0.6.244', false, true],
    ],
  );
  assert.equal(c.counts.masters, 1);
  // a single box bound to 127.0.0.1 with hostnames looked up: both are "localhost", one node
  const box = buildCoverage({ masters: [{ hostname: 'localhost', ip: '127.0.0.1', port: 5050, leader: true }], agents: [{ id: 'S0', hostname: 'localhost', ip: '127.0.0.1' }], appId: '/sysdig-agent' });
  assert.deepEqual(box.nodes.map((n) => [n.hostname, n.master, n.agent]), [['localhost', true, true]]);
  // a routable IP names the machine: master m1 (10.0.0.1) and an agent named otherwise on 10.0.0.1 are one node
  const same = buildCoverage({ masters: [masters[0]], agents: [{ id: 'S9', hostname: 'agent-on-m1', ip: '10.0.0.1' }], appId: '/sysdig-agent' });
  assert.equal(same.nodes.filter((n) => n.master && n.agent).length, 1);
});

test('coverage: a staged task is "starting", an unhealthy or old-configuration task says so; a task without slaveId matches by host or IP', () => {
  const tasks = [
    { id: 't0', host: 'a0.example', state: 'TASK_STAGING', version: V2, stagedAt: V2 },
    { id: 't1', host: '10.0.1.11', state: 'TASK_RUNNING', version: V1, startedAt: V1, health: [{ alive: false }] },
    // 0.x: no state; running once started
    { id: 't2', host: 'A2.EXAMPLE', version: V2, startedAt: V2 },
  ];
  const c = buildCoverage(input({ app: app({ tasks }) }));
  const by = (h: string) => c.nodes.find((n) => n.hostname === h)!;
  assert.equal(by('a0.example').kind, 'starting');
  assert.equal(by('a0.example').text, `agent task staging, unknown, version ${V2}, since ${V2}`);
  assert.equal(by('a1.example').kind, 'monitored');
  assert.equal(by('a1.example').text, `agent task running, unhealthy, version ${V1} (old configuration), since ${V1}`);
  assert.equal(by('a2.example').kind, 'monitored');
  assert.equal(c.ok, true, 'starting and unhealthy are shown, not counted as unmonitored');
});

test('coverage: a task on a host Mesos does not list is a stray task of the app, not a node', () => {
  const c = buildCoverage(input({ app: app({ tasks: [{ id: 'tx', host: 'gone.example', slaveId: 'S77', state: 'TASK_RUNNING', startedAt: V2 }] }) }));
  assert.equal(c.nodes.length, 5);
  assert.equal(c.app.strayTasks.length, 1);
  assert.match(c.app.text, /1 task\(s\) on hosts Mesos does not list as agents/);
});

test('coverage: the deployment and its step, and the last task failure', () => {
  const failure = { host: 'a1.example', message: 'Docker container run error: Container exited on error: exited with status 1', state: 'TASK_FAILED', taskId: 'tf', timestamp: V2, version: V2, slaveId: 'S1' };
  const c = buildCoverage(input({ app: app({ lastTaskFailure: failure }), deployments: [{ id: 'd-1', currentStep: 2, totalSteps: 2, currentActions: ['ScaleApplication'] }] }));
  assert.deepEqual(c.app.deployment, { id: 'd-1', step: 2, totalSteps: 2, actions: ['ScaleApplication'] });
  assert.match(c.app.text, /; deployment d-1 step 2\/2 \(ScaleApplication\)$/);
  assert.equal(failureText(c.app.lastTaskFailure!), `TASK_FAILED on a1.example at ${V2}: Docker container run error: Container exited on error: exited with status 1`);
  // every agent lacks a task; the one where the last task failed says so, the others point at the failure and the queue
  assert.equal(c.nodes.find((n) => n.agentId === 'S1')!.detail, `the app's last task failed here: ${failureText(failure)} — fix what the message says, then Marathon relaunches it`);
  assert.match(c.nodes.find((n) => n.agentId === 'S0')!.detail!, /no task of \/sysdig-agent on this node: look at the app's last task failure and Marathon's queue/);
});

test('mastersOf: the leader (by leader_info hostname and pid IP) and a standby that answered', () => {
  const state = { url: 'http://x', stateJson: true, agents: [], frameworks: [], marathons: [], latencyMs: 1, credentialsSent: false, hops: [] };
  assert.deepEqual(mastersOf({ ...state, hostname: 'm1.example', pid: '10.0.0.1:5050', leader: 'm1.example:5050', leaderPid: '10.0.0.1:5050' }), [{ hostname: 'm1.example', ip: '10.0.0.1', port: 5050, leader: true }]);
  assert.deepEqual(mastersOf({ ...state, hostname: 'm2.example', pid: '10.0.0.2:5050', leader: '10.0.0.1:5050', leaderPid: '10.0.0.1:5050' }), [
    { hostname: '10.0.0.1', ip: '10.0.0.1', port: 5050, leader: true },
    { hostname: 'm2.example', ip: '10.0.0.2', port: 5050, leader: false },
  ]);
});

test('inParallel: never more than the cap in flight, results in order, the first failure rejects', async () => {
  let inFlight = 0;
  let most = 0;
  const job = (i: number) => async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return i;
  };
  assert.deepEqual(await inParallel(Array.from({ length: 10 }, (_, i) => job(i)), 3), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(most, 3);
  await assert.rejects(inParallel([job(0), () => Promise.reject(new Error('boom')), job(2)], 2), /boom/);
});
