/**
 * Cluster coverage: which Mesos node the Sysdig agent watches, from what Mesos and Marathon said. Pure (no I/O, no
 * vscode): `sysdig-mesos status` prints it, and the editor's view (issue 13 §1) is to draw the same object — one item
 * per node with its `kind` (the icon) and `text`/`detail` (the label and tooltip), the app's summary, the failure.
 *
 * The guide's rules (../shared/docs/vendor-guide-mesos-marathon.txt): an agent must run on every Mesos agent node
 * ("agents must run on Mesos slaves in order for the tasks running on the slaves to be recognized"), on each master as
 * a host daemon, and "if a cluster node has both master and slave roles, then Sysdig Cloud Agent should not be
 * configured to run as Marathon app" there.
 */

export interface CoverageMaster {
  hostname: string;
  /** from the master's pid `master@ip:port` */
  ip?: string;
  port?: number;
  leader: boolean;
}

export interface CoverageAgent {
  /** Mesos' agent id (`…-S0`), what Marathon's tasks name as `slaveId` */
  id: string;
  hostname: string;
  /** from the agent's pid `slave(1)@ip:port` */
  ip?: string;
}

export interface CoverageTask {
  id?: string;
  host?: string;
  slaveId?: string;
  /** `TASK_RUNNING`, … (1.x; absent in 0.x, where a task with `startedAt` runs) */
  state?: string;
  /** the app version the task was started with */
  version?: string;
  stagedAt?: string;
  startedAt?: string;
  /** one per health check: `alive` from the last result */
  health?: { alive: boolean }[];
}

export interface CoverageApp {
  id: string;
  instances?: number;
  tasksRunning?: number;
  tasksHealthy?: number;
  tasksStaged?: number;
  healthChecks?: boolean;
  hostnameUnique?: boolean;
  configVersion?: string;
  tasks: CoverageTask[];
  lastTaskFailure?: { host?: string; message?: string; state?: string; taskId?: string; timestamp?: string; version?: string; slaveId?: string };
}

export interface CoverageDeployment {
  id: string;
  currentStep?: number;
  totalSteps?: number;
  currentActions: string[];
}

export interface CoverageInput {
  masters: CoverageMaster[];
  agents: CoverageAgent[];
  /** the agent app's id (canonical), whether or not it is deployed */
  appId: string;
  /** undefined: Marathon has no app of that id */
  app?: CoverageApp;
  /** the running deployments that touch the app */
  deployments?: CoverageDeployment[];
}

export type TaskHealth = 'healthy' | 'unhealthy' | 'unknown' | 'no-checks';

export interface TaskView {
  id: string | null;
  state: string;
  /** the app version it runs; `current` false when it runs an older configuration */
  version: string | null;
  current: boolean | null;
  health: TaskHealth;
  /** when it started running, else when it was staged */
  since: string | null;
}

/**
 * What a node is, for the agent:
 * - `monitored`: an agent node with a running task of the app;
 * - `starting`: an agent node whose task of the app is not running (yet): staged, starting, killing;
 * - `not-monitored`: an agent node without a task of the app;
 * - `master-agent-app`: master and agent, and the app runs there — the guide says it must not;
 * - `master-agent`: master and agent without the app's task: the agent belongs there as a host daemon;
 * - `master`: a master only; its agent is a host daemon, which Mesos and Marathon do not show.
 */
export type NodeKind = 'monitored' | 'starting' | 'not-monitored' | 'master-agent-app' | 'master-agent' | 'master';

export interface NodeCoverage {
  hostname: string;
  ip: string | null;
  agentId: string | null;
  master: boolean;
  leader: boolean;
  agent: boolean;
  kind: NodeKind;
  /** the app's tasks on this node */
  tasks: TaskView[];
  /** one line: the label */
  text: string;
  /** the next step or the guide's warning, when there is one (the tooltip) */
  detail: string | null;
  /** counts toward exit 1 / a warning icon */
  problem: boolean;
}

export interface AppSummary {
  id: string;
  deployed: boolean;
  instances: number | null;
  running: number | null;
  healthy: number | null;
  staged: number | null;
  healthChecks: boolean;
  hostnameUnique: boolean;
  /** agent nodes the app should cover (agents that are not masters): the number `instances` should be */
  agentNodes: number;
  deployment: { id: string; step: number | null; totalSteps: number | null; actions: string[] } | null;
  lastTaskFailure: CoverageApp['lastTaskFailure'] | null;
  /** tasks on a host that Mesos does not list as an agent (a stale Marathon, another cluster) */
  strayTasks: TaskView[];
  text: string;
}

export interface ClusterCoverage {
  nodes: NodeCoverage[];
  app: AppSummary;
  /** no node is a problem */
  ok: boolean;
  counts: { agents: number; monitored: number; notMonitored: number; masterAgentApp: number; masters: number };
}

const norm = (s: string | undefined | null): string => (s ?? '').trim().toLowerCase().replace(/^\[|\]$/g, '');

/** Running as Mesos says it; a 0.x task has no `state` and runs once it has `startedAt`. */
function isRunning(t: CoverageTask): boolean {
  return t.state !== undefined ? t.state === 'TASK_RUNNING' : !!t.startedAt;
}

function healthOf(t: CoverageTask, checks: boolean): TaskHealth {
  if (!checks) return 'no-checks';
  if (!t.health || t.health.length === 0) return 'unknown';
  return t.health.every((h) => h.alive) ? 'healthy' : 'unhealthy';
}

function view(t: CoverageTask, app: CoverageApp): TaskView {
  const state = t.state ?? (t.startedAt ? 'TASK_RUNNING' : 'TASK_STAGING');
  return {
    id: t.id ?? null,
    state,
    version: t.version ?? null,
    current: t.version && app.configVersion ? t.version >= app.configVersion : null,
    health: healthOf(t, app.healthChecks === true),
    since: t.startedAt ?? t.stagedAt ?? null,
  };
}

export function taskText(t: TaskView): string {
  const parts = [t.state.replace(/^TASK_/, '').toLowerCase()];
  if (t.health !== 'no-checks') parts.push(t.health);
  if (t.version) parts.push(`version ${t.version}${t.current === false ? ' (old configuration)' : ''}`);
  if (t.since) parts.push(`since ${t.since}`);
  return parts.join(', ');
}

/** 127.0.0.0/8 and ::1 (a pid's IP as Mesos prints it) */
function isLoopback(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || /^(\[)?::1(\])?$/.test(ip) || /^::ffff:127\./i.test(ip);
}

export function buildCoverage(input: CoverageInput): ClusterCoverage {
  const app = input.app;
  const masterKeys = new Map<string, CoverageMaster>();
  for (const m of input.masters) {
    for (const k of [m.hostname, m.ip]) if (norm(k)) masterKeys.set(norm(k), m);
  }
  // A node is both master and agent when the agent's hostname is the master's (or its IP), or the agent's pid IP is the
  // master's: two Mesos processes on one machine have one IP and different ports (master@IP:5050, slave(1)@IP:5051), so
  // the IP, not ip:port, tells the machine. Except a loopback IP: it is every machine's own address, so it tells no
  // machine apart — there the hostname decides. A single-box cluster bound to 127.0.0.1 still matches by it: master and
  // agent both take their hostname from the IP they bind when no --hostname is given (Mesos 1.11.0 src/master/master.cpp
  // and src/slave/slave.cpp: `net::getHostname(self().address.ip)`, or the IP itself with --no-hostname_lookup).
  const masterOf = (a: CoverageAgent) => masterKeys.get(norm(a.hostname)) ?? (a.ip && !isLoopback(a.ip) ? masterKeys.get(norm(a.ip)) : undefined);

  // A task belongs to the agent Marathon names (slaveId); without one (0.x, a seeded answer), to the agent whose
  // hostname or IP is the task's host.
  const byAgent = new Map<string, CoverageTask[]>();
  const stray: CoverageTask[] = [];
  const agentById = new Map(input.agents.map((a) => [a.id, a]));
  const agentByHost = new Map<string, CoverageAgent>();
  for (const a of input.agents) {
    agentByHost.set(norm(a.hostname), a);
    if (a.ip && !agentByHost.has(norm(a.ip))) agentByHost.set(norm(a.ip), a);
  }
  for (const t of app?.tasks ?? []) {
    const a = (t.slaveId ? agentById.get(t.slaveId) : undefined) ?? agentByHost.get(norm(t.host));
    if (!a) stray.push(t);
    else {
      // pushed, not copied: a hostile answer with every task on one agent stays linear
      const list = byAgent.get(a.id);
      if (list) list.push(t);
      else byAgent.set(a.id, [t]);
    }
  }

  // the agent nodes the app should cover (agents that are not masters), counted once
  const toCover = input.agents.filter((x) => !masterOf(x)).length;
  const nodes: NodeCoverage[] = [];
  const usedMasters = new Set<CoverageMaster>();
  for (const a of input.agents) {
    const m = masterOf(a);
    if (m) usedMasters.add(m);
    const tasks = (byAgent.get(a.id) ?? []).map((t) => (app ? view(t, app) : undefined)).filter((t): t is TaskView => !!t);
    const running = (byAgent.get(a.id) ?? []).some(isRunning);
    let kind: NodeKind;
    let text: string;
    let detail: string | null = null;
    if (m && tasks.length > 0) {
      kind = 'master-agent-app';
      text = `master${m.leader ? ' (leader)' : ''} and agent, agent task ${tasks.map(taskText).join('; ')}`;
      detail = `the agent app runs on a node that is both Mesos master and agent: the guide says the agent must not run as a Marathon app there — add ["hostname","UNLIKE","${a.hostname}"] to the app's constraints and run the agent there as a host daemon`;
    } else if (m) {
      kind = 'master-agent';
      text = `master${m.leader ? ' (leader)' : ''} and agent: the agent belongs here as a host daemon, not as the Marathon app`;
    } else if (tasks.length === 0) {
      kind = 'not-monitored';
      text = 'not monitored: no agent task';
      const f = app?.lastTaskFailure;
      // the app's last failure happened here: the likeliest reason this node has no task
      const failedHere = f && ((f.slaveId && f.slaveId === a.id) || (f.host && (norm(f.host) === norm(a.hostname) || norm(f.host) === norm(a.ip))));
      detail = !app
        ? `${input.appId} is not deployed in Marathon: deploy it (sysdig-mesos deploy sysdig.json)`
        : failedHere
          ? `the app's last task failed here: ${failureText(f)} — fix what the message says, then Marathon relaunches it`
          : app.instances !== undefined && app.instances < toCover
          ? `${app.id} has ${app.instances} instance(s) for ${toCover} agent node(s): set instances to the number of agent nodes`
          : `no task of ${app.id} on this node: look at the app's last task failure and Marathon's queue (offers declined?)`;
    } else if (running) {
      kind = 'monitored';
      text = `agent task ${tasks.map(taskText).join('; ')}`;
    } else {
      kind = 'starting';
      text = `agent task ${tasks.map(taskText).join('; ')}`;
      detail = 'the task is not running yet: the node is not monitored until it is';
    }
    nodes.push({ hostname: a.hostname, ip: a.ip ?? null, agentId: a.id, master: !!m, leader: !!m?.leader, agent: true, kind, tasks, text, detail, problem: kind === 'not-monitored' || kind === 'master-agent-app' });
  }
  for (const m of input.masters) {
    if (usedMasters.has(m)) continue;
    nodes.unshift({
      hostname: m.hostname,
      ip: m.ip ?? null,
      agentId: null,
      master: true,
      leader: m.leader,
      agent: false,
      kind: 'master',
      tasks: [],
      text: `master${m.leader ? ' (leader)' : ''}: the agent runs here as a host daemon (Mesos and Marathon do not show it)`,
      detail: null,
      problem: false,
    });
  }
  // masters first (leader first), then agents by hostname: a stable order for the text and the view
  nodes.sort((x, y) => Number(y.master && !y.agent) - Number(x.master && !x.agent) || Number(y.leader) - Number(x.leader) || x.hostname.localeCompare(y.hostname));

  const agentNodes = nodes.filter((n) => n.agent && !n.master).length;
  const dep = (input.deployments ?? [])[0];
  const summary: AppSummary = {
    id: app?.id ?? input.appId,
    deployed: !!app,
    instances: app?.instances ?? null,
    running: app?.tasksRunning ?? (app ? app.tasks.filter(isRunning).length : null),
    healthy: app?.tasksHealthy ?? null,
    staged: app?.tasksStaged ?? null,
    healthChecks: app?.healthChecks === true,
    hostnameUnique: app?.hostnameUnique === true,
    agentNodes,
    deployment: dep ? { id: dep.id, step: dep.currentStep ?? null, totalSteps: dep.totalSteps ?? null, actions: dep.currentActions } : null,
    lastTaskFailure: app?.lastTaskFailure ?? null,
    strayTasks: app ? stray.map((t) => view(t, app)) : [],
    text: '',
  };
  summary.text = appText(summary);
  const count = (k: NodeKind) => nodes.filter((n) => n.kind === k).length;
  return {
    nodes,
    app: summary,
    ok: !nodes.some((n) => n.problem),
    counts: { agents: nodes.filter((n) => n.agent).length, monitored: count('monitored'), notMonitored: count('not-monitored'), masterAgentApp: count('master-agent-app'), masters: nodes.filter((n) => n.master).length },
  };
}

function appText(s: AppSummary): string {
  if (!s.deployed) return `${s.id}: not deployed in Marathon`;
  const parts = [`instances ${s.instances ?? '?'}`, `running ${s.running ?? '?'}`];
  if (s.healthChecks) parts.push(`healthy ${s.healthy ?? '?'}`);
  if (s.staged) parts.push(`staged ${s.staged}`);
  let out = `${s.id}: ${parts.join(', ')}`;
  if (s.instances !== null && s.instances !== s.agentNodes) out += ` — ${s.agentNodes} agent node(s)${s.hostnameUnique ? `: set instances to ${s.agentNodes}` : ''}`;
  if (s.deployment) out += `; deployment ${s.deployment.id}${s.deployment.step !== null ? ` step ${s.deployment.step}/${s.deployment.totalSteps ?? '?'}` : ''}${s.deployment.actions.length ? ` (${s.deployment.actions.join(', ')})` : ''}`;
  if (s.strayTasks.length) out += `; ${s.strayTasks.length} task(s) on hosts Mesos does not list as agents`;
  return out;
}

export function failureText(f: NonNullable<AppSummary['lastTaskFailure']>): string {
  return `${f.state ?? 'failed'}${f.host ? ` on ${f.host}` : ''}${f.timestamp ? ` at ${f.timestamp}` : ''}: ${f.message || '(no message)'}`;
}
