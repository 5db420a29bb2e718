// The deploy requests behind "Deploy agent app to Marathon", over real LSP stdio against the fake Marathon:
// plan (refused / create / update with diff), send (sent / locked → force / rejected → diagnostics on the
// JSON nodes), follow with progress notifications, cancel → rollback. No secret in anything the server says.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import {
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  DEPLOY_ROLLBACK_REQUEST,
  DEPLOY_SEND_REQUEST,
  type DeployFollowResult,
  type DeployPlanParams,
  type DeployPlanResult,
  type DeployProgressParams,
  type DeployRollbackResult,
  type DeploySendResult,
} from '../../server/src/lsp/constants';
import { assertNoSecrets, fixedApp, guideApp, marathon, mesosOf, PASSWORD, placeholderKeyApp, requestsTo, SECRET_KEY } from '../cluster/deploy-helpers';
import { busyAgentFor } from '../cluster/fake/marathon-placement';
import { listen } from '../cluster/fake/common';
import { clientPool } from './client-pool';
import type { LspClient } from './lsp-client';

const { client } = clientPool();
const APP_URI = 'file:///w/sysdig.json';

async function withProgress(c: LspClient): Promise<DeployProgressParams[]> {
  const seen: DeployProgressParams[] = [];
  c.connection.onNotification(DEPLOY_PROGRESS_NOTIFICATION, (p: DeployProgressParams) => {
    seen.push(p);
  });
  return seen;
}

/** everything the server said (answers, logs, notifications) holds no secret */
function clean(c: LspClient, ...answers: unknown[]): void {
  assertNoSecrets(JSON.stringify(answers) + c.logs.map((l) => l.message).join('\n') + c.stderr, [SECRET_KEY, PASSWORD]);
}

const plan = (c: LspClient, p: Partial<DeployPlanParams> & { marathon: string }) =>
  c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, ...p }) as Promise<DeployPlanResult>;

describe('deploy over LSP', () => {
  test("refused: the guide's app has placeholders and errors; each problem has its line", async () => {
    const c = await client();
    const r = await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: guideApp }, marathon: 'http://127.0.0.1:9' });
    assert.equal((r as DeployPlanResult).kind, 'refused');
    const problems = (r as Extract<DeployPlanResult, { kind: 'refused' }>).problems;
    const line = guideApp.split('\n').findIndex((l) => l.includes('YOUR-NUMBER-OF-INSTANCES-HERE'));
    assert.ok(problems.some((p) => p.ruleId === 'placeholder' && p.range.start.line === line), JSON.stringify(problems));
  });

  test('create: plan, one POST with the key from the client, follow with progress to success', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, auth: { user: 'ops', password: PASSWORD } });
    const c = await client();
    const progress = await withProgress(c);
    const config = { uri: 'file:///w/dragent.yaml', text: `marathon_uris: [${m.url}]\nmarathon_user: ops\nmarathon_password: ${PASSWORD}\n` };
    const p = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, config })) as DeployPlanResult;
    assert.equal(p.kind, 'plan');
    if (p.kind !== 'plan') return;
    assert.equal(p.action, 'create');
    assert.equal(p.source, 'config');
    assert.equal(p.leader, `127.0.0.1:${m.port}`);
    assert.equal(p.appId, '/sysdig-agent');
    assert.deepEqual(p.filled, ['ACCESS_KEY']);
    assert.match(p.redacted!, /ACCESS_KEY=\*\*\*/);
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.equal(sent.kind, 'sent');
    if (sent.kind !== 'sent') return;
    const posts = requestsTo(m, 'POST', '/v2/apps');
    assert.equal(posts.length, 1);
    assert.ok(posts[0].body.includes(`ACCESS_KEY=${SECRET_KEY}`), 'the key is filled in the body sent');
    const done = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 't1', pollMs: 20 })) as DeployFollowResult;
    assert.equal(done.outcome, 'success', JSON.stringify(done));
    assert.equal(done.running, 3);
    assert.match(done.message, /3 of 3 task\(s\) running/);
    // StartApplication (0 instances) is over before the first poll; ScaleApplication stages the tasks (v1.4.13 DeploymentPlan.scala:309-316)
    assert.ok(progress.some((e) => e.progressToken === 't1' && /^step 2 of 2 \(ScaleApplication\)/.test(e.message)), JSON.stringify(progress));
    clean(c, p, sent, done, progress);
  });

  test('update: a masked diff; 409 locked → force; the plan id is needed', async () => {
    const deployed = JSON.parse(fixedApp);
    deployed.instances = 2;
    const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a', 'b'], definition: deployed, stuckDeployment: true } } });
    const c = await client();
    const p = await plan(c, { marathon: m.url });
    assert.equal(p.kind, 'plan');
    if (p.kind !== 'plan') return;
    assert.equal(p.action, 'update');
    assert.equal(p.unchanged, false);
    assert.match(p.diff!.before, /"instances": 2/);
    assert.match(p.diff!.after, /"instances": 3/);
    assert.ok(p.runningDeployments!.length >= 1);
    const locked = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.equal(locked.kind, 'locked', JSON.stringify(locked));
    const forced = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId, force: true })) as DeploySendResult;
    assert.equal(forced.kind, 'sent', JSON.stringify(forced));
    assert.ok(requestsTo(m, 'PUT', '/v2/apps/sysdig-agent?force=true').length === 1);
    await assert.rejects(c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: 'plan-unknown' }), /no longer known/);
    clean(c, p, locked, forced);
  });

  test('rejected (422, 1.5+ shape): diagnostics on the JSON nodes Marathon names', async () => {
    // a Marathon whose validation disagrees with the linter: it answers every POST with a 422
    const fake = await listen((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v2/leader') return json(200, { leader: `127.0.0.1:${(req.socket.localPort ?? 0).toString()}` });
      if (req.method === 'GET') return json(404, { message: "App '/sysdig-agent' does not exist" });
      json(422, { message: 'Object is not valid', details: [{ path: '/container/docker/network', errors: ['must be one of HOST, BRIDGE, USER'] }, { path: '/constraints(0)', errors: ['Constraint definition must be an array of strings in format: <key>, <operator>[, value]'] }] });
    });
    try {
      const c = await client();
      const p = await plan(c, { marathon: fake.url });
      assert.equal(p.kind, 'plan');
      if (p.kind !== 'plan') return;
      const r = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
      assert.equal(r.kind, 'rejected');
      if (r.kind !== 'rejected') return;
      const items = r.diagnostics[0].items;
      assert.equal(r.diagnostics[0].uri, APP_URI);
      const lines = placeholderKeyApp.split('\n');
      const net = items.find((d) => d.message.includes('/container/docker/network'))!;
      assert.equal(lines[net.range.start.line].slice(net.range.start.character, net.range.end.character), '"HOST"');
      const cons = items.find((d) => d.message.includes('/constraints(0)'))!;
      assert.match(lines[cons.range.start.line], /hostname/);
      assert.ok(items.every((d) => d.code === 'marathon-rejected' && d.severity === 1));
      clean(c, p, r);
    } finally {
      await fake.close();
    }
  });

  test('cancel while following → cancelled; rollback DELETEs the deployment', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { stuck: ['/sysdig-agent'] } });
    const c = await client();
    const p = await plan(c, { marathon: m.url });
    if (p.kind !== 'plan') return assert.fail(JSON.stringify(p));
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    if (sent.kind !== 'sent') return assert.fail(JSON.stringify(sent));
    const cts = new CancellationTokenSource();
    const following = c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 't2', pollMs: 20 }, cts.token) as Promise<DeployFollowResult>;
    setTimeout(() => cts.cancel(), 300);
    const r = await following;
    assert.equal(r.outcome, 'cancelled');
    const rb = (await c.connection.sendRequest(DEPLOY_ROLLBACK_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId })) as DeployRollbackResult;
    assert.equal(rb.kind, 'rollback');
    assert.deepEqual(requestsTo(m, 'DELETE', '/v2/deployments/').map((x) => x.url), [`/v2/deployments/${sent.deploymentId}`]);
    clean(c, p, sent, r, rb);
  });

  test("the deploying user's stored credentials win over the config's; a refused password is never shown", async () => {
    const m = await marathon({ profile: '1.5', role: 'leader', auth: { user: 'deployer', password: PASSWORD } });
    const c = await client();
    const config = { uri: 'file:///w/dragent.yaml', text: `marathon_uris: [${m.url.replace('http://', 'http://agent:agentpw@')}]\n` };
    const ok = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, config, credentials: { user: 'deployer', password: PASSWORD } })) as DeployPlanResult;
    assert.equal(ok.kind, 'plan', JSON.stringify(ok));
    const wrong = 'not-the-pw-42';
    await assert.rejects(
      c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, config, credentials: { user: 'deployer', password: wrong } }),
      (e: Error) => /401/.test(e.message) && !e.message.includes(wrong),
    );
    assert.ok(!c.logs.some((l) => l.message.includes(wrong)));
    clean(c, ok);
  });

  test('a 401 from the Marathon of the deploy.marathonUri setting: one sentence, the URL once, advice naming the setting, no stack in the log (issue 11 §7)', async () => {
    const m = await marathon({ profile: '1.5', role: 'leader', auth: { user: 'deployer', password: PASSWORD } });
    const c = await client();
    const setting = m.url.replace('http://', 'http://deployer:wrong-pw-7@');
    let message = '';
    await assert.rejects(plan(c, { marathon: setting }), (e: Error) => ((message = e.message), true));
    assert.match(message, new RegExp(`^Marathon http://127\\.0\\.0\\.1:${m.port}/v2/leader \\(from the sysdig-mesos\\.deploy\\.marathonUri setting\\): 401 Unauthorized`));
    assert.ok(!/^deploy: /i.test(message), message);
    assert.equal(message.split('http://').length - 1, 1, `the URL once: ${message}`);
    assert.match(message, /user:password@ in the sysdig-mesos\.deploy\.marathonUri setting, or the command "Sysdig Mesos: Set Marathon Credentials"/);
    assert.ok(!message.includes('marathon_uris'), message);
    // the log: the same line, no class name and no stack frames
    const logged = c.logs.map((l) => l.message).filter((l) => l.includes('401 Unauthorized'));
    assert.equal(logged.length, 1, JSON.stringify(c.logs));
    assert.ok(!/\bat |ClusterError|RequestFailure|\.js:\d+/.test(logged[0]), logged[0]);
    assert.ok(!message.includes('wrong-pw-7') && !logged[0].includes('wrong-pw-7'));
  });

  test('deploy refuses on what the editor shows as errors: a rule turned off in the settings does not block it', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader' });
    const lower = placeholderKeyApp.replace('"UNIQUE"', '"unique"');
    assert.notEqual(lower, placeholderKeyApp);
    const strict = await client({ configuration: true, config: () => ({}) });
    const refused = (await strict.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: lower }, accessKey: SECRET_KEY, marathon: m.url })) as DeployPlanResult;
    assert.equal(refused.kind, 'refused');
    assert.ok(refused.kind === 'refused' && refused.problems.some((p) => p.ruleId === 'marathon-constraint'), JSON.stringify(refused));
    const relaxed = await client({ configuration: true, config: () => ({ rules: { 'marathon-constraint': 'off', schema: 'off' } }) });
    const plan = (await relaxed.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: lower }, accessKey: SECRET_KEY, marathon: m.url })) as DeployPlanResult;
    assert.equal(plan.kind, 'plan', JSON.stringify(plan));
  });

  // ---- issue 15 part 3: the engine on real behaviour, as the editor's requests carry it

  const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];
  /** the fixed example without its kill-first strategy (the guide's app: Marathon's default (1, 1) applies) */
  const guideLike = (changes: Record<string, unknown> = {}, image?: string) => {
    const app = JSON.parse(placeholderKeyApp);
    delete app.upgradeStrategy;
    if (image) app.container.docker.image = image;
    return JSON.stringify({ ...app, ...changes }, null, 2);
  };
  const planText = (c: LspClient, text: string, p: Partial<DeployPlanParams> & { marathon: string }) =>
    c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text }, accessKey: SECRET_KEY, ...p }) as Promise<DeployPlanResult>;
  async function deployed(c: LspClient, url: string, text: string): Promise<void> {
    const p = await planText(c, text, { marathon: url });
    assert.ok(p.kind === 'plan');
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    const done = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 'setup', pollMs: 5 })) as DeployFollowResult;
    assert.equal(done.outcome, 'success', JSON.stringify(done));
  }

  test('an ignored field is named in the plan and the unchanged app plans unchanged; a PUT of it anyway follows to "unchanged on Marathon" (GroupVersioningUtil.scala:26-49 v1.4.13)', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agentHosts: HOSTS } });
    const c = await client();
    const text = guideLike({ command: 'sleep 1' });
    await deployed(c, m.url, text);
    const p = await planText(c, text, { marathon: m.url });
    assert.ok(p.kind === 'plan' && p.action === 'update');
    assert.deepEqual(p.ignored, ['/command']);
    assert.equal(p.unchanged, true);
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    const done = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 'noop', pollMs: 5 })) as DeployFollowResult;
    assert.equal(done.outcome, 'success');
    assert.equal(done.unchanged, true);
    assert.match(done.message, /unchanged on Marathon \(it keeps its version, nothing was deployed\): 3 of 3 task\(s\) running/);
    clean(c, p, sent, done);
  });

  test('the UNIQUE upgrade on busy agents: the plan says it stalls (Mesos from the config\'s mesos_state_uri), a send anyway ends blocked with the way out; the forced cancel only stops it (DR:45-49 v1.4.13)', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll', agents: HOSTS.map(busyAgentFor) } });
    const mesos = await mesosOf(m);
    const c = await client();
    await deployed(c, m.url, guideLike());
    const config = { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\n` };
    const p = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: guideLike({}, 'sysdig/agent:0.99') }, accessKey: SECRET_KEY, config })) as DeployPlanResult;
    assert.ok(p.kind === 'plan');
    assert.equal(p.stall?.verdict, 'stalls');
    assert.match(p.stall!.fix, /minimumHealthCapacity": 0/);
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    const done = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 'stall', pollMs: 5 })) as DeployFollowResult;
    assert.equal(done.outcome, 'blocked');
    assert.equal(done.listed, true);
    assert.match(done.message, /offers declined: InsufficientCpus 3\/3.*force=true/);
    const cancel = (await c.connection.sendRequest(DEPLOY_ROLLBACK_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, force: true })) as DeployRollbackResult;
    assert.deepEqual(cancel, { kind: 'cancelled' });
    assert.equal(requestsTo(m, 'DELETE', `/v2/deployments/${sent.deploymentId}?force=true`).length, 1);
    clean(c, p, sent, done, cancel);
  });

  test('rollback of an update: the revert deployment is followed to its end and reported as rolled back (DR:50-57 v1.4.13)', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'manual', agentHosts: HOSTS } });
    const c = await client();
    const batch = { upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } };
    const first = await planText(c, guideLike(batch), { marathon: m.url });
    assert.ok(first.kind === 'plan');
    await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: first.planId });
    m.store.advance(6);
    const p = await planText(c, guideLike(batch, 'sysdig/agent:0.99'), { marathon: m.url });
    assert.ok(p.kind === 'plan');
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    m.store.advance(1);
    const rb = (await c.connection.sendRequest(DEPLOY_ROLLBACK_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId })) as DeployRollbackResult;
    assert.ok(rb.kind === 'rollback');
    const ticking = setInterval(() => m.store.advance(), 5);
    try {
      const back = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: rb.deploymentId, version: rb.version, progressToken: 'rb', pollMs: 10, rollback: true })) as DeployFollowResult;
      assert.equal(back.outcome, 'success', JSON.stringify(back));
      assert.match(back.message, /\/sysdig-agent rolled back: 3 of 3 task\(s\) running/);
    } finally {
      clearInterval(ticking);
    }
    const app = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app;
    assert.equal(app.container.docker.image, 'sysdig/agent');
  });
  test('a rollback of ours still running locks the app: the next plan names it (update: the app lists it; create: /v2/deployments does), a follow of it to its end clears it, and the write then meets no lock', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'manual', agentHosts: HOSTS } });
    const c = await client();
    const batch = { upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } };
    const first = await planText(c, guideLike(batch), { marathon: m.url });
    assert.ok(first.kind === 'plan');
    await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: first.planId });
    m.store.advance(6);
    const text = guideLike(batch, 'sysdig/agent:0.99');
    const p = await planText(c, text, { marathon: m.url });
    assert.ok(p.kind === 'plan' && p.action === 'update');
    const before = JSON.parse(await fetch(`${m.url}/v2/apps/sysdig-agent`).then((r) => r.text())).app.version;
    assert.equal(p.currentVersion, before, 'the version a rollback returns to');
    assert.equal(p.pendingRollback, undefined);
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    const rb = (await c.connection.sendRequest(DEPLOY_ROLLBACK_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId })) as DeployRollbackResult;
    assert.ok(rb.kind === 'rollback');
    // nobody followed the revert to its end: it still runs, and the next plan of the app waits for it
    const next = await planText(c, text, { marathon: m.url });
    assert.ok(next.kind === 'plan');
    assert.deepEqual(next.pendingRollback, { deploymentId: rb.deploymentId, version: rb.version });
    const locked = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: next.planId })) as DeploySendResult;
    assert.equal(locked.kind, 'locked', 'what the wait avoids: Marathon refuses the write while the revert runs');
    const ticking = setInterval(() => m.store.advance(), 5);
    try {
      const back = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: next.planId, deploymentId: rb.deploymentId, version: rb.version, progressToken: 'wait', pollMs: 10, rollback: true })) as DeployFollowResult;
      assert.equal(back.outcome, 'success', JSON.stringify(back));
    } finally {
      clearInterval(ticking);
    }
    const after = await planText(c, text, { marathon: m.url });
    assert.ok(after.kind === 'plan');
    assert.equal(after.pendingRollback, undefined, 'over: forgotten');
    assert.equal(((await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: after.planId })) as DeploySendResult).kind, 'sent');
  });

  test('the rollback of a create: the next plan (a create again) names the revert while /v2/deployments lists it, and not once it ended', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'manual', agentHosts: HOSTS } });
    const c = await client();
    const p = await planText(c, guideLike(), { marathon: m.url });
    assert.ok(p.kind === 'plan' && p.action === 'create');
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.ok(sent.kind === 'sent');
    m.store.advance(2);
    const rb = (await c.connection.sendRequest(DEPLOY_ROLLBACK_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId })) as DeployRollbackResult;
    assert.ok(rb.kind === 'rollback');
    const next = await planText(c, guideLike(), { marathon: m.url });
    assert.ok(next.kind === 'plan' && next.action === 'create', 'the app is gone at once');
    assert.deepEqual(next.pendingRollback, { deploymentId: rb.deploymentId, version: rb.version });
    m.store.advance(3);
    assert.deepEqual(m.store.deployments, [], 'the revert stopped the tasks and ended');
    const after = await planText(c, guideLike(), { marathon: m.url });
    assert.ok(after.kind === 'plan');
    assert.equal(after.pendingRollback, undefined);
    assert.equal(((await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: after.planId })) as DeploySendResult).kind, 'sent');
  });
});
