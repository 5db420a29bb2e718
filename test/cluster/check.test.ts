import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';
import { startFakeMesos, type FakeMesosOptions } from './fake/mesos';
import { startFakeMarathon, type FakeMarathonOptions } from './fake/marathon';
import { closedPort, startSelfSigned, startSilent } from './fake/faults';

const root = projectRoot();
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-check-'));
const PASSWORDS = ['mypass', 'my%40pass', 'my@pass', 'wrongpass', 'marathonpw'];

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process (the fakes answer from here); no password may appear. */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      for (const pw of PASSWORDS) {
        assert.ok(!stdout.includes(pw), `password ${pw} in stdout:\n${stdout}`);
        assert.ok(!stderr.includes(pw), `password ${pw} in stderr:\n${stderr}`);
      }
      resolve({ code, stdout, stderr });
    });
  });
}

async function mesos(o: FakeMesosOptions) {
  const m = await startFakeMesos(o);
  closers.push(() => m.close());
  return m;
}
async function marathon(o: FakeMarathonOptions) {
  const m = await startFakeMarathon(o);
  closers.push(() => m.close());
  return m;
}

let n = 0;
function file(name: string, text: string): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
}

const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
function app(instances: string): string {
  return file('sysdig.json', fixedApp.replace('"instances": 3', `"instances": ${instances}`));
}

type Report = {
  ok: boolean;
  mesos: Record<string, unknown>;
  marathon: Record<string, unknown>;
  app: Record<string, unknown> | null;
  checks: { id: string; status: string; message: string }[];
};
function json(r: Run): Report {
  return JSON.parse(r.stdout) as Report;
}
function status(rep: Report, id: string): string | undefined {
  return rep.checks.find((c) => c.id === id)?.status;
}
function message(rep: Report, id: string): string {
  return rep.checks.find((c) => c.id === id)?.message ?? '';
}

/** A healthy 1.x cluster: Mesos leader + Marathon leader whose frameworkId Mesos shows. */
async function healthy(extra: Partial<FakeMarathonOptions> = {}, mo: Partial<FakeMesosOptions> = {}) {
  const mara = await marathon({ profile: '1.4', role: 'leader', ...extra });
  const m = await mesos({ profile: '1.2', role: 'leader', marathons: [mara.url], ...mo });
  mara.options.frameworkId = m.marathonFrameworkId;
  return { m, mara };
}

test('check, text: a healthy cluster from dragent.yaml passes, names both leaders as host:port, exit 0', async () => {
  const { m, mara } = await healthy();
  const cfg = file('dragent.yaml', `mesos_state_uri: ${m.url}\nmarathon_uris:\n  - ${mara.url}\n`);
  const r = await run(['check', '--config', cfg]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^Mesos leader: 127\\.0\\.0\\.1:${m.port}$`, 'm'));
  assert.match(r.stdout, new RegExp(`^Marathon leader: 127\\.0\\.0\\.1:${mara.port}$`, 'm'));
  assert.match(r.stdout, /PASS {2}mesos\.reachable +.*Mesos 1\.2\.0, \/version answered in \d+ ms/);
  assert.match(r.stdout, /PASS {2}mesos\.state-json +\/master\/state\.json exists/);
  assert.match(r.stdout, /PASS {2}mesos\.agents +2 agent\(s\): 10\.0\.2\.121, 10\.0\.6\.244/);
  assert.match(r.stdout, /PASS {2}mesos\.marathon-framework +framework marathon .* webui_url http:\/\/127\.0\.0\.1:\d+/);
  assert.match(r.stdout, /PASS {2}mesos\.auth +no credentials needed/);
  assert.match(r.stdout, /PASS {2}marathon\.ping +.*\(from the config\): \/ping answered "pong"/);
  assert.match(r.stdout, /PASS {2}marathon\.info +Marathon 1\.4\.8, frameworkId /);
  assert.match(r.stdout, /PASS {2}marathon\.leader +leader 127\.0\.0\.1:\d+/);
  assert.match(r.stdout, /^\d+ passed, 0 warning\(s\), 0 failed, 0 skipped$/m);
  assert.equal(r.stderr, '');
});

test('check, json: the documented structure', async () => {
  const { m, mara } = await healthy();
  const r = await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const rep = json(r);
  assert.deepEqual(Object.keys(rep), ['ok', 'mesos', 'marathon', 'app', 'checks']);
  assert.equal(rep.ok, true);
  assert.deepEqual(rep.mesos, {
    uri: m.url,
    source: 'flag',
    reachable: true,
    latencyMs: rep.mesos.latencyMs,
    version: '1.2.0',
    leader: `127.0.0.1:${m.port}`,
    stateJson: true,
    agents: 2,
    marathonFrameworks: [{ id: m.marathonFrameworkId, hostname: '10.0.4.58', webuiUrl: mara.url }],
    auth: 'none',
  });
  assert.equal(typeof rep.mesos.latencyMs, 'number');
  assert.deepEqual(rep.marathon, {
    uri: mara.url,
    source: 'flag',
    reachable: true,
    latencyMs: rep.marathon.latencyMs,
    version: '1.4.8',
    leader: `127.0.0.1:${mara.port}`,
    frameworkId: m.marathonFrameworkId,
    auth: 'none',
  });
  assert.equal(rep.app, null);
  assert.deepEqual(
    rep.checks.map((c) => c.id),
    ['mesos.reachable', 'mesos.leader', 'mesos.state-json', 'mesos.auth', 'mesos.agents', 'mesos.marathon-framework', 'marathon.ping', 'marathon.info', 'marathon.leader'],
  );
  assert.ok(rep.checks.every((c) => ['pass', 'warn', 'fail', 'skip'].includes(c.status) && typeof c.message === 'string'));
});

test('check: Marathon found through Mesos (its marathon framework webui_url), credentials from the config keys', async () => {
  const auth = { user: 'admin', password: 'marathonpw' };
  const { m, mara } = await healthy({ auth });
  const cfg = file('dragent.yaml', `mesos_state_uri: ${m.url}\nmarathon_user: admin\nmarathon_password: marathonpw\n`);
  const rep = json(await run(['check', '--config', cfg, '--format', 'json']));
  assert.equal(rep.marathon.source, 'mesos');
  assert.equal(rep.marathon.uri, mara.url);
  assert.equal(rep.marathon.auth, 'accepted');
  assert.equal(rep.ok, true, JSON.stringify(rep.checks));
  assert.match(message(rep, 'marathon.ping'), /from Mesos' marathon framework.*credentials for admin accepted/);
});

test('check: a Mesos standby with auth — leader followed (307, protocol-relative), credentials re-sent there; URI masked', async () => {
  const auth = { user: 'admin', password: 'my@pass' };
  const { m: leader, mara } = await healthy({}, { auth });
  const standby = await mesos({ profile: '1.2', role: 'standby', auth, leader: { host: '127.0.0.1', port: leader.port } });
  const cfg = file('dragent.yaml', `mesos_state_uri: http://admin:my%40pass@127.0.0.1:${standby.port}\nmarathon_uris: [${mara.url}]\n`);
  const r = await run(['check', '--config', cfg]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, new RegExp(`^Mesos +http://admin:\\*\\*\\*@127\\.0\\.0\\.1:${standby.port} \\(config\\)$`, 'm'));
  assert.match(r.stdout, new RegExp(`PASS  mesos\\.leader +leader 127\\.0\\.0\\.1:${leader.port}`));
  assert.match(r.stdout, new RegExp(`PASS {2}mesos\\.auth +credentials for admin accepted by 127\\.0\\.0\\.1:${leader.port} \\(re-sent to the leader after the redirect\\)`));
  assert.match(r.stdout, new RegExp(`^Mesos leader: 127\\.0\\.0\\.1:${leader.port}$`, 'm'));
  assert.ok(leader.requests.some((q) => q.headers.authorization === 'Basic ' + Buffer.from('admin:my@pass').toString('base64')));
});

test('check: mesos_user/mesos_password keys replace the URI credentials, as in the agent', async () => {
  const auth = { user: 'admin', password: 'mypass' };
  const { m, mara } = await healthy({}, { auth });
  const cfg = file('dragent.yaml', `mesos_state_uri: http://other:wrongpass@127.0.0.1:${m.port}\nmesos_user: admin\nmesos_password: mypass\nmarathon_uris: [${mara.url}]\n`);
  const rep = json(await run(['check', '--config', cfg, '--format', 'json']));
  assert.equal(rep.mesos.auth, 'accepted');
  assert.equal(rep.ok, true);
});

test('check: credentials required but missing, or refused → mesos.auth and marathon.ping fail with the realm, exit 1', async () => {
  const { m, mara } = await healthy({ auth: { user: 'admin', password: 'mypass' } }, { auth: { user: 'admin', password: 'mypass' } });
  let r = await run(['check', '--mesos', m.url, '--marathon', mara.url]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL {2}mesos\.auth +.*401 Unauthorized \(realm "mesos-master-readonly"\): Mesos requires credentials/);
  assert.match(r.stdout, /FAIL {2}marathon\.ping +.*401 Unauthorized \(realm "Mesosphere"\): Marathon requires credentials/);
  // the URIs came from --mesos and --marathon: the advice names them, not the dragent.yaml keys (issue 11 §7)
  assert.match(r.stdout, /FAIL {2}mesos\.auth +.*\(user:password@ in --mesos, or mesos_user\/mesos_password in the --config file\)/);
  assert.match(r.stdout, /FAIL {2}marathon\.ping +.*\(user:password@ in --marathon, or marathon_user\/marathon_password in the --config file\)/);
  assert.match(r.stdout, /SKIP {2}marathon\.info/);
  let rep = json(await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url]));
  assert.equal(rep.mesos.auth, 'required');
  assert.equal(rep.marathon.auth, 'required');
  // the leader is still known from /master/redirect, which never asks for credentials
  assert.equal(rep.mesos.leader, `127.0.0.1:${m.port}`);
  assert.equal(status(rep, 'mesos.leader'), 'pass');
  r = await run(['check', '--format', 'json', '--mesos', m.url.replace('//', '//admin:wrongpass@'), '--marathon', mara.url.replace('//', '//admin:wrongpass@')]);
  assert.equal(r.code, 1);
  rep = json(r);
  assert.equal(rep.mesos.auth, 'refused');
  assert.equal(rep.marathon.auth, 'refused');
  assert.match(message(rep, 'mesos.auth'), /credentials were refused/);
  assert.equal(rep.mesos.uri, m.url.replace('//', '//admin:***@'));
});

test('check: Mesos ≥ 1.8 without /master/state.json fails that check, the rest is read from /master/state', async () => {
  const { m, mara } = await healthy({}, { profile: '1.8' });
  const r = await run(['check', '--mesos', m.url, '--marathon', mara.url, '--format', 'json']);
  assert.equal(r.code, 1);
  const rep = json(r);
  assert.equal(rep.mesos.stateJson, false);
  assert.equal(rep.mesos.agents, 2);
  assert.equal(status(rep, 'mesos.state-json'), 'fail');
  assert.match(message(rep, 'mesos.state-json'), /removed in Mesos 1\.8, and the agent reads it.*read \/master\/state instead/);
  assert.equal(status(rep, 'mesos.agents'), 'pass');
  assert.equal(status(rep, 'marathon.info'), 'pass');
});

test('check: refused, DNS and timeout — one line each, later checks skipped, exit 1', async () => {
  const port = await closedPort();
  let r = await run(['check', '--mesos', `http://127.0.0.1:${port}`, '--marathon', `http://admin:mypass@127.0.0.1:${port}`]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL {2}mesos\.reachable +http:\/\/127\.0\.0\.1:\d+\/version: connection refused/);
  assert.match(r.stdout, /SKIP {2}mesos\.state-json +Mesos not reachable/);
  assert.match(r.stdout, /FAIL {2}marathon\.ping +http:\/\/127\.0\.0\.1:\d+\/ping: connection refused/);
  assert.match(r.stdout, /^Marathon +http:\/\/admin:\*\*\*@127/m);
  assert.match(r.stdout, /^Mesos leader: unknown$/m);
  r = await run(['check', '--mesos', 'http://master.invalid:5050', '--marathon', 'http://marathon.invalid:8080']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL {2}mesos\.reachable +.*master\.invalid does not resolve \(DNS\)/);
  const silent = await startSilent();
  closers.push(() => silent.close());
  r = await run(['check', '--mesos', silent.url, '--marathon', silent.url, '--timeout', '300']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL {2}mesos\.reachable +.*no complete answer within 300 ms \(timeout\)/);
});

test('check: no leader anywhere — Mesos 503, Marathon HTML 503', async () => {
  const m = await mesos({ profile: '1.2', role: 'no-leader' });
  const mara = await marathon({ profile: '1.4', role: 'no-leader' });
  const r = await run(['check', '--mesos', m.url, '--marathon', mara.url, '--format', 'json']);
  assert.equal(r.code, 1);
  const rep = json(r);
  assert.equal(status(rep, 'mesos.reachable'), 'pass');
  assert.equal(status(rep, 'mesos.leader'), 'fail');
  assert.match(message(rep, 'mesos.leader'), /503 Mesos has no leader \(No leader elected\)/);
  assert.equal(status(rep, 'mesos.state-json'), 'skip');
  assert.equal(status(rep, 'mesos.agents'), 'skip');
  assert.match(message(rep, 'marathon.ping'), /503 Marathon has no leader \(Could not determine the current leader\)/);
  assert.equal(rep.marathon.leader, null);
});

test('check: a Marathon standby is proxied; its leader is named', async () => {
  const { m, mara } = await healthy();
  const standby = await marathon({ profile: '1.4', role: 'standby', leaderUrl: mara.url });
  const r = await run(['check', '--mesos', m.url, '--marathon', standby.url]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, new RegExp(`proxied by the standby 127\\.0\\.0\\.1:${standby.port}`));
  assert.match(r.stdout, new RegExp(`^Marathon leader: 127\\.0\\.0\\.1:${mara.port}$`, 'm'));
});

test('check: warnings — two Marathon frameworks, none, no agents, another cluster\'s Marathon — exit 0', async () => {
  const mara = await marathon({ profile: '1.5', role: 'leader' });
  const two = await mesos({ profile: '1.2', role: 'leader', marathons: [mara.url, 'http://10.0.0.2:8080'] });
  let rep = json(await run(['check', '--format', 'json', '--mesos', two.url]));
  assert.equal(status(rep, 'mesos.marathon-framework'), 'warn');
  assert.match(message(rep, 'mesos.marathon-framework'), /2 frameworks named "marathon" .*the agent follows only the first/);
  assert.equal((rep.mesos.marathonFrameworks as unknown[]).length, 2);
  const text = await run(['check', '--mesos', two.url]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^ {2}WARN {2}mesos\.marathon-framework +2 frameworks named "marathon"/m);
  assert.match(text.stdout, /^\d+ passed, 2 warning\(s\), 0 failed, 0 skipped$/m);
  // frameworkId of this Marathon is not the one Mesos shows
  assert.equal(status(rep, 'marathon.info'), 'warn');
  assert.match(message(rep, 'marathon.info'), /another Mesos cluster/);
  assert.equal(rep.ok, true);
  const none = await mesos({ profile: '1.2', role: 'leader', marathons: [], agentHosts: [] });
  const r = await run(['check', '--format', 'json', '--mesos', none.url, '--marathon', mara.url]);
  assert.equal(r.code, 0);
  rep = json(r);
  assert.equal(status(rep, 'mesos.marathon-framework'), 'warn');
  assert.match(message(rep, 'mesos.marathon-framework'), /no active framework named "marathon".*confluent-kafka, metronome/);
  assert.equal(status(rep, 'mesos.agents'), 'warn');
});

test('check: Mesos 0.x — standby names the leader in its state; webui_url garbage from a real capture is reported', async () => {
  const leader = await mesos({ profile: '0.27', role: 'leader', marathons: ['http://$($MESOS_IP_DISCOVERY_COMMAND):8080'] });
  const standby = await mesos({ profile: '0.27', role: 'standby', leader: { host: '127.0.0.1', port: leader.port }, marathons: ['http://$($MESOS_IP_DISCOVERY_COMMAND):8080'] });
  const r = await run(['check', '--format', 'json', '--mesos', standby.url]);
  assert.equal(r.code, 1);
  const rep = json(r);
  assert.equal(rep.mesos.leader, `127.0.0.1:${leader.port}`);
  assert.equal(rep.mesos.agents, 6);
  assert.equal(rep.mesos.version, '0.27.0');
  assert.equal(rep.marathon.source, 'mesos');
  assert.equal(status(rep, 'marathon.uri'), 'fail');
  assert.match(message(rep, 'marathon.uri'), /not a URI the agent can read.*set marathon_uris, or start Marathon with --webui_url/);
  assert.equal(status(rep, 'marathon.ping'), 'skip');
});

test('check --app: instances = agents, deployed only on agents → pass', async () => {
  const { m, mara } = await healthy({ apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.2.121', '10.0.6.244'] } } });
  const r = await run(['check', '--mesos', m.url, '--marathon', mara.url, '--app', app('2')]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^App +.*sysdig\.json \(\/sysdig-agent\)$/m);
  assert.match(r.stdout, /PASS {2}app\.instances +instances 2 = 2 Mesos agent\(s\)/);
  assert.match(r.stdout, /PASS {2}app\.deployed +\/sysdig-agent is deployed: 2 task\(s\) on 10\.0\.2\.121, 10\.0\.6\.244/);
  assert.match(r.stdout, /PASS {2}app\.master-agent +no Mesos master is also an agent/);
});

test('check --app: too many instances with hostname UNIQUE fails; too few warns; a placeholder fails', async () => {
  const { m, mara } = await healthy();
  let rep = json(await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url, '--app', app('3')]));
  assert.equal(status(rep, 'app.instances'), 'fail');
  assert.match(message(rep, 'app.instances'), /instances 3 > 2 Mesos agent\(s\): with \["hostname","UNIQUE"\] the extra instances never start.*set instances to 2/);
  assert.equal(status(rep, 'app.deployed'), 'pass');
  assert.match(message(rep, 'app.deployed'), /is not deployed yet/);
  assert.equal(rep.app?.deployed, false);
  rep = json(await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url, '--app', app('1')]));
  assert.equal(status(rep, 'app.instances'), 'warn');
  assert.equal(rep.ok, true);
  const r = await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url, '--app', app('YOUR-NUMBER-OF-INSTANCES-HERE')]);
  assert.equal(r.code, 1);
  rep = json(r);
  assert.equal(status(rep, 'app.file'), 'fail');
  assert.equal(status(rep, 'app.instances'), 'fail');
  assert.match(message(rep, 'app.instances'), /"instances" is not a number.*set it to the number of agents, 2/);
});

test('check --app: a node both master and agent — warned before deployment, failed when the app runs there', async () => {
  const hosts = ['127.0.0.1', '10.0.9.1', '10.0.9.2'];
  const { m, mara } = await healthy({ apps: { '/sysdig-agent': { instances: 3, taskHosts: hosts } } }, { agentHosts: hosts });
  let r = await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', mara.url, '--app', app('3')]);
  assert.equal(r.code, 1);
  let rep = json(r);
  assert.equal(status(rep, 'app.master-agent'), 'fail');
  assert.match(message(rep, 'app.master-agent'), /runs on 127\.0\.0\.1, which is both Mesos master and agent: .*must not run as a Marathon app there — add \["hostname","UNLIKE","127\.0\.0\.1"\]/);
  assert.deepEqual(rep.app?.masterAgentHosts, ['127.0.0.1']);
  assert.deepEqual(rep.app?.taskHosts, hosts);
  const fresh = await marathon({ profile: '1.4', role: 'leader', frameworkId: m.marathonFrameworkId });
  r = await run(['check', '--format', 'json', '--mesos', m.url, '--marathon', fresh.url, '--app', app('3')]);
  assert.equal(r.code, 0);
  rep = json(r);
  assert.equal(status(rep, 'app.master-agent'), 'warn');
  assert.equal(status(rep, 'app.instances'), 'pass');
});

test('check --app without a reachable cluster: app checks skipped, exit 1', async () => {
  const port = await closedPort();
  const rep = json(await run(['check', '--format', 'json', '--mesos', `http://127.0.0.1:${port}`, '--marathon', `http://127.0.0.1:${port}`, '--app', app('2')]));
  assert.equal(status(rep, 'app.instances'), 'skip');
  assert.equal(status(rep, 'app.deployed'), 'skip');
  assert.equal(status(rep, 'app.master-agent'), 'skip');
  assert.equal(rep.ok, false);
});

test('check: an unusable URI in the config is a failed check (exit 1); on the command line it is bad usage (exit 2)', async () => {
  const cfg = file('dragent.yaml', 'mesos_state_uri: http://admin:mypass@mesos_master:5050\nmarathon_uris: [zk://m:2181]\n');
  let r = await run(['check', '--config', cfg]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /FAIL {2}mesos\.uri +http:\/\/admin:\*\*\*@mesos_master:5050: not a URI the agent can read: the host name contains `_`/);
  assert.match(r.stdout, /FAIL {2}marathon\.uri +zk:\/\/m:2181: the scheme zk:\/\/ cannot work/);
  r = await run(['check', '--mesos', 'admin:mypass@localhost:5050']);
  assert.equal(r.code, 2);
  assert.match(r.stderr.split('\n')[0], /^sysdig-mesos: admin:\*\*\*@localhost:5050: not a URI the agent can read: it has no scheme/);
});

test('check: bad usage exits 2 with one clear line', async () => {
  for (const args of [
    ['check', '--format', 'sarif'],
    ['check', '--timeout', 'soon'],
    ['check', '--timeout', '0'],
    ['check', 'dragent.yaml'],
    ['check', '--kind', 'dragent'],
    ['check', '--config', join(dir, 'missing.yaml')],
    ['check', '--app', join(dir, 'missing.json')],
    ['lint', '--mesos', 'http://m:5050', 'x.yaml'],
    ['check', '--marathon', 'http://a b:8080'],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], /^sysdig-mesos: /);
    assert.equal(r.stdout, '');
  }
});

test('check over https: a self-signed certificate fails with the next step; --insecure connects as the agent does', async () => {
  const s = await startSelfSigned('{"version":"1.2.0"}');
  closers.push(() => s.close());
  const port = await closedPort();
  let rep = json(await run(['check', '--format', 'json', '--mesos', s.url, '--marathon', `http://127.0.0.1:${port}`]));
  assert.equal(status(rep, 'mesos.reachable'), 'fail');
  assert.match(message(rep, 'mesos.reachable'), /TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*--insecure/);
  rep = json(await run(['check', '--format', 'json', '--insecure', '--mesos', s.url, '--marathon', `http://127.0.0.1:${port}`]));
  assert.equal(status(rep, 'mesos.reachable'), 'pass');
  assert.equal(rep.mesos.version, '1.2.0');
});

test('check: a marathon framework without webui_url is followed at http://<its hostname>:8080, as the agent does', async () => {
  const m = await mesos({ profile: '1.2', role: 'leader', marathons: [''] });
  const r = await run(['check', '--format', 'json', '--timeout', '300', '--mesos', m.url]);
  const rep = json(r);
  assert.equal(rep.marathon.source, 'mesos');
  assert.equal(rep.marathon.uri, 'http://10.0.4.58:8080');
  assert.equal(status(rep, 'marathon.ping'), 'fail');
  assert.equal(r.code, 1);
});
