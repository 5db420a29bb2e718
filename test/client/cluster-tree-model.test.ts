// The "Sysdig on Mesos" view's tree model (client/src/cluster-tree-model.ts) under Node, no VS Code: every item kind,
// from coverage models built by the same code `sysdig-mesos status` uses (server/src/cluster/coverage.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCoverage, type CoverageInput } from '../../server/src/cluster/coverage';
import type { ClusterCoverageView, ClusterStatusResult } from '../../server/src/lsp/constants';
import { clusterTree, md, relativeTime, type ClusterEntry, type TreeNode } from '../../client/src/cluster-tree-model';
import { COMMANDS } from '../../client/src/ids';
import { CONTEXT_VALUES } from '../../client/src/view-ids';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const masters = [{ hostname: 'm1', ip: '10.0.0.1', port: 5050, leader: true }];
const agents = [
  { id: 'S1', hostname: 'a1', ip: '10.0.1.1' },
  { id: 'S2', hostname: 'a2', ip: '10.0.1.2' },
  { id: 'S3', hostname: 'a3', ip: '10.0.1.3' },
];
const task = (slaveId: string, host: string, extra: Record<string, unknown> = {}) => ({ id: `sysdig-agent.${host}`, host, slaveId, state: 'TASK_RUNNING', version: '2026-12-01T00:00:00.000Z', startedAt: ago(5 * 60_000), ...extra });
const app = (tasks: ReturnType<typeof task>[], extra: Record<string, unknown> = {}) => ({ id: '/sysdig-agent', instances: tasks.length, tasksRunning: tasks.length, tasksHealthy: tasks.length, healthChecks: true, hostnameUnique: true, configVersion: '2026-12-01T00:00:00.000Z', tasks, ...extra });

function status(input: CoverageInput): ClusterStatusResult {
  const coverage: ClusterCoverageView = buildCoverage(input);
  return { kind: 'status', mesos: { uri: 'http://10.0.0.1:5050', leader: '10.0.0.1:5050', version: '1.2.0' }, marathon: { uri: 'http://ops:***@10.0.0.1:8080', source: 'config' }, appFile: 'sysdig.json', coverage };
}
const entry = (result: ClusterStatusResult, at = NOW - 10_000): ClusterEntry => ({ name: 'dragent.yaml', configUri: 'file:///w/dragent.yaml', state: { kind: 'answer', result, at } });
const tree = (e: ClusterEntry) => clusterTree({ trusted: true, clusters: [e] }, NOW);

/** depth-first: every node of the tree */
function all(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
}
const find = (nodes: TreeNode[], pred: (n: TreeNode) => boolean) => {
  const hit = all(nodes).find(pred);
  assert.ok(hit, 'node not found');
  return hit;
};

describe('cluster tree model', () => {
  test('every agent monitored: the cluster (pass), masters with the leader marked, each agent node with its task (state, version, health, since when), the app', () => {
    const t = tree(entry(status({ masters, agents, appId: '/sysdig-agent', app: app(agents.map((a) => task(a.id, a.hostname, { health: [{ alive: true }] }))) })));
    assert.equal(t.length, 1);
    const [c] = t;
    assert.equal(c.label, 'dragent.yaml');
    assert.equal(c.icon, 'pass');
    assert.equal(c.contextValue, CONTEXT_VALUES.cluster);
    assert.equal(c.description, '3 agent node(s) · 3 monitored');
    assert.match(c.tooltip, /Mesos http:\/\/10\\\.0\\\.0\\\.1:5050/);
    assert.match(c.tooltip, /Marathon http:\/\/ops:\\\*\\\*\\\*@10\\\.0\\\.0\\\.1:8080 \(from dragent\\\.yaml\)/);
    assert.match(c.tooltip, /Read just now/);
    assert.deepEqual(c.children!.map((x) => x.label), ['Mesos masters', 'Agent nodes', '/sysdig-agent']);

    const m = find(t, (n) => n.contextValue === CONTEXT_VALUES.master);
    assert.deepEqual([m.label, m.description, m.icon], ['m1', 'leader', 'star-full']);
    assert.equal(c.children![0].description, '1, leader m1');

    const a1 = find(t, (n) => n.label === 'a1');
    assert.equal(a1.icon, 'pass');
    assert.equal(a1.iconColor, 'testing.iconPassed');
    assert.equal(a1.contextValue, CONTEXT_VALUES.agentNode);
    assert.equal(a1.description, 'running · healthy · version 2026-12-01T00:00:00.000Z · 5 min ago');
    assert.match(a1.tooltip, /^\*\*a1\*\* \(10\\\.0\\\.1\\\.1\) — Mesos agent/);
    const tk = a1.children![0];
    assert.equal(tk.contextValue, CONTEXT_VALUES.task);
    assert.deepEqual(tk.task, { cluster: 'dragent.yaml', taskId: 'sysdig-agent.a1', agentId: 'S1', hostname: 'a1' });
    assert.equal(tk.icon, 'pulse');
    assert.match(tk.tooltip, /Since: .* \(5 min ago\)/);

    const appItem = find(t, (n) => n.label === '/sysdig-agent');
    assert.equal(appItem.description, 'instances 3 · running 3 · healthy 3');
    assert.equal(appItem.contextValue, CONTEXT_VALUES.app);
    assert.equal(appItem.scale, undefined);
    assert.equal(c.children!.find((x) => x.label === 'Agent nodes')!.description, '3 of 3 monitored');
    // ids are unique (VS Code refuses duplicates) and stable (the same input gives the same ids)
    const ids = all(t).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(all(tree(entry(status({ masters, agents, appId: '/sysdig-agent', app: app(agents.map((a) => task(a.id, a.hostname, { health: [{ alive: true }] }))) })))).map((n) => n.id), ids);
  });

  test('an agent node without a task: "not monitored: no agent task", a warning, the next step in the tooltip; Scale offered (hostname UNIQUE, 2 instances for 3 nodes)', () => {
    const t = tree(entry(status({ masters, agents, appId: '/sysdig-agent', app: app([task('S1', 'a1'), task('S2', 'a2')]) })));
    const a3 = find(t, (n) => n.label === 'a3');
    assert.equal(a3.description, 'not monitored: no agent task');
    assert.equal(a3.icon, 'warning');
    assert.equal(a3.children, undefined);
    assert.match(a3.tooltip, /\*\*Next:\*\* \/sysdig\\-agent has 2 instance\\\(s\\\) for 3 agent node\\\(s\\\): set instances to the number of agent nodes/);
    assert.equal(t[0].icon, 'warning');
    assert.equal(t[0].description, '3 agent node(s) · 2 monitored · 1 not monitored');
    assert.equal(find(t, (n) => n.label === 'Agent nodes').icon, 'warning');

    const appItem = find(t, (n) => n.label === '/sysdig-agent');
    assert.equal(appItem.contextValue, CONTEXT_VALUES.appScalable);
    assert.deepEqual(appItem.scale, { cluster: 'dragent.yaml', appId: '/sysdig-agent', from: 2, to: 3 });
    assert.match(appItem.description!, /— 3 agent node\(s\)$/);
    assert.match(appItem.tooltip, /\*\*Scale to the number of agents\*\* sets instances to 3/);
  });

  test('Scale is not offered without hostname UNIQUE (the tooltip says why), nor when instances already match', () => {
    const noUnique = tree(entry(status({ masters, agents, appId: '/sysdig-agent', app: app([task('S1', 'a1')], { hostnameUnique: false }) })));
    const a = find(noUnique, (n) => n.label === '/sysdig-agent');
    assert.equal(a.contextValue, CONTEXT_VALUES.app);
    assert.equal(a.scale, undefined);
    assert.match(a.tooltip, /no `\["hostname","UNIQUE"\]` constraint/);
  });

  test('a node both master and agent running the app: the guide\'s warning (error icon), listed among masters and agents', () => {
    const both = [...agents, { id: 'S9', hostname: 'm1', ip: '10.0.0.1' }];
    const t = tree(entry(status({ masters, agents: both, appId: '/sysdig-agent', app: app([...agents.map((a) => task(a.id, a.hostname)), task('S9', 'm1')]) })));
    const node = find(t, (n) => n.contextValue === CONTEXT_VALUES.agentNode && n.label === 'm1');
    assert.equal(node.icon, 'error');
    assert.equal(node.description, 'master (leader) and agent — the agent app must not run here');
    assert.match(node.tooltip, /\*\*The guide:\*\* the agent app runs on a node that is both Mesos master and agent/);
    assert.match(node.tooltip, /add \\\["hostname","UNLIKE","m1"\\\]/);
    const master = find(t, (n) => n.contextValue === CONTEXT_VALUES.master && n.label === 'm1');
    assert.equal(master.description, 'leader · also an agent');
    assert.equal(find(t, (n) => n.label === 'Agent nodes').icon, 'error');
    assert.match(t[0].description!, /1 master\+agent running the app/);

    // without the app's task there: the host daemon belongs there — information, not a problem
    const daemon = tree(entry(status({ masters, agents: both, appId: '/sysdig-agent', app: app(agents.map((a) => task(a.id, a.hostname))) })));
    const d = find(daemon, (n) => n.contextValue === CONTEXT_VALUES.agentNode && n.label === 'm1');
    assert.equal(d.icon, 'info');
    assert.equal(d.description, 'master (leader) and agent — agent as a host daemon');
    assert.equal(daemon[0].icon, 'pass');
  });

  test('a task not running yet: starting (spinning icon), "staging · just now"', () => {
    const t = tree(entry(status({ masters, agents: agents.slice(0, 1), appId: '/sysdig-agent', app: app([task('S1', 'a1', { state: 'TASK_STAGING', startedAt: undefined, stagedAt: ago(3000) })]) })));
    const a1 = find(t, (n) => n.label === 'a1');
    assert.equal(a1.icon, 'loading~spin');
    assert.equal(a1.description, 'staging · health unknown · version 2026-12-01T00:00:00.000Z · just now');
    assert.match(a1.tooltip, /\*\*Next:\*\* the task is not running yet/);
  });

  test('the current deployment with its step, and the last task failure with its message', () => {
    const t = tree(
      entry(
        status({
          masters,
          agents,
          appId: '/sysdig-agent',
          app: app([task('S1', 'a1'), task('S2', 'a2')], {
            instances: 3,
            lastTaskFailure: { host: 'a3', slaveId: 'S3', state: 'TASK_FAILED', message: 'Docker container run error: exited with status 1', timestamp: ago(2 * 3600_000), taskId: 'sysdig-agent.x' },
          }),
          deployments: [{ id: '5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43', currentStep: 1, totalSteps: 1, currentActions: ['ScaleApplication'] }],
        }),
      ),
    );
    const dep = find(t, (n) => n.contextValue === CONTEXT_VALUES.deployment);
    assert.equal(dep.label, 'Deployment 5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43');
    assert.equal(dep.description, 'step 1/1: ScaleApplication');
    assert.equal(dep.icon, 'sync~spin');
    // it names its task and agent: "Show task log" applies, on stderr (a failed task's stderr says why)
    const f = find(t, (n) => n.contextValue === CONTEXT_VALUES.failureWithLog);
    assert.deepEqual(f.task, { cluster: 'dragent.yaml', taskId: 'sysdig-agent.x', agentId: 'S3', hostname: 'a3', failed: true });
    assert.equal(f.label, 'Last task failure');
    assert.equal(f.description, 'Docker container run error: exited with status 1 — on a3, 2 h ago');
    assert.equal(f.icon, 'error');
    assert.match(f.tooltip, /\*\*Last task failure\*\*: TASK\\_FAILED on a3/);
    // the node where it failed says so
    assert.match(find(t, (n) => n.label === 'a3').tooltip, /the app's last task failed here: TASK\\_FAILED on a3/);
    // instances 3 for 3 nodes: no Scale, whatever runs
    assert.equal(find(t, (n) => n.label === '/sysdig-agent').scale, undefined);
  });

  test('the app not deployed: its item says so; every agent node is not monitored', () => {
    const t = tree(entry(status({ masters, agents, appId: '/sysdig-agent' })));
    const a = find(t, (n) => n.label === '/sysdig-agent');
    assert.equal(a.description, 'not deployed in Marathon');
    assert.equal(a.scale, undefined);
    assert.match(find(t, (n) => n.label === 'a1').tooltip, /not deployed in Marathon: deploy it/);
  });

  test('a failed fetch: the reason in one line and the next step as an item that does it (per failure)', () => {
    const failed = (service: 'mesos' | 'marathon' | null, reason: 'unauthorized' | 'unreachable' | 'usage' | 'answer', message: string) => tree(entry({ kind: 'failed', service, reason, message }));
    const refused = failed('mesos', 'unreachable', 'http://10.0.0.1:5050/master/state.json: connection refused by 10.0.0.1:5050: nothing listens there — check the host and port');
    assert.equal(refused[0].icon, 'error');
    assert.equal(refused[0].description, 'cannot read Mesos');
    const [reason, next] = refused[0].children!;
    assert.match(reason.label, /^http:\/\/10\.0\.0\.1:5050\/master\/state\.json: connection refused/);
    assert.equal(next.label, 'Check Mesos connectivity');
    assert.deepEqual(next.command, { command: COMMANDS.checkMesos, title: 'Check Mesos connectivity', arguments: ['file:///w/dragent.yaml'] });

    const marathon401 = failed('marathon', 'unauthorized', 'http://10.0.0.1:8080/v2/apps/sysdig-agent: 401 Unauthorized: the credentials were refused');
    assert.equal(marathon401[0].description, 'cannot read Marathon');
    assert.equal(marathon401[0].children![1].command!.command, COMMANDS.setMarathonCredentials);

    const mesos401 = failed('mesos', 'unauthorized', '401');
    assert.deepEqual(mesos401[0].children![1].command, { command: 'vscode.open', title: 'Open dragent.yaml', arguments: ['file:///w/dragent.yaml'] });

    const usage = failed(null, 'usage', 'mesos_state_uri: not a URI');
    assert.equal(usage[0].description, 'cannot read the cluster');
    assert.equal(usage[0].children![1].label, 'Open dragent.yaml');
    // the app file without an id: the next step opens the app file
    const noId = clusterTree({ trusted: true, clusters: [{ ...entry({ kind: 'failed', service: null, reason: 'usage', message: 'sysdig.json: no "id" to look for in Marathon', file: 'app' }), appUri: 'file:///w/sysdig.json' }] }, NOW);
    assert.deepEqual(noId[0].children![1].command, { command: 'vscode.open', title: 'Open the agent app', arguments: ['file:///w/sysdig.json'] });

    const answer = failed('marathon', 'answer', 'not JSON');
    assert.equal(answer[0].children![1].command!.command, COMMANDS.checkMarathon);

    // the request itself failed (the server is not running): the message and the log
    const err = tree({ name: 'dragent.yaml', state: { kind: 'error', message: 'the language server is not running' } });
    assert.equal(err[0].children![0].label, 'the language server is not running');
    assert.equal(err[0].children![1].command!.command, COMMANDS.showOutput);
  });

  test('Restricted Mode: one item asking for trust, whose command manages Workspace Trust', () => {
    const t = clusterTree({ trusted: false, clusters: [{ name: 'dragent.yaml', state: { kind: 'loading' } }] }, NOW);
    assert.equal(t.length, 1);
    assert.equal(t[0].label, 'Trust this workspace to read the cluster');
    assert.equal(t[0].icon, 'shield');
    assert.deepEqual(t[0].command, { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' });
  });

  test('no cluster configured: no dragent.yaml → an item that opens the setting; a dragent.yaml without URIs → an item that opens it', () => {
    const none = clusterTree({ trusted: true, clusters: [] }, NOW);
    assert.equal(none[0].label, 'No cluster configured');
    assert.deepEqual(none[0].command, { command: 'workbench.action.openSettings', title: 'Open the setting', arguments: ['sysdig-mesos.files.dragent'] });
    assert.match(none[0].tooltip, /`mesos_state_uri` and `marathon_uris`/);
    const empty = tree(entry({ kind: 'unconfigured', message: 'dragent.yaml names no Mesos master (mesos_state_uri) and no Marathon (marathon_uris)' }));
    assert.equal(empty[0].description, 'no cluster configured');
    assert.deepEqual(empty[0].command, { command: 'vscode.open', title: 'Open dragent.yaml', arguments: ['file:///w/dragent.yaml'] });
    assert.equal(empty[0].children, undefined);
  });

  test('loading: the first read under way', () => {
    const t = clusterTree({ trusted: true, clusters: [{ name: 'dragent.yaml', state: { kind: 'loading' } }] }, NOW);
    assert.equal(t[0].icon, 'loading~spin');
    assert.equal(t[0].description, 'reading the cluster…');
    // not the answer's id: VS Code would keep the loading item's (leaf) state for it, and the answer opens expanded
    assert.notEqual(t[0].id, tree(entry({ kind: 'unconfigured', message: 'x' }))[0].id);
  });

  test('a list of clusters: one item each, ids apart', () => {
    const r = status({ masters, agents, appId: '/sysdig-agent', app: app(agents.map((a) => task(a.id, a.hostname))) });
    const t = clusterTree({ trusted: true, clusters: [{ name: 'dev', state: { kind: 'answer', result: r, at: NOW } }, { name: 'prod', state: { kind: 'answer', result: r, at: NOW } }] }, NOW);
    assert.deepEqual(t.map((c) => c.label), ['dev', 'prod']);
    const ids = all(t).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(find(t, (n) => n.id.startsWith('cluster:prod') && n.contextValue === CONTEXT_VALUES.task).task!.cluster, 'prod');
  });

  test('relative times from the injected now: just now, minutes, hours, days, months, years; a clock ahead; unparseable text as is', () => {
    assert.equal(relativeTime(ago(10_000), NOW), 'just now');
    assert.equal(relativeTime(ago(-30_000), NOW), 'just now');
    assert.equal(relativeTime(ago(60_000), NOW), '1 min ago');
    assert.equal(relativeTime(ago(17 * 60_000), NOW), '17 min ago');
    assert.equal(relativeTime(ago(3 * 3600_000), NOW), '3 h ago');
    assert.equal(relativeTime(ago(26 * 3600_000), NOW), '1 day ago');
    assert.equal(relativeTime(ago(9 * 86400_000), NOW), '9 days ago');
    assert.equal(relativeTime(ago(90 * 86400_000), NOW), '3 months ago');
    assert.equal(relativeTime(ago(4121 * 86400_000), NOW), '11 years ago');
    assert.equal(relativeTime('yesterday-ish', NOW), 'yesterday-ish');
  });

  test('what the cluster answered is escaped in tooltips: no link, no HTML, no emphasis from a hostile message', () => {
    assert.equal(md('[x](http://evil) <img> *b* `c`'), '\\[x\\]\\(http://evil\\) \\<img\\> \\*b\\* \\`c\\`');
    const t = tree(entry(status({ masters, agents: agents.slice(0, 1), appId: '/sysdig-agent', app: app([], { instances: 1, lastTaskFailure: { host: 'a1', message: '[click](http://evil) <b>x</b>\nsecond line', state: 'TASK_FAILED' } }) })));
    // no task id nor agent: no log to show
    const f = find(t, (n) => n.contextValue === CONTEXT_VALUES.failure);
    assert.equal(f.task, undefined);
    assert.ok(!/\]\(http/.test(f.tooltip.replace(/\\\]\\\(/g, '')), f.tooltip);
    assert.ok(!f.tooltip.includes('<b>'), f.tooltip);
    assert.ok(!f.tooltip.includes('\n\nsecond'), 'a message stays one paragraph');
  });

  test('two named clusters side by side (issue 13 §2): one root item each, ids apart from a dragent.yaml of the same name; the failing one is its own item with "Set cluster credentials" for that cluster', () => {
    const ok = status({ masters, agents, appId: '/sysdig-agent', app: app(agents.map((a) => task(a.id, a.hostname))) });
    const okNamed: ClusterStatusResult = ok.kind === 'status' ? { ...ok, marathon: { uri: 'http://10.0.0.1:8080', source: 'cluster' } } : ok;
    const refused: ClusterStatusResult = { kind: 'failed', service: 'marathon', reason: 'unauthorized', message: 'http://10.9.0.1:8080/v2/apps/sysdig-agent: 401 Unauthorized' };
    const t = clusterTree(
      {
        trusted: true,
        clusters: [
          { name: 'dev', named: true, state: { kind: 'answer', result: okNamed, at: NOW } },
          { name: 'prod', named: true, state: { kind: 'answer', result: refused, at: NOW } },
          { name: 'dev', configUri: 'file:///w/dev', state: { kind: 'loading' } },
        ],
      },
      NOW,
    );
    assert.deepEqual(t.map((n) => [n.id, n.label, n.icon]), [
      ['cluster:named:dev', 'dev', 'pass'],
      ['cluster:named:prod', 'prod', 'error'],
      ['cluster:dev#loading', 'dev', 'loading~spin'],
    ]);
    assert.match(t[0].tooltip, /Marathon http:\/\/10\\\.0\\\.0\\\.1:8080 \(from the named cluster dev\)/);
    // every item id of one cluster is apart from the other's
    const ids = all(t).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(t[1].description, 'cannot read Marathon');
    const step = t[1].children!.find((n) => n.contextValue === CONTEXT_VALUES.nextStep)!;
    assert.equal(step.label, 'Set cluster credentials');
    assert.deepEqual(step.command, { command: COMMANDS.setClusterCredentials, title: 'Set cluster credentials', arguments: ['prod'] });
    // the app item's Scale names its cluster
    assert.equal(find(t, (n) => n.id === 'cluster:named:dev/app').label, '/sysdig-agent');
  });
});
