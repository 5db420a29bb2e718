// The "Sysdig on Mesos" view's tree as plain data (issue 13 §1): from what is known of each cluster — the
// `sysdig-mesos/clusterStatus` answer, or why there is none — to items with a label, a description, a markdown tooltip,
// a codicon and a contextValue. No `vscode` here: cluster-view.ts only turns these into TreeItems, and the tests read
// them under Node. Times are relative to an injected `now`.
import type { ClusterCoverageView, ClusterStatusResult } from '../../server/src/lsp/constants';
import { COMMANDS, SECTION } from './ids';
import { CONTEXT_VALUES } from './view-ids';

export interface TreeCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

export interface TreeNode {
  /** stable across refreshes (keeps what the person expanded) */
  id: string;
  label: string;
  description?: string;
  /** markdown, values escaped */
  tooltip: string;
  /** a codicon id (`pass`, `warning`, `error`, `loading~spin`, …) */
  icon: string;
  /** a theme colour id for the icon */
  iconColor?: string;
  contextValue: string;
  command?: TreeCommand;
  children?: TreeNode[];
  /** with children: shown expanded at first */
  expanded?: boolean;
  /** the app item when "Scale to the number of agents" applies: what the action sends */
  scale?: ScaleTarget;
  /** a task item: what "Show task log" needs to find the task's sandbox */
  task?: TaskRef;
}

export interface ScaleTarget {
  cluster: string;
  appId: string;
  from: number;
  to: number;
}

export interface TaskRef {
  cluster: string;
  taskId: string | null;
  agentId: string | null;
  hostname: string;
  /** the app's last task failure: its stderr says why, so the log opens on stderr */
  failed?: boolean;
}

/** What the view knows of one cluster. */
export type ClusterState =
  /** the first read is under way */
  | { kind: 'loading' }
  /** the request's answer (status, unconfigured or failed), read at `at` (ms since the epoch) */
  | { kind: 'answer'; result: ClusterStatusResult; at: number }
  /** the request itself failed (the language server is not running, a bug): the message, and the log */
  | { kind: 'error'; message: string };

export interface ClusterEntry {
  /** the cluster's name: a named cluster's (issue 13 §2), or the workspace's dragent.yaml (relative path) */
  name: string;
  /** a named cluster (`.sysdig-mesos.json` or the setting): its credentials are set by name, it has no dragent.yaml */
  named?: boolean;
  /** the dragent.yaml the cluster comes from: items that say "open it" open this */
  configUri?: string;
  /** the agent app file read with it (a usage failure in it opens it) */
  appUri?: string;
  state: ClusterState;
}

export interface TreeInput {
  /** false: Restricted Mode — nothing is read, one item asks for trust */
  trusted: boolean;
  /** empty: no dragent.yaml in the workspace and no Marathon in the settings */
  clusters: ClusterEntry[];
}

const COLORS = {
  pass: 'testing.iconPassed',
  warning: 'problemsWarningIcon.foreground',
  error: 'problemsErrorIcon.foreground',
  info: 'problemsInfoIcon.foreground',
} as const;

/** Markdown-escaped text: what Mesos and Marathon answered is shown, never interpreted (no links, no HTML). */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", "3 months ago", "11 years ago" — from an ISO time and `now` (ms); unparseable: the text itself. */
export function relativeTime(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = Math.round((now - t) / 1000);
  // a cluster clock ahead of ours says "just now", not "in 3 s"
  if (s < 45) return 'just now';
  if (s < 90) return '1 min ago';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 60) return d === 1 ? '1 day ago' : `${d} days ago`;
  if (d < 730) return `${Math.round(d / 30.44)} months ago`;
  return `${Math.round(d / 365.25)} years ago`;
}

/** The tree: Restricted Mode and "no cluster" are single items; otherwise one item per cluster. */
export function clusterTree(input: TreeInput, now: number): TreeNode[] {
  if (!input.trusted) {
    return [
      {
        id: 'restricted',
        label: 'Trust this workspace to read the cluster',
        tooltip: 'Restricted Mode: the view reads Mesos and Marathon with the credentials in this workspace\'s files, so it needs a trusted workspace. Click to manage Workspace Trust.',
        icon: 'shield',
        iconColor: COLORS.warning,
        contextValue: CONTEXT_VALUES.message,
        command: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
      },
    ];
  }
  if (input.clusters.length === 0) return [noCluster()];
  return input.clusters.map((c) => clusterNode(c, now));
}

function noCluster(): TreeNode {
  return {
    id: 'no-cluster',
    label: 'No cluster configured',
    description: 'no dragent.yaml in this workspace',
    tooltip:
      'The view reads the cluster the agent\'s **dragent\\.yaml** names: create one with `mesos_state_uri` and `marathon_uris` (completion offers the keys), or name your file in the setting `sysdig-mesos.files.dragent`. Click to open the setting.',
    icon: 'gear',
    contextValue: CONTEXT_VALUES.message,
    command: { command: 'workbench.action.openSettings', title: 'Open the setting', arguments: [`${SECTION}.files.dragent`] },
  };
}

function openConfig(c: ClusterEntry, title: string): TreeCommand | undefined {
  return c.configUri ? { command: 'vscode.open', title, arguments: [c.configUri] } : undefined;
}

function clusterNode(c: ClusterEntry, now: number): TreeNode {
  // a named cluster's id apart: a name may equal a dragent.yaml's relative path
  const id = c.named ? `cluster:named:${c.name}` : `cluster:${c.name}`;
  const base = { id, label: c.name, contextValue: CONTEXT_VALUES.cluster, expanded: true };
  const s = c.state;
  // an id of its own: VS Code keeps an item's collapsible state by id, and the answer's item must open expanded
  if (s.kind === 'loading') return { ...base, id: `${id}#loading`, description: 'reading the cluster…', tooltip: `Reading Mesos and Marathon as **${md(c.name)}** names them…`, icon: 'loading~spin' };
  if (s.kind === 'error') {
    return {
      ...base,
      description: 'could not be read',
      tooltip: `The view could not ask for the cluster: ${md(s.message)}`,
      icon: 'error',
      iconColor: COLORS.error,
      children: [
        message(`${id}/error`, s.message, 'error', COLORS.error),
        nextStep(`${id}/next`, 'Show the log', `The log says more about what failed.`, { command: COMMANDS.showOutput, title: 'Show the log' }),
      ],
    };
  }
  const r = s.result;
  if (r.kind === 'unconfigured') {
    return {
      ...base,
      description: 'no cluster configured',
      tooltip: `${md(r.message)}. Add \`mesos_state_uri\` (the Mesos master, e.g. http://10.0.0.1:5050) and \`marathon_uris\` to the agent's dragent\\.yaml. Click to open it.`,
      icon: 'gear',
      contextValue: CONTEXT_VALUES.cluster,
      command: openConfig(c, 'Open dragent.yaml') ?? { command: 'workbench.action.openSettings', title: 'Open the setting', arguments: [`${SECTION}.files.dragent`] },
      expanded: undefined,
    };
  }
  if (r.kind === 'failed') return failedNode(c, r, base);
  return statusNode(c, r, base, s.at, now);
}

function message(id: string, text: string, icon: string, iconColor?: string): TreeNode {
  return { id, label: text, tooltip: md(text), icon, iconColor, contextValue: CONTEXT_VALUES.message };
}

function nextStep(id: string, label: string, why: string, command: TreeCommand | undefined): TreeNode {
  return { id, label, description: 'next step', tooltip: `${md(why)}${command ? ' Click to do it.' : ''}`, icon: 'lightbulb', contextValue: CONTEXT_VALUES.nextStep, command };
}

const SERVICE = { mesos: 'Mesos', marathon: 'Marathon' } as const;

/** A cluster that could not be read: the reason in one line, and the next step as an item that does it. */
function failedNode(c: ClusterEntry, r: Extract<ClusterStatusResult, { kind: 'failed' }>, base: Pick<TreeNode, 'id' | 'label' | 'contextValue' | 'expanded'>): TreeNode {
  const what = r.service ? SERVICE[r.service] : 'the cluster';
  const check = r.service === 'marathon' ? COMMANDS.checkMarathon : COMMANDS.checkMesos;
  const checkTitle = `Check ${r.service === 'marathon' ? 'Marathon' : 'Mesos'} connectivity`;
  let step: TreeNode;
  if (r.reason === 'unauthorized' && c.named) {
    step = nextStep(`${base.id}/next`, 'Set cluster credentials', `${what} refused the credentials: store this cluster's (VS Code's secret storage, by the name ${c.name}).`, {
      command: COMMANDS.setClusterCredentials,
      title: 'Set cluster credentials',
      arguments: [c.name],
    });
  } else if (r.reason === 'unauthorized' && r.service === 'marathon') {
    step = nextStep(`${base.id}/next`, 'Set Marathon credentials', 'Marathon refused the credentials: store yours (VS Code\'s secret storage), or set marathon_user/marathon_password in dragent.yaml.', {
      command: COMMANDS.setMarathonCredentials,
      title: 'Set Marathon credentials',
    });
  } else if (r.reason === 'usage' && r.file === 'app' && c.appUri) {
    step = nextStep(`${base.id}/next`, 'Open the agent app', 'The agent app file cannot be used as it is: correct it.', { command: 'vscode.open', title: 'Open the agent app', arguments: [c.appUri] });
  } else if (r.reason === 'unauthorized' || r.reason === 'usage') {
    const why = r.reason === 'usage' ? 'A value in dragent.yaml cannot be used: correct it.' : 'Mesos refused the credentials: set mesos_user/mesos_password (or user:password@ in mesos_state_uri) in dragent.yaml.';
    step = nextStep(`${base.id}/next`, c.configUri ? 'Open dragent.yaml' : 'Show the log', why, openConfig(c, 'Open dragent.yaml') ?? { command: COMMANDS.showOutput, title: 'Show the log' });
  } else {
    step = nextStep(`${base.id}/next`, checkTitle, `${what} did not answer as it should: the check says which part fails (address, credentials, leader) and marks the line in dragent.yaml.`, {
      command: check,
      title: checkTitle,
      arguments: c.configUri ? [c.configUri] : [],
    });
  }
  return {
    ...base,
    description: `cannot read ${what}`,
    tooltip: `**${md(c.name)}**: cannot read ${md(what)}\n\n${md(r.message)}`,
    icon: 'error',
    iconColor: COLORS.error,
    children: [message(`${base.id}/reason`, r.message, 'error', COLORS.error), step],
  };
}

type Coverage = ClusterCoverageView;
type CNode = Coverage['nodes'][number];
type Task = CNode['tasks'][number];

const KIND_ICON: Record<CNode['kind'], { icon: string; color?: string }> = {
  monitored: { icon: 'pass', color: COLORS.pass },
  starting: { icon: 'loading~spin' },
  'not-monitored': { icon: 'warning', color: COLORS.warning },
  'master-agent-app': { icon: 'error', color: COLORS.error },
  'master-agent': { icon: 'info', color: COLORS.info },
  master: { icon: 'server' },
};

function stateWord(t: Task): string {
  return t.state.replace(/^TASK_/, '').toLowerCase();
}

/** "running · healthy · version 2026-… · 5 min ago" */
function taskLine(t: Task, now: number): string {
  const parts = [stateWord(t)];
  if (t.health !== 'no-checks') parts.push(t.health === 'unknown' ? 'health unknown' : t.health);
  if (t.version) parts.push(`version ${t.version}${t.current === false ? ' (old configuration)' : ''}`);
  if (t.since) parts.push(relativeTime(t.since, now));
  return parts.join(' · ');
}

function taskTooltip(t: Task, now: number): string {
  const lines = [`**Task** ${md(t.id ?? '(no id)')}`, `State: ${md(t.state)}`];
  if (t.health !== 'no-checks') lines.push(`Health: ${md(t.health)}`);
  if (t.version) lines.push(`Version: ${md(t.version)}${t.current === false ? ' — an older configuration than the app\'s' : ''}`);
  if (t.since) lines.push(`Since: ${md(t.since)} (${relativeTime(t.since, now)})`);
  return lines.join('  \n');
}

function taskNode(cluster: string, parent: string, n: { hostname: string; agentId: string | null }, t: Task, i: number, now: number): TreeNode {
  const healthBad = t.health === 'unhealthy';
  return {
    id: `${parent}/task:${t.id ?? i}`,
    label: t.id ?? 'task',
    description: taskLine(t, now),
    tooltip: taskTooltip(t, now),
    icon: t.state === 'TASK_RUNNING' ? (healthBad ? 'warning' : 'pulse') : 'loading~spin',
    iconColor: healthBad ? COLORS.warning : undefined,
    contextValue: CONTEXT_VALUES.task,
    task: { cluster, taskId: t.id, agentId: n.agentId, hostname: n.hostname },
  };
}

function nodeDescription(n: CNode, now: number): string {
  switch (n.kind) {
    case 'monitored':
    case 'starting':
      return n.tasks.map((t) => taskLine(t, now)).join('; ');
    case 'not-monitored':
      return 'not monitored: no agent task';
    case 'master-agent-app':
      return `master${n.leader ? ' (leader)' : ''} and agent — the agent app must not run here`;
    case 'master-agent':
      return `master${n.leader ? ' (leader)' : ''} and agent — agent as a host daemon`;
    case 'master':
      return n.leader ? 'leader' : 'master';
  }
}

function nodeTooltip(n: CNode, now: number): string {
  const head = `**${md(n.hostname)}**${n.ip && n.ip !== n.hostname ? ` (${md(n.ip)})` : ''}`;
  const roles = [n.master ? `Mesos master${n.leader ? ' (leader)' : ''}` : '', n.agent ? 'Mesos agent' : ''].filter(Boolean).join(' and ');
  const parts = [`${head} — ${roles}`, md(n.text)];
  if (n.detail) parts.push(`${n.kind === 'master-agent-app' ? '**The guide:** ' : '**Next:** '}${md(n.detail)}`);
  for (const t of n.tasks) parts.push(taskTooltip(t, now));
  return parts.join('\n\n');
}

function agentNode(cluster: string, parent: string, n: CNode, now: number): TreeNode {
  const id = `${parent}/node:${n.hostname}`;
  const { icon, color } = KIND_ICON[n.kind];
  return {
    id,
    label: n.hostname,
    description: nodeDescription(n, now),
    tooltip: nodeTooltip(n, now),
    icon,
    iconColor: color,
    contextValue: CONTEXT_VALUES.agentNode,
    children: n.tasks.length ? n.tasks.map((t, i) => taskNode(cluster, id, n, t, i, now)) : undefined,
    expanded: false,
  };
}

function masterNode(parent: string, n: CNode, now: number): TreeNode {
  return {
    id: `${parent}/master:${n.hostname}`,
    label: n.hostname,
    description: [n.leader ? 'leader' : 'standby', n.agent ? 'also an agent' : ''].filter(Boolean).join(' · '),
    tooltip: nodeTooltip(n, now),
    icon: n.leader ? 'star-full' : 'server',
    contextValue: CONTEXT_VALUES.master,
  };
}

function appNode(cluster: string, parent: string, cov: Coverage, now: number): TreeNode {
  const a = cov.app;
  const id = `${parent}/app`;
  if (!a.deployed) {
    return {
      id,
      label: a.id,
      description: 'not deployed in Marathon',
      tooltip: `**${md(a.id)}** is not deployed in Marathon: no agent node is monitored by it. Deploy the app (the Deploy action of this view).`,
      icon: 'package',
      iconColor: COLORS.warning,
      contextValue: CONTEXT_VALUES.app,
    };
  }
  const counts = [`instances ${a.instances ?? '?'}`, `running ${a.running ?? '?'}`];
  if (a.healthChecks) counts.push(`healthy ${a.healthy ?? '?'}`);
  if (a.staged) counts.push(`staged ${a.staged}`);
  const mismatch = a.instances !== null && a.instances !== a.agentNodes;
  const scalable = mismatch && a.hostnameUnique && a.agentNodes > 0 && a.instances !== null;
  const tip = [`**Marathon app** ${md(a.id)}`, md(counts.join(', '))];
  if (mismatch) {
    tip.push(
      a.hostnameUnique
        ? `${a.instances} instance(s) for ${a.agentNodes} agent node(s): **Scale to the number of agents** sets instances to ${a.agentNodes}.`
        : `${a.instances} instance(s) for ${a.agentNodes} agent node(s); the app has no \`["hostname","UNIQUE"]\` constraint, so more instances would not mean one per node: add it first.`,
    );
  }
  if (a.strayTasks.length) tip.push(`${a.strayTasks.length} task(s) on hosts Mesos does not list as agents (a stale Marathon, another cluster).`);
  const children: TreeNode[] = [];
  if (a.deployment) {
    const d = a.deployment;
    const step = d.step !== null ? `step ${d.step}/${d.totalSteps ?? '?'}` : 'running';
    children.push({
      id: `${id}/deployment`,
      label: `Deployment ${d.id}`,
      description: `${step}${d.actions.length ? `: ${d.actions.join(', ')}` : ''}`,
      tooltip: `**Deployment** ${md(d.id)} — ${md(step)}${d.actions.length ? `, current actions: ${md(d.actions.join(', '))}` : ''}`,
      icon: 'sync~spin',
      contextValue: CONTEXT_VALUES.deployment,
    });
  }
  a.strayTasks.forEach((t, i) => children.push({ ...taskNode(cluster, `${id}/stray`, { hostname: '?', agentId: null }, t, i, now), tooltip: `${taskTooltip(t, now)}  \nOn a host Mesos does not list as an agent.` }));
  return {
    id,
    label: a.id,
    description: `${counts.join(' · ')}${mismatch ? ` — ${a.agentNodes} agent node(s)` : ''}`,
    tooltip: tip.join('\n\n'),
    icon: 'package',
    iconColor: mismatch ? COLORS.warning : undefined,
    contextValue: scalable ? CONTEXT_VALUES.appScalable : CONTEXT_VALUES.app,
    scale: scalable ? { cluster, appId: a.id, from: a.instances as number, to: a.agentNodes } : undefined,
    children: children.length ? children : undefined,
    expanded: true,
  };
}

function failureNode(cluster: string, parent: string, f: NonNullable<Coverage['app']['lastTaskFailure']>, now: number): TreeNode {
  const when = f.timestamp ? relativeTime(f.timestamp, now) : '';
  const where = f.host ? ` on ${f.host}` : '';
  return {
    id: `${parent}/last-failure`,
    label: 'Last task failure',
    description: `${f.message || '(no message)'}${where ? ` —${where}` : ''}${when ? `, ${when}` : ''}`,
    tooltip: [
      `**Last task failure**: ${md(f.state ?? 'failed')}${md(where)}`,
      f.timestamp ? `At ${md(f.timestamp)} (${when})` : '',
      f.taskId ? `Task ${md(f.taskId)}${f.version ? `, version ${md(f.version)}` : ''}` : '',
      md(f.message || '(no message)'),
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: 'error',
    iconColor: COLORS.error,
    // its task's sandbox is on the agent Marathon names (slaveId) until the agent garbage-collects it
    ...(f.taskId && f.slaveId
      ? { contextValue: CONTEXT_VALUES.failureWithLog, task: { cluster, taskId: f.taskId, agentId: f.slaveId, hostname: f.host ?? '', failed: true } }
      : { contextValue: CONTEXT_VALUES.failure }),
  };
}

function statusNode(c: ClusterEntry, r: Extract<ClusterStatusResult, { kind: 'status' }>, base: Pick<TreeNode, 'id' | 'label' | 'contextValue' | 'expanded'>, at: number, now: number): TreeNode {
  const cov = r.coverage;
  const id = base.id;
  const masters = cov.nodes.filter((n) => n.master);
  const agents = cov.nodes.filter((n) => n.agent);
  const k = cov.counts;
  const summary = [`${k.agents} agent node(s)`, `${k.monitored} monitored`];
  if (k.notMonitored) summary.push(`${k.notMonitored} not monitored`);
  if (k.masterAgentApp) summary.push(`${k.masterAgentApp} master+agent running the app`);
  const children: TreeNode[] = [];
  const leader = masters.find((m) => m.leader);
  children.push({
    id: `${id}/masters`,
    label: 'Mesos masters',
    description: `${masters.length}${leader ? `, leader ${leader.hostname}` : ''}`,
    tooltip: `Mesos ${md(r.mesos.uri)}${r.mesos.version ? ` (version ${md(r.mesos.version)})` : ''}${r.mesos.leader ? `, leader ${md(r.mesos.leader)}` : ''}. The agent runs on a master as a host daemon, which Mesos and Marathon do not show.`,
    icon: 'server-environment',
    contextValue: CONTEXT_VALUES.group,
    children: masters.map((n) => masterNode(`${id}/masters`, n, now)),
    expanded: true,
  });
  const worst = agents.some((n) => n.kind === 'master-agent-app') ? 'error' : agents.some((n) => n.kind === 'not-monitored') ? 'warning' : agents.length ? 'pass' : 'info';
  children.push({
    id: `${id}/agents`,
    label: 'Agent nodes',
    description: `${k.monitored} of ${agents.filter((n) => !n.master).length} monitored`,
    tooltip: `The Mesos agent nodes and the agent app's task on each. ${md(summary.join(', '))}.`,
    icon: worst,
    iconColor: COLORS[worst],
    contextValue: CONTEXT_VALUES.group,
    children: agents.map((n) => agentNode(c.name, `${id}/agents`, n, now)),
    expanded: true,
  });
  children.push(appNode(c.name, id, cov, now));
  if (cov.app.lastTaskFailure) children.push(failureNode(c.name, id, cov.app.lastTaskFailure, now));
  const source = r.marathon.source === 'setting' ? 'the sysdig-mesos.deploy.marathonUri setting' : r.marathon.source === 'config' ? 'dragent.yaml' : r.marathon.source === 'cluster' ? `the named cluster ${c.name}` : "the guide's default";
  return {
    ...base,
    description: summary.join(' · '),
    tooltip: [
      `**${md(c.name)}**`,
      `Mesos ${md(r.mesos.uri)}${r.mesos.leader ? ` — leader ${md(r.mesos.leader)}` : ''}`,
      `Marathon ${md(r.marathon.uri)} (from ${md(source)})`,
      `App ${md(cov.app.id)}${r.appFile ? ` (from ${md(r.appFile)})` : ' (the guide\'s id: no app file in the workspace)'}`,
      `Read ${relativeTime(new Date(at).toISOString(), now)}`,
    ].join('\n\n'),
    icon: cov.ok ? 'pass' : 'warning',
    iconColor: cov.ok ? COLORS.pass : COLORS.warning,
    children,
  };
}
