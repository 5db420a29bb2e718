import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { marathon, root } from '../deploy-helpers';
import type { MarathonProfile } from '../fake/marathon';

/**
 * A third-party client as the contract test of the fake Marathon: Debian's python3-marathon (0.13) drives the fake
 * through test/cluster/contract/marathon_contract.py, and each call must get the answer Marathon's source gives
 * (../shared/docs/marathon-source-audit.md §3 lists what real Marathon answers; the citations are in the fake).
 * The client is installed by .ci/run (`apt-get install python3-marathon`); without it these tests fail, they never skip.
 */

const run = promisify(execFile);
/** Debian's interpreter: python3-marathon lives in its dist-packages, which a pyenv or venv python3 does not see. */
const PY = '/usr/bin/python3';
const SCRIPT = join(root, 'test', 'cluster', 'contract', 'marathon_contract.py');
const APP = join(root, 'examples', 'fixed', 'sysdig.json');
/** four agents: the 3-instance UNIQUE app can be upgraded (one host free), at 4 instances it cannot */
const AGENTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17', '10.0.3.53'];
const LOCKED = "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

interface Step {
  step: string;
  ok: boolean;
  value?: any;
  error?: string;
  status?: number;
  message?: string;
}

async function contract(profile: MarathonProfile): Promise<Map<string, Step>> {
  const m = await marathon({ profile, role: 'leader', deploy: { clock: 'per-poll', agentHosts: AGENTS } });
  let stdout: string;
  try {
    ({ stdout } = await run(PY, [SCRIPT, m.url, APP], { timeout: 120_000, maxBuffer: 8 << 20 }));
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    if (/No module named 'marathon'|ENOENT/.test(stderr)) assert.fail(`python3-marathon is missing for ${PY}: apt-get update && apt-get install -y python3-marathon (.ci/run does)`);
    throw e;
  }
  const steps = JSON.parse(stdout) as Step[];
  return new Map(steps.map((s) => [s.step, s]));
}

const value = (r: Map<string, Step>, name: string) => {
  const s = r.get(name);
  assert.ok(s, `no step ${name}`);
  assert.ok(s.ok, `${name}: ${s.error} ${s.status ?? ''} ${s.message ?? ''}`);
  return s.value;
};
const failure = (r: Map<string, Step>, name: string) => {
  const s = r.get(name);
  assert.ok(s && !s.ok, `${name} should have failed: ${JSON.stringify(s)}`);
  return { error: s.error, status: s.status, message: s.message };
};

test('python3-marathon is installed for /usr/bin/python3 (.ci/run installs it; `apt-get install -y python3-marathon`)', async () => {
  try {
    await run(PY, ['-c', 'import marathon']);
  } catch (e) {
    assert.fail(`python3-marathon is missing — the contract tests cannot run. Install it: apt-get update && apt-get install -y python3-marathon (.ci/run does). ${String(e)}`);
  }
});

for (const profile of ['0.15', '1.4', '1.5', '1.6', '1.7'] as const) {
  test(`python3-marathon against the ${profile} fake: every call answered as Marathon ${profile} answers it`, async () => {
    const r = await contract(profile);
    // /ping: chaos's servlet ≤1.3 sends "pong\n"; from 1.4.4 python's Accept: application/json gets the JSON string (v1.4.13 SystemResource.scala:43-72)
    assert.equal(value(r, 'ping'), profile === '0.15' ? 'pong\n' : '"pong"');
    const info = value(r, 'info');
    assert.equal(info.name, 'marathon');
    assert.equal(info.version.split('.').slice(0, 2).join('.'), { '0.15': '0.13', '1.4': '1.4', '1.5': '1.5', '1.6': '1.6', '1.7': '1.7' }[profile], 'the doc example of 0.15 says 0.13.0-SNAPSHOT');
    assert.match(value(r, 'leader').leader, /^127\.0\.0\.1:\d+$/);
    // GET /v2/apps (v1.4.13 AR:48-62)
    assert.deepEqual(value(r, 'list_apps empty'), []);
    assert.deepEqual(value(r, 'create'), { id: '/sysdig-agent', instances: 3, deployments: 1, tasks: [] });
    assert.deepEqual(failure(r, 'create again'), { error: 'ConflictError', status: 409, message: 'An app with id [/sysdig-agent] already exists.' });
    assert.deepEqual(value(r, 'get_app'), { id: '/sysdig-agent', instances: 3, deployments: 1 });
    assert.deepEqual(value(r, 'list_apps'), ['/sysdig-agent']);
    if (profile === '0.15') {
      // a faithful failure: real 0.15 sends steps as arrays of arrays (v0.15.7 DeploymentsResource.scala:69-89) and
      // python3-marathon only parses the 1.1+ `{actions}` shape
      assert.deepEqual(failure(r, 'list_deployments'), { error: 'AttributeError', status: undefined, message: "'list' object has no attribute 'actions'" });
    } else {
      assert.deepEqual(value(r, 'list_deployments'), [{ apps: ['/sysdig-agent'], steps: [['StartApplication'], ['ScaleApplication']] }]);
    }
    // PUT while a deployment runs: 409 locked; python sends ?force=True, which Boolean.valueOf reads as true (v1.4.13 AR:196)
    assert.deepEqual(failure(r, 'update while deploying'), { error: 'ConflictError', status: 409, message: LOCKED });
    assert.deepEqual(value(r, 'update force answer'), ['deploymentId', 'version']);
    assert.ok(value(r, 'wait after update') > 1, 'the forced update deploys');
    const updated = value(r, 'state after update');
    assert.deepEqual([updated.instances, updated.running, updated.labels.tier], [3, 3, 'ops']);
    assert.equal(updated.taskVersions.length, 1, 'every task at the new config version');
    // a PUT that changes nothing: a new version in the answer, but the app keeps its version and tasks and no deployment
    // runs (GroupVersioningUtil.scala:26-49, v1.4.13)
    assert.deepEqual(value(r, 'deployments after unchanged update'), []);
    assert.deepEqual(value(r, 'unchanged update moved nothing'), { answerVersionIsNew: true, appVersionKept: true, tasksKept: true });
    // scale_app sends PUT /v2/apps//sysdig-agent {"instances": 2}: a valid partial update (v1.4.13 AR:352-356) that keeps
    // lastConfigChangeAt and the running tasks (ScaleApplication, DeploymentPlan.scala:257-259)
    assert.deepEqual(value(r, 'scale to 2'), ['deploymentId', 'version']);
    assert.deepEqual(value(r, 'scale kept config and tasks'), { instances: 2, running: 2, configKept: true, versionMoved: true, tasksKept: true });
    assert.deepEqual(value(r, 'queue idle'), []);
    assert.ok(value(r, 'wait after scale to 4') > 0);
    // the guide's deadlock: UNIQUE hostname, instances = agents, default upgradeStrategy (1, 1): no new task can be
    // placed while every old one runs, and none is killed first (TaskReplaceActor.scala:203-237, Constraints.scala:94)
    assert.deepEqual(Object.keys(value(r, 'upgrade image (UNIQUE, 4 instances on 4 agents)')).sort(), ['deploymentId', 'version']);
    assert.equal(value(r, 'upgrade never finishes'), null);
    assert.deepEqual(value(r, 'list_deployments stuck'), [['RestartApplication']]);
    assert.deepEqual(
      value(r, 'queue stuck'),
      // 0.15's queue has no offer statistics (v0.15.7 QueueResource.scala:33-45); 1.4+ counts every agent's last offer as
      // declined for the constraint (QueueInfoConversion.scala:21-72)
      [{ app: '/sysdig-agent', count: 4, declined: profile === '0.15' ? {} : { UnfulfilledConstraint: 4 }, lastUnusedReasons: profile === '0.15' ? [] : ['UnfulfilledConstraint'] }],
    );
    // DELETE without force: a revert deployment (200 {version, deploymentId}) that needs the same replacement — stuck too
    assert.deepEqual(value(r, 'rollback answer'), ['deploymentId', 'version']);
    assert.equal(value(r, 'rollback is stuck too'), null);
    // DELETE ?force=True: 202, no body — python returns {} — and the deployment only stops (v1.4.13 DR:45-49)
    assert.deepEqual(value(r, 'delete_deployment force'), {});
    assert.deepEqual(value(r, 'deployments after force'), []);
    assert.deepEqual(value(r, 'state after force'), { running: 4, taskVersions: 1 }, 'the old tasks keep running');
    // what gets out of the deadlock: a kill-first strategy (minimumHealthCapacity 0, maximumOverCapacity 0) stops the old tasks first
    assert.deepEqual(value(r, 'kill-first upgrade'), ['deploymentId', 'version']);
    assert.equal(value(r, 'kill-first upgrade finishes'), true);
    assert.deepEqual(value(r, 'state after kill-first upgrade'), { running: 4, allAtNewConfig: true });
    assert.deepEqual(failure(r, 'delete_deployment unknown'), { error: 'NotFoundError', status: 404, message: 'DeploymentPlan 00000000-0000-0000-0000-000000000000 does not exist' });
    assert.deepEqual(value(r, 'upgrade again with force=True (python sends ?force=True)'), ['deploymentId', 'version']);
    // a PUT that creates: 201 with Location (v1.4.13 AR:303-309)
    assert.match(value(r, 'PUT creating').location, /^http:\/\/127\.0\.0\.1:\d+\/v2\/apps\/other-agent$/);
    assert.deepEqual({ ...value(r, 'PUT creating'), location: undefined }, { status: 201, location: undefined, keys: ['deploymentId', 'version'] });
    assert.deepEqual(value(r, 'unknown fields dropped'), { status: 201, kept: [] });
    // delete_app sends ?force=False, so the running deployment locks it; with force it goes (v1.4.13 AR:236-251)
    assert.deepEqual(failure(r, 'delete_app while deploying'), { error: 'ConflictError', status: 409, message: LOCKED });
    assert.deepEqual(value(r, 'delete_app force'), ['deploymentId', 'version']);
    assert.deepEqual(failure(r, 'get_app after delete'), { error: 'NotFoundError', status: 404, message: "App '/sysdig-agent' does not exist" });
    assert.deepEqual(value(r, 'list_apps after delete'), ['/odd', '/other-agent']);
  });
}
