import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoSecrets, FILE_KEY, fixedApp, guideApp, marathon, mesosOf, PASSWORD, placeholderKeyApp, requestsTo, root, SECRET_KEY } from './deploy-helpers';
import { closedPort } from './fake/faults';
import { busyAgentFor } from './fake/marathon-placement';

const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-deploy-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in a child process (the fakes answer from this one); no secret may appear in its output. */
function run(args: string[], env: Record<string, string> = {}, onStdout?: (all: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, SYSDIG_ACCESS_KEY: SECRET_KEY, SYSDIG_MESOS_POLL_MS: '20', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, () => p.kill('SIGINT'));
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      assertNoSecrets(stdout);
      assertNoSecrets(stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

let n = 0;
function file(name: string, text: string): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
}

test('deploy without --yes: prints the plan (leader host:port, create, the body with the key masked), sends nothing, exit 2', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  const app = file('sysdig.json', placeholderKeyApp);
  const r = await run(['deploy', app, '--marathon', m.url]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^Marathon leader: 127\\.0\\.0\\.1:${m.port}$`, 'm'));
  assert.match(r.stdout, /^Plan: create \/sysdig-agent with 3 instance\(s\) \(POST \/v2\/apps\)$/m);
  assert.match(r.stdout, /"value": "ACCESS_KEY=\*\*\*"/);
  assert.match(r.stdout, /^Filled at send time: ACCESS_KEY \(the file is not changed\)$/m);
  assert.match(r.stdout, /Nothing sent\. Re-run with --yes to create \/sysdig-agent on http:\/\/127\.0\.0\.1:\d+ \(leader 127\.0\.0\.1:\d+\)\./);
  assert.equal(requestsTo(m, 'POST', '/v2/apps').length, 0);
  assert.equal(readFileSync(app, 'utf8'), placeholderKeyApp, 'the file is never changed');
});

test('deploy --yes: creates, follows step by step, exit 0 only once the tasks run; the key went in the one POST', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  const app = file('sysdig.json', placeholderKeyApp);
  const r = await run(['deploy', app, '--marathon', m.url, '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^Sent: deployment [0-9a-f-]{36}, version 2026-/m);
  // the tasks are staged by ScaleApplication (StartApplication starts the app with 0 instances: v1.4.13 DeploymentPlan.scala:309-316)
  assert.match(r.stdout, /^ {2}step 2 of 2 \(ScaleApplication\): 0 of 3 running, 3 staged$/m);
  assert.match(r.stdout, /^ {2}step 2 of 2 \(ScaleApplication\): 3 of 3 running$/m);
  assert.match(r.stdout, /^Deployed \/sysdig-agent in \d+ s: 3 of 3 task\(s\) running\.$/m);
  const posts = requestsTo(m, 'POST', '/v2/apps');
  assert.equal(posts.length, 1);
  assert.ok(posts[0].body.includes(`ACCESS_KEY=${SECRET_KEY}`));
  assert.equal(readFileSync(app, 'utf8'), placeholderKeyApp);
});

test('deploy --yes on a deployed app: the diff (- now, + after), PUT, exit 0; --format json gives the report', async () => {
  const deployed = JSON.parse(fixedApp);
  deployed.instances = 2;
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a', 'b'], definition: deployed } } });
  const app = file('sysdig.json', placeholderKeyApp);
  const plan = await run(['deploy', app, '--marathon', m.url]);
  assert.equal(plan.code, 2);
  assert.match(plan.stdout, /^Plan: update \/sysdig-agent \(PUT \/v2\/apps\/sysdig-agent\); changes/m);
  assert.match(plan.stdout, /^- {3}"instances": 2,\n\+ {3}"instances": 3,$/m);
  assert.match(plan.stdout, /^Secret value\(s\) change: ACCESS_KEY \(not shown\)$/m);
  const r = await run(['deploy', app, '--marathon', m.url, '--yes', '--format', 'json']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.ok, true);
  assert.equal(rep.action, 'update');
  assert.equal(rep.leader, `127.0.0.1:${m.port}`);
  assert.equal(rep.outcome, 'success');
  assert.equal(rep.progress.running, 3);
  assert.match(rep.diff.after, /ACCESS_KEY=\*\*\*/);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps/sysdig-agent').length, 1);
});

test('deploy of an unchanged app: nothing sent; exit 0 when all tasks run', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader', apps: { '/sysdig-agent': { instances: 3, taskHosts: ['a', 'b', 'c'], definition: JSON.parse(fixedApp) } } });
  const r = await run(['deploy', file('sysdig.json', fixedApp), '--marathon', m.url, '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /already deployed with this definition: nothing to change/);
  assert.match(r.stdout, /^OK: 3 of 3 task\(s\) running$/m);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0);
});

test('deploy refuses the guide file: its problems listed as file:line:col, exit 1, nothing sent', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const app = file('sysdig.json', guideApp);
  const r = await run(['deploy', app, '--marathon', m.url, '--yes']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^${app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:16 error placeholder "YOUR-NUMBER-OF-INSTANCES-HERE"`, 'm'));
  assert.match(r.stdout, /^Not deployed: .* has \d+ problem\(s\) to fix before it can be deployed/m);
  assert.equal(m.requests.length, 0);
});

test('deploy: a stuck deployment ends at --wait with the reason (lastTaskFailure, back-off), exit 1', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', stuck: ['/sysdig-agent'] } });
  const r = await run(['deploy', file('sysdig.json', placeholderKeyApp), '--marathon', m.url, '--yes', '--wait', '1']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^Not deployed \(timeout\): not finished after 1 s/m);
  assert.match(r.stdout, /TASK_FAILED "Docker container run error/);
  assert.match(r.stdout, /launch back-off/);
  assert.match(r.stdout, /to roll it back: DELETE \/v2\/deployments\/[0-9a-f-]{36}/);
});

test('deploy: locked by a deployment → exit 1 with the --force advice; --yes --force deploys, exit 0', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, apps: { '/sysdig-agent': { instances: 3, taskHosts: ['a'], definition: JSON.parse(fixedApp), stuckDeployment: true } } });
  const app = file('sysdig.json', placeholderKeyApp);
  const r = await run(['deploy', app, '--marathon', m.url, '--yes']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /409 \/sysdig-agent is locked by deployment [0-9a-f-]{36}/);
  assert.match(r.stdout, /re-run with --yes --force\. Warning: forcing stops that deployment where it is/);
  const f = await run(['deploy', app, '--marathon', m.url, '--yes', '--force']);
  assert.equal(f.code, 0, f.stdout + f.stderr);
  assert.ok(requestsTo(m, 'PUT', '/v2/apps/sysdig-agent?force=true').length === 1);
});

test('deploy --config: the first marathon_uris item, marathon_user/marathon_password sent and never shown', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: PASSWORD }, deploy: { clock: 'per-poll' } });
  const cfg = file('dragent.yaml', `marathon_uris:\n  - ${m.url}\nmarathon_user: admin\nmarathon_password: ${PASSWORD}\n`);
  const r = await run(['deploy', file('sysdig.json', fixedApp), '--config', cfg, '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^Marathon http:\/\/127\.0\.0\.1:\d+ \(from the config\)$/m);
  assertNoSecrets(r.stdout, [FILE_KEY, PASSWORD]);
});

test('deploy: 401 and unreachable Marathon → exit 1 with one clear line, the password masked in the URI', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'admin', password: PASSWORD } });
  const r = await run(['deploy', file('sysdig.json', fixedApp), '--marathon', `http://admin:wrong-${PASSWORD}@127.0.0.1:${m.port}`, '--yes']);
  assert.equal(r.code, 1);
  // the URL once, where it came from, and advice naming --marathon, not marathon_uris (issue 11 §7)
  assert.match(r.stdout, /^Marathon http:\/\/127\.0\.0\.1:\d+\/v2\/leader \(from --marathon\): 401 Unauthorized \(realm "Mesosphere"\): the credentials were refused — check user and password \(user:password@ in --marathon, or marathon_user\/marathon_password in the --config file\)$/m);
  const port = await closedPort();
  const down = await run(['deploy', file('sysdig.json', fixedApp), '--marathon', `http://127.0.0.1:${port}`, '--yes']);
  assert.equal(down.code, 1);
  assert.match(down.stdout, /connection refused by 127\.0\.0\.1:\d+/);
});

test('deploy usage errors exit 2: no FILE, two FILEs, --format, --wait, bad --marathon, unreadable file, unknown flag', async () => {
  const app = file('sysdig.json', fixedApp);
  for (const args of [
    ['deploy'],
    ['deploy', app, app],
    ['deploy', app, '--format', 'sarif'],
    ['deploy', app, '--wait', 'soon'],
    ['deploy', app, '--marathon', 'ftp://host:21'],
    ['deploy', join(dir, 'missing.json')],
    ['deploy', app, '--app', 'sysdig.json'],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^sysdig-mesos: /);
  }
  const help = await run(['--help']);
  assert.match(help.stdout, /sysdig-mesos deploy FILE \[--marathon URI \| --config dragent\.yaml \| --cluster NAME\] \[--mesos URI\] \[--yes\] \[--force\]\s+\[--allow-stall\] \[--wait SECONDS\]/);
});

test('deploy: Ctrl-C stops following (exit 1) and says how to roll back; the deployment stays on Marathon', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', stuck: ['/sysdig-agent'] } });
  let sent = false;
  const r = await run(['deploy', file('sysdig.json', placeholderKeyApp), '--marathon', m.url, '--yes'], {}, (out, kill) => {
    if (!sent && /^ {2}step /m.test(out)) {
      sent = true;
      kill();
    }
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^Not deployed \(cancelled\): stopped following after \d+ s: the deployment keeps running on Marathon; to roll it back: DELETE \/v2\/deployments\/[0-9a-f-]{36}/m);
  assert.equal(m.store.deployments.length, 1);
  assert.equal(requestsTo(m, 'DELETE', '/v2/deployments').length, 0);
});

test('deploy refuses on what lint reports as errors: .sysdig-mesos.json (--rules-config) applies', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const app = file('sysdig.json', placeholderKeyApp.replace('"UNIQUE"', '"unique"'));
  const refused = await run(['deploy', app, '--marathon', m.url]);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.match(refused.stdout, /error marathon-constraint /);
  const rules = file('.sysdig-mesos.json', JSON.stringify({ rules: { 'marathon-constraint': 'off', schema: 'off' } }));
  const planned = await run(['deploy', app, '--marathon', m.url, '--rules-config', rules]);
  assert.equal(planned.code, 2, planned.stdout + planned.stderr);
  assert.match(planned.stdout, /^Plan: create \/sysdig-agent/m);
  const bad = file('.sysdig-mesos.json', '{"rules": ');
  const usage = await run(['deploy', app, '--marathon', m.url, '--rules-config', bad]);
  assert.equal(usage.code, 2, usage.stdout + usage.stderr);
  assert.match(usage.stderr, /cannot read .*\.sysdig-mesos\.json/);
});

// ---- issue 15 part 3: the engine on real behaviour (the fake follows Marathon's source)

const AGENT_HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];
/** The fixed example without its kill-first strategy (the guide's app: Marathon's default (1, 1) applies). */
function guideLike(changes: Record<string, unknown> = {}, image?: string): string {
  const app = JSON.parse(fixedApp);
  delete app.upgradeStrategy;
  if (image) app.container.docker.image = image;
  return JSON.stringify({ ...app, ...changes }, null, 2);
}

test('deploy of an unchanged app carrying a field Marathon drops: "Marathon will ignore `command`", plans unchanged, sends nothing, exit 0 (Formats.scala AppDefinitionReads v1.4.13 reads only its fields)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agentHosts: AGENT_HOSTS } });
  const app = file('sysdig.json', guideLike({ command: 'sleep 1' }));
  const first = await run(['deploy', app, '--marathon', m.url, '--yes']);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /^Marathon will ignore `command`; it is not kept/m);
  const again = await run(['deploy', app, '--marathon', m.url, '--yes']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /^Marathon will ignore `command`; it is not kept/m);
  assert.match(again.stdout, /already deployed with this definition: nothing to change/);
  assert.match(again.stdout, /^OK: 3 of 3 task\(s\) running/m);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0);
});

test('deploy of an image upgrade with the default strategy on agents without room for a second agent: refused before sending, naming the fix; --allow-stall sends it and it ends blocked within a few polls with the way out and no rollback hint (ResourceMatcher.scala:175-180, TaskReplaceActor.scala:203-237 v1.4.13)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agents: AGENT_HOSTS.map(busyAgentFor) } });
  const mesos = await mesosOf(m);
  const created = await run(['deploy', file('sysdig.json', guideLike()), '--marathon', m.url, '--yes']);
  assert.equal(created.code, 0, created.stdout + created.stderr);
  const upgrade = file('sysdig.json', guideLike({}, 'sysdig/agent:0.99'));
  const refused = await run(['deploy', upgrade, '--marathon', m.url, '--mesos', mesos.url, '--yes']);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.match(refused.stdout, /^Not deployed: this update can never finish: .*no node has room for a new task .*Fix: add "upgradeStrategy": \{"minimumHealthCapacity": 0, "maximumOverCapacity": 0\}.*--allow-stall sends it anyway/m);
  assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0, 'nothing sent');
  const json = await run(['deploy', upgrade, '--marathon', m.url, '--mesos', mesos.url, '--format', 'json']);
  assert.equal(JSON.parse(json.stdout).stall.verdict, 'stalls');
  assert.equal(JSON.parse(json.stdout).outcome, 'refused');

  const sent = await run(['deploy', upgrade, '--marathon', m.url, '--mesos', mesos.url, '--yes', '--allow-stall']);
  assert.equal(sent.code, 1, sent.stdout + sent.stderr);
  assert.match(sent.stdout, /^Warning: this update can never finish \(sent anyway: --allow-stall\)/m);
  assert.match(sent.stdout, /^Not deployed \(blocked\): blocked: offers declined: InsufficientCpus 3\/3/m);
  assert.match(sent.stdout, /curl -X DELETE 'http:\/\/127\.0\.0\.1:\d+\/v2\/deployments\/[0-9a-f-]{36}\?force=true'/);
  assert.doesNotMatch(sent.stdout, /to roll it back/);
  const progress = sent.stdout.split('\n').filter((l) => /^ {2}(step|waiting|deployment finished)/.test(l));
  assert.ok(progress.length <= 3, `a line per change, not per poll:\n${progress.join('\n')}`);
  assert.ok(requestsTo(m, 'GET', '/v2/deployments').length < 20, 'blocked after a few polls, not at --wait');
});

test('deploy of an image upgrade where agents have room (1.4): predicted to finish, and it does, exit 0; a kill-first strategy finishes on busy agents', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agentHosts: AGENT_HOSTS } });
  const mesos = await mesosOf(m);
  assert.equal((await run(['deploy', file('sysdig.json', guideLike()), '--marathon', m.url, '--yes'])).code, 0);
  const r = await run(['deploy', file('sysdig.json', guideLike({}, 'sysdig/agent:0.99')), '--marathon', m.url, '--mesos', mesos.url, '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^Replacement: 0 node\(s\)|^Replacement: every node that runs an old task has room for a new one beside it/m);
  assert.match(r.stdout, /^Deployed \/sysdig-agent in \d+ s: 3 of 3 task\(s\) running/m);

  const busy = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agents: AGENT_HOSTS.map(busyAgentFor) } });
  const kill = { upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } };
  assert.equal((await run(['deploy', file('sysdig.json', guideLike(kill)), '--marathon', busy.url, '--yes'])).code, 0);
  const k = await run(['deploy', file('sysdig.json', guideLike(kill, 'sysdig/agent:0.99')), '--marathon', busy.url, '--mesos', (await mesosOf(busy)).url, '--yes']);
  assert.equal(k.code, 0, k.stdout + k.stderr);
  assert.doesNotMatch(k.stdout, /Warning|can never finish/);
});

test('deploy of a scale-down 3 → 2: the stopping task is shown as stopping, never as staged; exit 0', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agentHosts: AGENT_HOSTS } });
  assert.equal((await run(['deploy', file('sysdig.json', guideLike()), '--marathon', m.url, '--yes'])).code, 0);
  const r = await run(['deploy', file('sysdig.json', guideLike({ instances: 2 })), '--marathon', m.url, '--yes']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /staged/);
  assert.match(r.stdout, /2 of 2 running, 1 stopping/);
});

test('--on-failure rollback: a create that times out is rolled back and the revert followed to its end (the app removed; DR:50-57 v1.4.13); a blocked replacement is never rolled back, --on-failure cancel stops it (202, DR:45-49)', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', stuck: ['/sysdig-agent'] } });
  const r = await run(['deploy', file('sysdig.json', placeholderKeyApp), '--marathon', m.url, '--yes', '--wait', '1', '--on-failure', 'rollback', '--format', 'json']);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.outcome, 'timeout');
  assert.equal(report.undo.result, 'rolled-back', JSON.stringify(report.undo));
  assert.match(report.undo.message, /rolled back: \/sysdig-agent removed/);
  assert.equal((await fetch(`${m.url}/v2/apps/sysdig-agent`)).status, 404);

  const busy = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agents: AGENT_HOSTS.map(busyAgentFor) } });
  assert.equal((await run(['deploy', file('sysdig.json', guideLike()), '--marathon', busy.url, '--yes'])).code, 0);
  const upgrade = file('sysdig.json', guideLike({}, 'sysdig/agent:0.99'));
  const rb = await run(['deploy', upgrade, '--marathon', busy.url, '--yes', '--on-failure', 'rollback']);
  assert.equal(rb.code, 1);
  assert.match(rb.stdout, /^Not undone: not rolled back: the revert would need the same replacement and stall the same way/m);
  assert.equal(requestsTo(busy, 'DELETE', '/v2/deployments').length, 0);
  // the blocked upgrade still holds the lock: --force cancels it (AR:196) and this one blocks in turn
  const cancel = await run(['deploy', file('sysdig.json', guideLike({}, 'sysdig/agent:0.100')), '--marathon', busy.url, '--yes', '--force', '--on-failure', 'cancel']);
  assert.equal(cancel.code, 1, cancel.stdout + cancel.stderr);
  assert.match(cancel.stdout, /^Cancelled: deployment [0-9a-f-]{36} cancelled \(it only stopped/m);
  assert.deepEqual(JSON.parse(await fetch(`${busy.url}/v2/deployments`).then((x) => x.text())), []);
  assert.equal(JSON.parse(await fetch(`${busy.url}/v2/apps/sysdig-agent`).then((x) => x.text())).app.tasksRunning, 3, 'the old agents keep running');
});
