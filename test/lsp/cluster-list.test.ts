// Named clusters over LSP (issue 13 §2): `sysdig-mesos/clusterList` reads the workspace folders' .sysdig-mesos.json
// and the setting's list (merged, the file wins), and `clusterStatus`/`clusterCheck`/`deployPlan` with `named` read the
// named cluster at its own addresses with the credentials the request carries — against two Marathon/Mesos fakes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CLUSTER_CHECK_REQUEST,
  CLUSTER_LIST_REQUEST,
  CLUSTER_STATUS_REQUEST,
  DEPLOY_PLAN_REQUEST,
  type ClusterCheckResult,
  type ClusterListResult,
  type ClusterStatusResult,
  type DeployPlanResult,
} from '../../server/src/lsp/constants';
import { assertNoSecrets, fixedApp, marathon, mesosOf } from '../cluster/deploy-helpers';
import { clientPool } from './client-pool';

const { client, tempDir } = clientPool();
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;
const SECRET = 'n4med-Cluster-pw';

async function fakeCluster(hosts: string[], auth: boolean) {
  const m = await marathon({ profile: '1.4', role: 'leader', ...(auth ? { auth: { user: 'ops', password: SECRET } } : {}), deploy: { agentHosts: hosts, clock: 'manual' }, apps: { '/sysdig-agent': { instances: hosts.length, taskHosts: hosts, definition: appDef } } });
  return { m, mesos: await mesosOf(m) };
}

describe('named clusters over LSP', () => {
  test('clusterList: the folder\'s .sysdig-mesos.json and the setting merged by name (the file wins), apps resolved, the setting\'s problems returned, the dragent.yaml\'s cluster found', async () => {
    const dir = tempDir('sysdig-mesos-list-');
    writeFileSync(
      join(dir, '.sysdig-mesos.json'),
      JSON.stringify({ clusters: [{ name: 'dev', mesos: 'http://10.0.0.1:5050', marathon: 'http://10.0.0.1:8080/', app: 'dev/sysdig.json' }, { name: 'bad', mesos: 'http://a:b@x', marathon: 'http://x' }] }),
    );
    const folder = pathToFileURL(dir).href;
    const c = await client({ workspaceFolders: [{ uri: folder, name: 'ws' }] });
    const settings = [
      { name: 'DEV', mesos: 'http://other:5050', marathon: 'http://other:8080' },
      { name: 'prod', mesos: 'https://m:5050', marathon: 'https://ma:8443', marathonUser: 'deployer', app: 'p/sysdig.json' },
      { name: 'leak', mesos: 'http://ops:s3cretpw@m:5050', marathon: 'http://m:8080' },
    ];
    const config = { uri: `${folder}/dragent.yaml`, text: 'customerid: x\nmarathon_uris: [http://ops:pw@10.0.0.1:8080]\n' };
    const r = (await c.connection.sendRequest(CLUSTER_LIST_REQUEST, { settings, config })) as ClusterListResult;
    assert.deepEqual(
      r.clusters.map((x) => [x.name, x.from, x.mesos, x.appUri]),
      [
        ['dev', 'file', 'http://10.0.0.1:5050', `${folder}/dev/sysdig.json`],
        ['prod', 'settings', 'https://m:5050', `${folder}/p/sysdig.json`],
      ],
    );
    assert.equal(r.clusters[1].marathonUser, 'deployer');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /^sysdig-mesos\.clusters\[2\]\.mesos holds a password: credentials never go in the list/);
    // the same Marathon (credentials and a trailing / aside) as the named dev
    assert.equal(r.configCluster, 'dev');
    // the file's bad entry: left out, and said in the log (VS Code's JSON service marks it in the file)
    assert.ok(c.logs.some((l) => /clusters\[1\]\.mesos holds a password/.test(l.message)), JSON.stringify(c.logs));
    assertNoSecrets(JSON.stringify(r) + c.logs.map((l) => l.message).join('\n'), ['s3cretpw']);
  });

  test('clusterStatus, clusterCheck and deployPlan with named: each cluster at its own addresses, the credentials carried; a refusal names the cluster\'s command', async () => {
    const a = await fakeCluster(['10.0.1.1', '10.0.1.2'], false);
    const b = await fakeCluster(['10.0.9.1', '10.0.9.2', '10.0.9.3'], true);
    const c = await client();
    const named = (x: typeof a, name: string, credentials?: { marathon: { user: string; password: string } }) => ({ name, mesos: x.mesos.url, marathon: x.m.url, ...(credentials ? { credentials } : {}) });
    const [ra, rb, refused] = (await Promise.all([
      c.connection.sendRequest(CLUSTER_STATUS_REQUEST, { named: named(a, 'dev') }),
      c.connection.sendRequest(CLUSTER_STATUS_REQUEST, { named: named(b, 'prod', { marathon: { user: 'ops', password: SECRET } }) }),
      c.connection.sendRequest(CLUSTER_STATUS_REQUEST, { named: named(b, 'prod') }),
    ])) as ClusterStatusResult[];
    assert.ok(ra.kind === 'status' && rb.kind === 'status', JSON.stringify([ra, rb]));
    if (ra.kind !== 'status' || rb.kind !== 'status') return;
    assert.deepEqual([ra.coverage.counts.agents, rb.coverage.counts.agents], [2, 3]);
    assert.equal(rb.marathon.source, 'cluster');
    assert.equal(rb.marathon.uri, `http://ops:***@127.0.0.1:${b.m.port}`);
    assert.ok(refused.kind === 'failed' && refused.reason === 'unauthorized' && refused.service === 'marathon', JSON.stringify(refused));
    if (refused.kind === 'failed') assert.match(refused.message, /Set Cluster Credentials…" for prod/);
    // the dragent.yaml given with named is not read: a URI in it that nothing listens on changes nothing
    const check = (await c.connection.sendRequest(CLUSTER_CHECK_REQUEST, { target: 'marathon', config: { uri: 'file:///w/dragent.yaml', text: 'marathon_uris: [http://127.0.0.1:1]\n' }, named: named(b, 'prod', { marathon: { user: 'ops', password: SECRET } }) })) as ClusterCheckResult;
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.deepEqual(check.diagnostics, []);
    const plan = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: 'file:///w/sysdig.json', text: fixedApp }, named: named(b, 'prod', { marathon: { user: 'ops', password: SECRET } }) })) as DeployPlanResult;
    assert.ok(plan.kind === 'plan', JSON.stringify(plan));
    if (plan.kind === 'plan') assert.equal(plan.leader, `127.0.0.1:${b.m.port}`);
    assertNoSecrets(JSON.stringify([ra, rb, refused, check, plan]) + c.logs.map((l) => l.message).join('\n') + c.stderr, [SECRET]);
    await a.mesos.close();
    await b.mesos.close();
  });
});
