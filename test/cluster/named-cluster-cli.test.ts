// `--cluster NAME` on status, check and deploy (issue 13 §2) against the fakes on 127.0.0.1: two named clusters in a
// .sysdig-mesos.json, each a Marathon fake with its own Mesos fake, credentials from the environment only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { startFakeMesos } from './fake/mesos';
import { fixedApp, marathon, SECRET_KEY } from './deploy-helpers';

const PASSWORDS = ['devMarathonPw', 'prodMesosPw', 'prod@Marathon/Pw%', SECRET_KEY];
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await runCli(args, { cwd, killAfterMs: 30_000, env: { ...process.env, SYSDIG_ACCESS_KEY: SECRET_KEY, SYSDIG_MESOS_POLL_MS: '20', ...env } });
  for (const pw of PASSWORDS) for (const form of [pw, encodeURIComponent(pw)]) assert.ok(!(r.stdout + r.stderr).includes(form), `password ${pw} in the output:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** one cluster: a Marathon fake (with auth when given) and a Mesos fake listing its agents */
async function fakeCluster(hosts: string[], taskHosts: string[], auth?: { marathon?: string; mesos?: string }) {
  const m = await marathon({ profile: '1.6', role: 'leader', ...(auth?.marathon ? { auth: { user: 'ops', password: auth.marathon } } : {}), deploy: { agentHosts: hosts, clock: 'per-poll' }, apps: { '/sysdig-agent': { instances: taskHosts.length, taskHosts, definition: appDef } } });
  const mesos = await startFakeMesos({
    profile: '1.2',
    role: 'leader',
    ...(auth?.mesos ? { auth: { user: 'mon', password: auth.mesos } } : {}),
    agents: () => m.store.agents.map((a) => ({ id: a.id, hostname: a.hostname, resources: { cpus: 4, mem: 1024, disk: 1024, ports: '[31000-32000]' }, used: { cpus: 0, mem: 0, disk: 0, ports: '' } })),
  });
  return { m, mesos };
}

async function workspace() {
  const dev = await fakeCluster(['10.0.1.1', '10.0.1.2', '10.0.1.3'], ['10.0.1.1', '10.0.1.2', '10.0.1.3'], { marathon: 'devMarathonPw' });
  const prod = await fakeCluster(['10.0.9.1', '10.0.9.2', '10.0.9.3'], ['10.0.9.1', '10.0.9.2'], { mesos: 'prodMesosPw', marathon: 'prod@Marathon/Pw%' });
  const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-clusters-'));
  mkdirSync(join(dir, 'prod'));
  writeFileSync(join(dir, 'prod', 'sysdig.json'), fixedApp);
  // the dev file differs from what dev runs (a label): deploy has something to send
  writeFileSync(join(dir, 'sysdig.json'), JSON.stringify({ ...appDef, labels: { ...(appDef.labels as object), stage: 'dev' } }, null, 2));
  writeFileSync(
    join(dir, '.sysdig-mesos.json'),
    JSON.stringify({
      clusters: [
        { name: 'dev', mesos: dev.mesos.url, marathon: dev.m.url, marathonUser: 'ops' },
        { name: 'prod-eu', mesos: prod.mesos.url, marathon: prod.m.url, mesosUser: 'mon', app: 'prod/sysdig.json' },
      ],
    }),
  );
  const env = { SYSDIG_MESOS_DEV_MARATHON_PASSWORD: 'devMarathonPw', SYSDIG_MESOS_PROD_EU_MESOS_PASSWORD: 'prodMesosPw', SYSDIG_MESOS_PROD_EU_MARATHON_USER: 'ops', SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD: 'prod@Marathon/Pw%' };
  const close = async () => {
    await dev.mesos.close();
    await prod.mesos.close();
  };
  return { dev, prod, dir, env, close };
}

test('status --cluster: each named cluster read at its own addresses with its own credentials from the environment', async () => {
  const w = await workspace();
  try {
    const d = await cli(w.dir, ['status', '--cluster', 'dev'], w.env);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, new RegExp(`^Marathon http://ops:\\*\\*\\*@127\\.0\\.0\\.1:${w.dev.m.port}$`, 'm'));
    assert.match(d.stdout, /^3 agent node\(s\): 3 monitored, 0 not monitored; 1 master\(s\)$/m);
    const p = await cli(w.dir, ['status', '--cluster', 'prod-eu', '--format', 'json'], w.env);
    assert.equal(p.code, 1, p.stderr);
    const rep = JSON.parse(p.stdout) as { mesos: { uri: string }; marathon: { uri: string; source: string }; appFile: string; coverage: { counts: { agents: number; notMonitored: number } } };
    assert.deepEqual([rep.coverage.counts.agents, rep.coverage.counts.notMonitored], [3, 1]);
    assert.equal(rep.mesos.uri, `http://mon:***@127.0.0.1:${w.prod.mesos.port}`);
    assert.equal(rep.marathon.source, 'given');
    // the entry's app, relative to the list file
    assert.equal(rep.appFile, join('prod', 'sysdig.json'));
    // the credentials went as a Basic header, each to its own cluster
    assert.ok(w.prod.m.requests.some((r) => r.headers.authorization === `Basic ${Buffer.from('ops:prod@Marathon/Pw%').toString('base64')}`));
    assert.equal(w.dev.m.requests.filter((r) => r.headers.authorization === `Basic ${Buffer.from('ops:devMarathonPw').toString('base64')}`).length > 0, true);
  } finally {
    await w.close();
  }
});

test('status --cluster without the password variable: the 401 names the cluster\'s variables', async () => {
  const w = await workspace();
  try {
    const r = await cli(w.dir, ['status', '--cluster', 'dev']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /401 Unauthorized.*SYSDIG_MESOS_DEV_MARATHON_USER \(or marathonUser in \.sysdig-mesos\.json\) and SYSDIG_MESOS_DEV_MARATHON_PASSWORD/);
  } finally {
    await w.close();
  }
});

test('check --cluster: both services of the named cluster, exit 0', async () => {
  const w = await workspace();
  try {
    const r = await cli(w.dir, ['check', '--cluster', 'prod-eu', '--format', 'json', '--timeout', '5000'], w.env);
    const rep = JSON.parse(r.stdout) as { ok: boolean; mesos: { uri: string; auth: string }; marathon: { uri: string }; app: { id: string } | null };
    assert.equal(r.code, 0, r.stdout);
    assert.equal(rep.mesos.uri, `http://mon:***@127.0.0.1:${w.prod.mesos.port}`);
    assert.equal(rep.mesos.auth, 'accepted');
    assert.equal(rep.app?.id, 'sysdig-agent');
  } finally {
    await w.close();
  }
});

test('deploy --cluster: plans against the named Marathon; FILE defaults to the entry\'s app; --yes sends it there and nowhere else', async () => {
  const w = await workspace();
  try {
    const plan = await cli(w.dir, ['deploy', '--cluster', 'prod-eu', '--format', 'json'], w.env);
    const rep = JSON.parse(plan.stdout) as { marathon: string; source: string; file: string; outcome: string };
    assert.equal(plan.code, 2, plan.stderr);
    assert.equal(rep.marathon, `http://ops:***@127.0.0.1:${w.prod.m.port}`);
    assert.equal(rep.file, join('prod', 'sysdig.json'));
    assert.equal(rep.outcome, 'not-sent');
    const sent = await cli(w.dir, ['deploy', 'sysdig.json', '--cluster', 'dev', '--yes', '--wait', '20'], w.env);
    assert.equal(sent.code, 0, sent.stdout + sent.stderr);
    assert.match(sent.stdout, new RegExp(`^Marathon http://ops:\\*\\*\\*@127\\.0\\.0\\.1:${w.dev.m.port} \\(cluster dev\\)$`, 'm'));
    assert.ok(w.dev.m.requests.some((r) => r.method === 'PUT' || r.method === 'POST'));
    assert.ok(!w.prod.m.requests.some((r) => r.method === 'PUT' || r.method === 'POST'));
  } finally {
    await w.close();
  }
});

test('--cluster: an unknown name lists the known ones; conflicts with --config/--mesos/--marathon; twice; no list; a password in the list — exit 2, one clear line', async () => {
  const w = await workspace();
  try {
    const unknown = await cli(w.dir, ['status', '--cluster', 'qa'], w.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^sysdig-mesos: no cluster "qa" in \.sysdig-mesos\.json: known clusters are dev, prod-eu$/m);
    for (const [cmd, flag] of [['status', '--config'], ['check', '--mesos'], ['deploy', '--marathon']]) {
      const r = await cli(w.dir, [cmd, ...(cmd === 'deploy' ? ['sysdig.json'] : []), '--cluster', 'dev', flag, 'x'], w.env);
      assert.equal(r.code, 2, `${cmd} ${flag}`);
      assert.match(r.stderr, new RegExp(`^sysdig-mesos: --cluster and ${flag} both say which cluster`, 'm'));
    }
    const twice = await cli(w.dir, ['status', '--cluster', 'dev', '--cluster', 'prod-eu'], w.env);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /--cluster given more than once: status reads one cluster per run/);
    const fileAlone = await cli(w.dir, ['status', '--clusters-file', 'x.json'], w.env);
    assert.match(fileAlone.stderr, /--clusters-file goes with --cluster NAME/);
    const empty = mkdtempSync(join(tmpdir(), 'sysdig-mesos-noclusters-'));
    const none = await cli(empty, ['check', '--cluster', 'dev'], w.env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--cluster dev: no \.sysdig-mesos\.json in the current directory/);
    // --clusters-file from elsewhere; a password in a URI of the list is refused, pointing to the environment
    writeFileSync(join(empty, 'list.json'), JSON.stringify({ clusters: [{ name: 'dev', mesos: 'http://a:5050', marathon: 'http://ops:s3cretpw@a:8080' }] }));
    const pw = await cli(empty, ['status', '--cluster', 'dev', '--clusters-file', 'list.json']);
    assert.equal(pw.code, 2);
    assert.match(pw.stderr, /^sysdig-mesos: list\.json: clusters\[0\]\.marathon holds a password: credentials never go in the list: in the CLI set SYSDIG_MESOS_DEV_MARATHON_PASSWORD/m);
    assert.ok(!pw.stderr.includes('s3cretpw'));
    // a password variable without any user
    const nouser = await cli(w.dir, ['status', '--cluster', 'prod-eu'], { SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD: 'prod@Marathon/Pw%' });
    assert.equal(nouser.code, 2);
    assert.match(nouser.stderr, /--cluster prod-eu: SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD is set but no user is/);
  } finally {
    await w.close();
  }
});
