// `sysdig-mesos logs --cluster NAME` (issue 13 §2): the task log read from the named cluster's fakes on 127.0.0.1 —
// two clusters in one .sysdig-mesos.json, each a Marathon fake with a Mesos fake whose agents serve sandboxes, the
// credentials from the environment only — and the same flag checks as `status`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { clusterWithAgents, FILE_KEY, fixedApp, marathon, SECRET_KEY } from './deploy-helpers';

const PASSWORDS = ['prodMesosPw', 'devMarathonPw'];
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

async function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await runCli(['logs', ...args], { cwd, killAfterMs: 30_000, env: { PATH: process.env.PATH ?? '', SYSDIG_ACCESS_KEY: SECRET_KEY, ...env } });
  for (const s of [...PASSWORDS, SECRET_KEY, FILE_KEY]) assert.ok(!(r.stdout + r.stderr).includes(s), `secret ${s.slice(0, 4)}… in the output:\n${r.stdout}\n${r.stderr}`);
  return r;
}

async function fakeCluster(hosts: string[], auth?: { mesos?: string; marathon?: string }) {
  const m = await marathon({ profile: '1.4', role: 'leader', ...(auth?.marathon ? { auth: { user: 'ops', password: auth.marathon } } : {}), deploy: { agentHosts: hosts, clock: 'manual' }, apps: { '/sysdig-agent': { instances: hosts.length, taskHosts: hosts, definition: appDef } } });
  const { mesos, agents } = await clusterWithAgents(m, auth?.mesos ? { user: 'mon', password: auth.mesos } : undefined);
  const taskOn = (host: string) => m.store.apps.get('/sysdig-agent')!.tasks.find((t) => t.host === host)!.id;
  return { m, mesos, agents, taskOn };
}

async function workspace() {
  const dev = await fakeCluster(['10.0.1.1', '10.0.1.2'], { marathon: 'devMarathonPw' });
  const prod = await fakeCluster(['10.0.9.1', '10.0.9.2'], { mesos: 'prodMesosPw' });
  const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-logs-clusters-'));
  mkdirSync(join(dir, 'prod'));
  writeFileSync(join(dir, 'prod', 'sysdig.json'), fixedApp);
  writeFileSync(join(dir, 'sysdig.json'), fixedApp);
  writeFileSync(
    join(dir, '.sysdig-mesos.json'),
    JSON.stringify({
      clusters: [
        { name: 'dev', mesos: dev.mesos.url, marathon: dev.m.url, marathonUser: 'ops', app: 'sysdig.json' },
        { name: 'prod-eu', mesos: prod.mesos.url, marathon: prod.m.url, mesosUser: 'mon', app: 'prod/sysdig.json' },
      ],
    }),
  );
  const env = { SYSDIG_MESOS_DEV_MARATHON_PASSWORD: 'devMarathonPw', SYSDIG_MESOS_PROD_EU_MESOS_PASSWORD: 'prodMesosPw' };
  return { dev, prod, dir, env };
}

test('logs --cluster NAME: each named cluster\'s task log, read at its own addresses with its own credentials from the environment', async () => {
  const w = await workspace();
  w.dev.agents.write(w.dev.taskOn('10.0.1.2'), 'stdout', 'dev line 1\ndev line 2\n');
  w.prod.agents.write(w.prod.taskOn('10.0.9.1'), 'stdout', `prod line with ${SECRET_KEY}\n`);
  const dev = await cli(w.dir, ['--cluster', 'dev', '--host', '10.0.1.2', '--tail', '1'], w.env);
  assert.equal(dev.code, 0, dev.stderr);
  assert.equal(dev.stdout, 'dev line 2\n');
  assert.match(dev.stderr, /^sysdig-mesos: stdout of task sysdig-agent\.\S+ on 10\.0\.1\.2 /);
  const prod = await cli(w.dir, ['--cluster', 'prod-eu', '--host', '10.0.9.1'], w.env);
  assert.equal(prod.code, 0, prod.stderr);
  // the access key masked (cli() asserts no secret anywhere in the output)
  assert.match(prod.stdout, /^prod line with \S+\n$/);
  // each cluster's agents were asked only by their own run: prod's never saw dev's task
  const prodReads = [...w.prod.agents.servers.values()].flatMap((s) => s.requests).filter((q) => q.url.startsWith('/files/read'));
  assert.ok(prodReads.length > 0);
  assert.ok(!prodReads.some((q) => q.url.includes(w.dev.taskOn('10.0.1.2'))));
  // --clusters-file from another directory names the same list
  const elsewhere = mkdtempSync(join(tmpdir(), 'sysdig-mesos-logs-elsewhere-'));
  const byFile = await cli(elsewhere, ['--cluster', 'dev', '--clusters-file', join(w.dir, '.sysdig-mesos.json'), '--host', '10.0.1.2', '--tail', '2'], w.env);
  assert.equal(byFile.code, 0, byFile.stderr);
  assert.equal(byFile.stdout, 'dev line 1\ndev line 2\n');
  // without prod's Mesos password the 401 names the cluster's variables
  const noPw = await cli(w.dir, ['--cluster', 'prod-eu', '--host', '10.0.9.1'], {});
  assert.equal(noPw.code, 2);
  assert.match(noPw.stderr, /SYSDIG_MESOS_PROD_EU_MESOS_PASSWORD/);
});

test('logs --cluster: conflicts with --config/--mesos/--marathon, given twice, --clusters-file alone, an unknown name — exit 2, one clear line', async () => {
  const w = await workspace();
  for (const flag of ['--config', '--mesos', '--marathon']) {
    const r = await cli(w.dir, ['--cluster', 'dev', flag, 'x'], w.env);
    assert.equal(r.code, 2, flag);
    assert.match(r.stderr, new RegExp(`^sysdig-mesos: --cluster and ${flag} both say which cluster`, 'm'));
  }
  const twice = await cli(w.dir, ['--cluster', 'dev', '--cluster', 'prod-eu'], w.env);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /--cluster given more than once: logs reads one cluster per run/);
  const fileAlone = await cli(w.dir, ['--clusters-file', 'x.json'], w.env);
  assert.equal(fileAlone.code, 2);
  assert.match(fileAlone.stderr, /--clusters-file goes with --cluster NAME/);
  const unknown = await cli(w.dir, ['--cluster', 'qa'], w.env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^sysdig-mesos: no cluster "qa" in \.sysdig-mesos\.json: known clusters are dev, prod-eu$/m);
});
