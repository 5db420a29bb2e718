// `sysdig-mesos/clusterStatus` and `sysdig-mesos/clusterScale`, the requests behind the "Sysdig on Mesos" view, over
// real LSP stdio against the Mesos and Marathon fakes on 127.0.0.1 (the Mesos fake's agents and tasks are the Marathon
// fake's; its master 127.0.0.1 is also an agent when Marathon has one of that name). No password in any answer or log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import {
  CLUSTER_SCALE_REQUEST,
  CLUSTER_STATUS_REQUEST,
  type ClusterCoverageView,
  type ClusterScaleResult,
  type ClusterStatusParams,
  type ClusterStatusResult,
} from '../../server/src/lsp/constants';
import type { ClusterCoverage } from '../../server/src/cluster/coverage';
import { assertNoSecrets, fixedApp, marathon, mesosOf, PASSWORD, requestsTo } from '../cluster/deploy-helpers';
import { closedPort } from '../cluster/fake/faults';
import { startFakeMesos } from '../cluster/fake/mesos';
import { clientPool } from './client-pool';
import type { LspClient } from './lsp-client';

// the request's type is the coverage model's, both ways (a field added to one and not the other fails tsc)
const sameShape: [(c: ClusterCoverage) => ClusterCoverageView, (c: ClusterCoverageView) => ClusterCoverage] = [(c) => c, (c) => c];
void sameShape;

const { client } = clientPool();
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;
const APP = { uri: 'file:///w/sysdig.json', text: fixedApp };
const WRONG = 'wrong-pass-77';

async function status(c: LspClient, p: ClusterStatusParams, token?: CancellationTokenSource): Promise<ClusterStatusResult> {
  const r = (await (token ? c.connection.sendRequest(CLUSTER_STATUS_REQUEST, p, token.token) : c.connection.sendRequest(CLUSTER_STATUS_REQUEST, p))) as ClusterStatusResult;
  assertNoSecrets(JSON.stringify(r) + c.logs.map((l) => l.message).join('\n') + c.stderr, [PASSWORD, WRONG]);
  return r;
}

/** Marathon (the agent app on `taskHosts`) and the Mesos master of the same cluster */
async function cluster(agentHosts: string[], taskHosts: string[], o: { auth?: boolean; stuck?: boolean } = {}) {
  const m = await marathon({
    profile: '1.4',
    role: 'leader',
    auth: o.auth ? { user: 'ops', password: PASSWORD } : undefined,
    deploy: { agentHosts, clock: 'manual', stuck: o.stuck ? ['/sysdig-agent'] : [] },
    apps: { '/sysdig-agent': { instances: taskHosts.length, taskHosts, definition: appDef } },
  });
  const mesos = await mesosOf(m);
  return { m, mesos };
}

const config = (text: string) => ({ uri: 'file:///w/dragent.yaml', text });

describe('cluster status and scale over LSP', () => {
  test('status: masters, every agent node with its task or "not monitored: no agent task", the master+agent node running the app, the app summary', async () => {
    const { m, mesos } = await cluster(['10.0.2.121', '10.0.6.244', '10.0.7.17', '127.0.0.1'], ['10.0.2.121', '10.0.6.244', '127.0.0.1']);
    const c = await client();
    const r = await status(c, { config: config(`customerid: x\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${m.url}\n`), app: APP });
    assert.equal(r.kind, 'status', JSON.stringify(r));
    if (r.kind !== 'status') return;
    assert.equal(r.mesos.uri, mesos.url);
    assert.equal(r.mesos.leader, `127.0.0.1:${mesos.port}`);
    assert.deepEqual(r.marathon, { uri: m.url, source: 'config' });
    assert.equal(r.appFile, 'sysdig.json');
    const kinds = Object.fromEntries(r.coverage.nodes.map((n) => [n.hostname, n.kind]));
    assert.deepEqual(kinds, { '127.0.0.1': 'master-agent-app', '10.0.2.121': 'monitored', '10.0.6.244': 'monitored', '10.0.7.17': 'not-monitored' });
    assert.equal(r.coverage.nodes.find((n) => n.hostname === '10.0.7.17')!.text, 'not monitored: no agent task');
    assert.deepEqual([r.coverage.app.instances, r.coverage.app.running, r.coverage.app.agentNodes, r.coverage.app.hostnameUnique], [3, 3, 3, true]);
    // the app with its embeds and the deployments, asked once each
    assert.equal(requestsTo(m, 'GET', '/v2/apps/sysdig-agent').length, 1);
    const logged = () => c.logs.filter((l) => /cluster status: 4 agent node\(s\), 2 monitored, 1 not monitored/.test(l.message)).length;
    assert.equal(logged(), 1, 'one line in the log');
    // the view's periodic read of an unchanged cluster adds no line
    await status(c, { config: config(`customerid: x\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${m.url}\n`), app: APP });
    assert.equal(logged(), 1, 'an unchanged status is not logged again');
  });

  test("credentials: the stored Marathon credentials (SecretStorage) win over dragent.yaml's; without them a refused password is a `failed` answer naming where to set them", async () => {
    const { m, mesos } = await cluster(['10.0.2.121'], ['10.0.2.121'], { auth: true });
    const c = await client();
    const cfg = config(`mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\nmarathon_user: ops\nmarathon_password: ${WRONG}\n`);
    const ok = await status(c, { config: cfg, credentials: { user: 'ops', password: PASSWORD } });
    assert.equal(ok.kind, 'status', JSON.stringify(ok));
    assert.equal(ok.kind === 'status' && ok.coverage.app.id, '/sysdig-agent', 'the guide\'s app id without an app file');
    const refused = await status(c, { config: cfg });
    assert.equal(refused.kind, 'failed');
    if (refused.kind !== 'failed') return;
    assert.equal(refused.service, 'marathon');
    assert.equal(refused.reason, 'unauthorized');
    assert.match(refused.message, /401 Unauthorized.*marathon_user\/marathon_password or user:password@ in marathon_uris in dragent\.yaml, or the command "Sysdig Mesos: Set Marathon Credentials"/);
    // the setting's URI is used and named as such
    const viaSetting = await status(c, { config: config(`mesos_state_uri: ${mesos.url}\n`), marathon: m.url, credentials: { user: 'ops', password: PASSWORD } });
    assert.equal(viaSetting.kind === 'status' && viaSetting.marathon.source, 'setting');
  });

  test('nothing configured, an unreachable Mesos, an app file without an id: answers the view draws, not errors', async () => {
    const c = await client();
    const none = await status(c, {});
    assert.deepEqual(none, { kind: 'unconfigured', message: 'no dragent.yaml in this workspace, and no Marathon in the settings' });
    const empty = await status(c, { config: config('customerid: x\n') });
    assert.deepEqual(empty, { kind: 'unconfigured', message: 'dragent.yaml names no Mesos master (mesos_state_uri) and no Marathon (marathon_uris)' });

    const port = await closedPort();
    const { m } = await cluster(['10.0.2.121'], ['10.0.2.121']);
    const down = await status(c, { config: config(`mesos_state_uri: http://127.0.0.1:${port}\nmarathon_uris: [${m.url}]\n`) });
    assert.equal(down.kind, 'failed');
    if (down.kind === 'failed') {
      assert.deepEqual([down.service, down.reason], ['mesos', 'unreachable']);
      assert.match(down.message, new RegExp(`^http://127\\.0\\.0\\.1:${port}/master/state\\.json: connection refused .* check the host and port`));
    }
    const mesos = await startFakeMesos({ profile: '1.2', role: 'leader' });
    try {
      const noId = await status(c, { config: config(`mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\n`), app: { uri: 'file:///w/sysdig.json', text: '{"instances": 1}' } });
      assert.deepEqual(noId, { kind: 'failed', service: null, reason: 'usage', message: 'sysdig.json: no "id" to look for in Marathon: its problems are in the Problems panel', file: 'app' });
    } finally {
      await mesos.close();
    }
  });

  test('cancel: $/cancelRequest aborts the request held by a slow Marathon (the socket is closed) and answers RequestCancelled', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', hold: [{ method: 'GET', path: '/v2/deployments' }] });
    const mesos = await mesosOf(m);
    const c = await client();
    const cts = new CancellationTokenSource();
    const pending = status(c, { config: config(`mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\n`) }, cts);
    const held = await m.holds.arrived();
    cts.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    await held.closed;
    assert.equal(held.clientClosed, true, 'the server gave up the connection');
  });

  test('scale: reads the app, then PUT /v2/apps/sysdig-agent {"instances": 3} (no force); Marathon scales and keeps the running tasks; the next status shows the third task', async () => {
    const { m, mesos } = await cluster(['10.0.2.121', '10.0.6.244', '10.0.7.17'], ['10.0.2.121', '10.0.6.244']);
    const c = await client();
    const cfg = config(`mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\n`);
    const before = m.store.apps.get('/sysdig-agent')!.tasks.map((t) => t.id);
    const r = (await c.connection.sendRequest(CLUSTER_SCALE_REQUEST, { config: cfg, appId: '/sysdig-agent', from: 2, instances: 3 })) as ClusterScaleResult;
    assert.equal(r.kind, 'scaled', JSON.stringify(r));
    const puts = requestsTo(m, 'PUT', '/v2/apps/sysdig-agent');
    assert.equal(puts.length, 1);
    assert.equal(puts[0].url, '/v2/apps/sysdig-agent');
    assert.deepEqual(JSON.parse(puts[0].body), { instances: 3 });
    assert.equal(puts[0].headers['content-type'], 'application/json');
    m.store.advance(2);
    const s = await status(c, { config: cfg });
    assert.equal(s.kind, 'status');
    if (s.kind !== 'status') return;
    assert.ok(s.coverage.nodes.every((n) => n.kind === 'monitored' || n.kind === 'master'), JSON.stringify(s.coverage.nodes.map((n) => n.kind)));
    const after = m.store.apps.get('/sysdig-agent')!.tasks.map((t) => t.id);
    for (const id of before) assert.ok(after.includes(id), `task ${id} kept (ScaleApplication)`);
  });

  test('scale refused: the view out of date (instances changed), no hostname UNIQUE, not deployed, a deployment holding the lock — nothing written', async () => {
    const c = await client();
    const { m } = await cluster(['10.0.2.121', '10.0.6.244'], ['10.0.2.121']);
    const cfg = config(`marathon_uris: [${m.url}]\n`);
    const scale = (p: { appId?: string; from: number; instances: number }, conf = cfg) =>
      c.connection.sendRequest(CLUSTER_SCALE_REQUEST, { config: conf, appId: '/sysdig-agent', ...p }) as Promise<ClusterScaleResult>;
    assert.deepEqual(await scale({ from: 3, instances: 2 }), { kind: 'refused', message: '/sysdig-agent has 1 instance(s) now, not 3: the view was out of date — refresh it and look again' });
    assert.deepEqual(await scale({ appId: '/other', from: 1, instances: 2 }), { kind: 'refused', message: `/other is not deployed on ${m.url}: deploy it first` });
    assert.equal(requestsTo(m, 'PUT', '/v2/apps').length, 0);

    const loose = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['a', 'b'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['a'], definition: { ...appDef, constraints: [] } } } });
    const r = await scale({ from: 1, instances: 2 }, config(`marathon_uris: [${loose.url}]\n`));
    assert.equal(r.kind, 'refused');
    assert.match((r as { message: string }).message, /no \["hostname","UNIQUE"\] constraint/);
    assert.equal(requestsTo(loose, 'PUT', '/v2/apps').length, 0);

    const locked = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['a', 'b'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['a'], definition: appDef, stuckDeployment: true } } });
    const l = await scale({ from: 1, instances: 2 }, config(`marathon_uris: [${locked.url}]\n`));
    assert.equal(l.kind, 'refused');
    assert.match((l as { message: string }).message, new RegExp(`^http://127\\.0\\.0\\.1:${locked.port}/v2/apps/sysdig-agent: 409 /sysdig-agent is locked by deployment \\S+: wait for it to finish \\(or roll it back\\), then scale$`));
    const put = requestsTo(locked, 'PUT', '/v2/apps/sysdig-agent');
    assert.equal(put.length, 1);
    assert.ok(!put[0].url.includes('force'), 'never forced');
  });
});
