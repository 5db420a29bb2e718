import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { request } from '../../server/src/cluster/http';
import { listen } from './fake/common';
import { closedPort, startHuge } from './fake/faults';
import { startFakeMesos } from './fake/mesos';
import { fixedApp, marathon, mesosOf, root } from './deploy-helpers';

// `sysdig-mesos status` against the fakes on 127.0.0.1: the Mesos fake's agents are the Marathon fake's (mesosOf), so
// the tasks Marathon places are on agents Mesos lists. The Mesos fake's master is 127.0.0.1: a Marathon agent of that
// hostname is a node that is both master and agent.

const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-status-'));
const PASSWORDS = ['wrongpass', 'mesospw', 'marathonpw'];
let n = 0;
function file(name: string, text: string): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
}
const appFile = file('sysdig.json', fixedApp);
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

async function status(args: string[]): Promise<CliRun> {
  const r = await runCli(['status', ...args], { cwd: root, killAfterMs: 30_000 });
  for (const pw of PASSWORDS) {
    assert.ok(!r.stdout.includes(pw), `password ${pw} in stdout:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(pw), `password ${pw} in stderr:\n${r.stderr}`);
  }
  return r;
}

/** A Marathon fake with the agent app on `taskHosts`, agents `agentHosts`, and a Mesos fake of the same cluster. */
async function cluster(agentHosts: string[], taskHosts: string[], stuck = false) {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts, clock: 'manual', stuck: stuck ? ['/sysdig-agent'] : [] }, apps: { '/sysdig-agent': { instances: taskHosts.length, taskHosts, definition: appDef } } });
  const mesos = await mesosOf(m);
  return { m, mesos };
}

type Report = { coverage: { ok: boolean; nodes: { hostname: string; kind: string; tasks: { state: string }[] }[]; app: { instances: number; running: number; deployment: { step: number; totalSteps: number; actions: string[] } | null; lastTaskFailure: { message: string; host: string } | null }; counts: Record<string, number> } };

test('status: every agent monitored → one line per node, exit 0 (text), and the same facts as JSON', async () => {
  const { m, mesos } = await cluster(['10.0.2.121', '10.0.6.244', '10.0.7.17'], ['10.0.2.121', '10.0.6.244', '10.0.7.17']);
  const r = await status(['--mesos', mesos.url, '--marathon', m.url, '--app', appFile]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines.find((l) => l.startsWith('  ') && l.includes('127.0.0.1'))!, /^ {2}INFO {2}127\.0\.0\.1 +master \(leader\): the agent runs here as a host daemon/);
  for (const h of ['10.0.2.121', '10.0.6.244', '10.0.7.17']) assert.match(lines.find((l) => l.includes(`  ${h} `))!, /^ {2}OK {4}\S+ +agent task running, version \S+, since \S+$/);
  assert.match(r.stdout, /^App {6}\/sysdig-agent: instances 3, running 3 \(from .*sysdig\.json\)$/m);
  assert.match(r.stdout, /^3 agent node\(s\): 3 monitored, 0 not monitored; 1 master\(s\)$/m);

  const j = await status(['--mesos', mesos.url, '--marathon', m.url, '--app', appFile, '--format', 'json']);
  assert.equal(j.code, 0);
  const rep = JSON.parse(j.stdout) as Report;
  assert.equal(rep.coverage.ok, true);
  assert.deepEqual(rep.coverage.nodes.map((x) => x.kind), ['master', 'monitored', 'monitored', 'monitored']);
  // the app asked once with its embeds, and the deployments beside it
  assert.ok(m.requests.some((q) => q.url === '/v2/apps/sysdig-agent?embed=app.tasks&embed=app.lastTaskFailure&embed=app.deployments'));
  assert.ok(m.requests.some((q) => q.url === '/v2/deployments'));
});

test('status: an agent without a task (a failing task, the deployment stuck at its step) → "not monitored: no agent task", the failure, exit 1', async () => {
  const { m, mesos } = await cluster(['10.0.2.121', '10.0.6.244', '10.0.7.17'], ['10.0.2.121', '10.0.6.244'], true);
  // scale to 3: the third task is placed on 10.0.7.17 and fails as it starts (the `stuck` knob)
  const put = await request(`${m.url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify({ instances: 3 }), contentType: 'application/json' });
  assert.equal(put.status, 200);
  m.store.advance(2);
  const r = await status(['--mesos', mesos.url, '--marathon', m.url, '--app', appFile]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^ {2}MISS {2}10\.0\.7\.17 +not monitored: no agent task$/m);
  assert.match(r.stdout, /→ the app's last task failed here: TASK_FAILED on 10\.0\.7\.17 at \S+: Docker container run error: .* — fix what the message says, then Marathon relaunches it$/m);
  assert.match(r.stdout, /^App {6}\/sysdig-agent: instances 3, running 2; deployment \S+ step 1\/1 \(ScaleApplication\)/m);
  assert.match(r.stdout, /^Last task failure: TASK_FAILED on 10\.0\.7\.17 at \S+: Docker container run error: Container exited on error: exited with status 1$/m);
  assert.match(r.stdout, /^3 agent node\(s\): 2 monitored, 1 not monitored; 1 master\(s\)$/m);

  const j = await status(['--mesos', mesos.url, '--marathon', m.url, '--app', appFile, '--format', 'json']);
  assert.equal(j.code, 1);
  const rep = JSON.parse(j.stdout) as Report;
  assert.equal(rep.coverage.nodes.find((x) => x.hostname === '10.0.7.17')!.kind, 'not-monitored');
  assert.equal(rep.coverage.app.lastTaskFailure!.host, '10.0.7.17');
  assert.deepEqual(rep.coverage.app.deployment && { step: rep.coverage.app.deployment.step, actions: rep.coverage.app.deployment.actions }, { step: 1, actions: ['ScaleApplication'] });
});

test('fake: the Mesos state of the cluster shows the tasks the Marathon fake placed, on the agents it placed them on', async () => {
  const { m, mesos } = await cluster(['10.0.2.121', '10.0.6.244', '10.0.7.17'], ['10.0.2.121', '10.0.6.244']);
  const put = await request(`${m.url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify({ instances: 3 }), contentType: 'application/json' });
  assert.equal(put.status, 200);
  m.store.advance(); // the third task is placed on 10.0.7.17 and staged
  const state = JSON.parse((await request(`${mesos.url}/master/state`)).body) as { slaves: { id: string; hostname: string }[]; frameworks: { name: string; id: string; tasks: { id: string; name: string; slave_id: string; state: string; framework_id: string }[] }[] };
  const fw = state.frameworks.find((f) => f.name === 'marathon')!;
  const host = (slaveId: string) => state.slaves.find((a) => a.id === slaveId)?.hostname;
  assert.deepEqual(
    fw.tasks.map((t) => [host(t.slave_id), t.state, t.name, t.framework_id === fw.id]).sort(),
    [
      ['10.0.2.121', 'TASK_RUNNING', 'sysdig-agent', true],
      ['10.0.6.244', 'TASK_RUNNING', 'sysdig-agent', true],
      ['10.0.7.17', 'TASK_STAGING', 'sysdig-agent', true],
    ],
  );
  // the same ids as Marathon's tasks, and Marathon's slaveId is Mesos' agent id
  const app = JSON.parse((await request(`${m.url}/v2/apps/sysdig-agent`)).body).app as { tasks: { id: string; slaveId: string }[] };
  assert.deepEqual(app.tasks.map((t) => `${t.id}@${t.slaveId}`).sort(), fw.tasks.map((t) => `${t.id}@${t.slave_id}`).sort());
});

test('status: the app runs on a node that is both master and agent → the guide\'s warning, exit 1', async () => {
  const { m, mesos } = await cluster(['10.0.2.121', '127.0.0.1'], ['10.0.2.121', '127.0.0.1']);
  const r = await status(['--mesos', mesos.url, '--marathon', m.url, '--app', appFile]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^ {2}FAIL {2}127\.0\.0\.1 +master \(leader\) and agent, agent task running/m);
  assert.match(r.stdout, /→ the agent app runs on a node that is both Mesos master and agent: the guide says the agent must not run as a Marathon app there — add \["hostname","UNLIKE","127\.0\.0\.1"\]/);
  assert.match(r.stdout, /^2 agent node\(s\): 1 monitored, 0 not monitored, 1 master\+agent running the app; 1 master\(s\)$/m);
});

test('status --config: the URIs and credentials of dragent.yaml (masked in the output); without --app the guide\'s /sysdig-agent', async () => {
  const m = await marathon({ profile: '1.6', role: 'leader', auth: { user: 'ops', password: 'marathonpw' }, deploy: { agentHosts: ['10.0.2.121'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: appDef } } });
  const mesos = await startFakeMesos({ profile: '1.2', role: 'leader', auth: { user: 'ops', password: 'mesospw' }, agents: () => m.store.agents.map((a) => ({ id: a.id, hostname: a.hostname, resources: { cpus: 4, mem: 1024, disk: 1024, ports: '[31000-32000]' }, used: { cpus: 0, mem: 0, disk: 0, ports: '' } })) });
  try {
    const cfg = file('dragent.yaml', `mesos_state_uri: http://ops:mesospw@127.0.0.1:${mesos.port}\nmarathon_uris:\n  - http://ops:marathonpw@127.0.0.1:${m.port}\n`);
    const r = await status(['--config', cfg]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Mesos {4}http://ops:\\*\\*\\*@127\\.0\\.0\\.1:${mesos.port} \\(leader 127\\.0\\.0\\.1:${mesos.port}\\)$`, 'm'));
    assert.match(r.stdout, new RegExp(`^Marathon http://ops:\\*\\*\\*@127\\.0\\.0\\.1:${m.port}$`, 'm'));
    assert.match(r.stdout, /^App {6}\/sysdig-agent: instances 1, running 1$/m);
  } finally {
    await mesos.close();
  }
});

test('status: a refused Mesos password → one line with the URL masked and the next step, exit 2 (text and json)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const mesos = await startFakeMesos({ profile: '1.2', role: 'leader', auth: { user: 'ops', password: 'mesospw' } });
  try {
    const uri = `http://ops:wrongpass@127.0.0.1:${mesos.port}`;
    const r = await status(['--mesos', uri, '--marathon', m.url]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    // the credentials travel in the Authorization header, never in the URL: the URL named carries none
    assert.match(r.stderr, new RegExp(`^sysdig-mesos: http://127\\.0\\.0\\.1:${mesos.port}/master/state\\.json: 401 Unauthorized \\(realm "mesos-master-readonly"\\): the credentials were refused — check user and password \\(user:\\*\\*\\*@ in --mesos`));
    const j = await status(['--mesos', uri, '--marathon', m.url, '--format', 'json']);
    assert.equal(j.code, 2);
    const e = JSON.parse(j.stdout) as { error: string; exitCode: number };
    assert.equal(e.exitCode, 2);
    assert.match(e.error, /401 Unauthorized.*the credentials were refused/);
  } finally {
    await mesos.close();
  }
});

test('status: an unreachable Mesos → one line naming it and what to check, exit 2', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const port = await closedPort();
  const r = await status(['--mesos', `http://127.0.0.1:${port}`, '--marathon', m.url]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`^sysdig-mesos: http://127\\.0\\.0\\.1:${port}/master/state\\.json: connection refused by 127\\.0\\.0\\.1:${port}: nothing listens there — check the host and port`));
});

test('status: hostile answers — a Marathon answering more than the size cap, garbage JSON, a state that is JSON but no object: bounded, one line, exit 2', async () => {
  const { m, mesos } = await cluster(['10.0.2.121'], ['10.0.2.121']);
  const huge = await startHuge(33 * 1024 * 1024, false);
  const garbage = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"app": ${'['.repeat(5000)}\n\u001b[31mnot json`);
  });
  const nullState = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('null');
  });
  try {
    const big = await status(['--mesos', mesos.url, '--marathon', huge.url, '--app', appFile]);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /^sysdig-mesos: http:\/\/127\.0\.0\.1:\d+\/v2\/\S+: the answer is larger than 32 MiB \(size cap\)/);
    assert.equal(big.stderr.trimEnd().split('\n').length, 1);

    const bad = await status(['--mesos', mesos.url, '--marathon', garbage.url, '--app', appFile]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trimEnd().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /the answer is not JSON \(application\/json, starts with "\{\\"app\\": \[\[\[\[/);
    assert.ok(bad.stderr.length < 600, `bounded: ${bad.stderr.length} characters`);
    assert.ok(!bad.stderr.includes('\u001b'), 'no escape sequence from the answer reaches the terminal');

    const nul = await status(['--mesos', nullState.url, '--marathon', m.url, '--app', appFile]);
    assert.equal(nul.code, 2);
    assert.match(nul.stderr, /^sysdig-mesos: \S+\/master\/state\.json: the answer is JSON but not an object: this is not a Mesos master's state/);
  } finally {
    await huge.close();
    await garbage.close();
    await nullState.close();
  }
});

test('status: usage errors exit 2 — a FILE, --format sarif, an option of another command, an app file without an id', async () => {
  const noId = file('noid.json', '{"instances": 1}');
  for (const [args, re] of [
    [['sysdig.json'], /status takes no FILE/],
    [['--format', 'sarif'], /--format must be text or json for status, not sarif/],
    [['--yes'], /unknown option --yes for status/],
    [['--app', noId, '--mesos', 'http://127.0.0.1:1', '--marathon', 'http://127.0.0.1:1'], /noid\.json: no "id" to look for in Marathon/],
  ] as const) {
    const r = await status([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  const help = await runCli(['--help'], { cwd: root });
  assert.match(help.stdout, /sysdig-mesos status \[--config dragent\.yaml \| --mesos URI --marathon URI \| --cluster NAME\] \[--app sysdig\.json\]/);
  assert.match(help.stdout, /^status: where the agent runs/m);
});
