import { randomUUID } from 'node:crypto';
import { corpusJson } from './common';
import { atLeast, reasonFunnel, type MarathonProfile } from './marathon-profile';
import { canonical, readBody, validateApp, type Reply } from './marathon-validation';
import { agentFor, declineReasons, DEFAULT_AGENT_HOSTS, offerJson, type Agent } from './marathon-placement';
import { assignServicePorts, servicePorts } from './marathon-ports';
import { instancesToStartNow, newDeployment, nextVersionInfo, planActions, restartStrategy, type Deployment } from './marathon-deployment';

export { canonical, type Reply } from './marathon-validation';
export type { Agent } from './marathon-placement';

/**
 * The fake Marathon's app store: apps as Marathon stores them (known fields only, defaults, versionInfo),
 * tasks on agents, the launch queue with its offer statistics, and deployments that advance one tick at a
 * time on a clock the test drives (`advance()`, or one tick per `GET /v2/deployments` with `clock: 'per-poll'`).
 * Payload templates come from corpus/marathon-api/ (read in place).
 *
 * Citations: `AR` = src/main/scala/mesosphere/marathon/api/v2/AppsResource.scala, `DR` = …/api/v2/DeploymentsResource.scala,
 * at the tag named (v0.15.7, v1.4.13, v1.5.15, v1.6.590, v1.7.236, master) of mesosphere/marathon.
 */

export type Profile = MarathonProfile;
type Obj = Record<string, any>;

export interface SeededApp {
  instances: number;
  /** hosts of its running tasks (each becomes an agent if it is not one) */
  taskHosts: string[];
  /** the app definition as it was deployed (default: the doc example's app) */
  definition?: Obj;
  /** a deployment of this app is running and never finishes (holds the app's lock) */
  stuckDeployment?: boolean;
}

export interface DeployKnobs {
  /** `manual`: only `advance()` moves deployments; `per-poll`: each GET /v2/deployments is one tick first */
  clock?: 'manual' | 'per-poll';
  /** apps (ids) whose new tasks fail as they start: lastTaskFailure and the launch back-off show */
  stuck?: string[];
  /** the post-POST race: a new deployment is missing from /v2/deployments (and the app's list) this many polls */
  hiddenPolls?: number;
  /** after a 201, GET /v2/apps/{id} answers 404 this many times (0.8.2, issue #2070) */
  app404Polls?: number;
  /** agent hostnames (each 4 cpus, 15 GiB, no attributes); default five hosts */
  agentHosts?: string[];
  /** agents in full (resources, attributes); replaces agentHosts */
  agents?: Agent[];
}

export interface Task extends Obj {
  id: string;
  appId: string;
  host: string;
  /** the config version it runs (versionInfo.lastConfigChangeAt of its app) */
  version: string;
  agent: Agent;
  phase: 'staging' | 'running' | 'killing';
  killedAtMs?: number;
}

interface LaunchQueue {
  /** instances left to launch */
  count: number;
  since: string;
  backOffUntilMs: number;
  delayMs: number;
  processedOffersCount: number;
  unusedOffersCount: number;
  lastUnusedOfferAt?: string;
  lastUsedOfferAt?: string;
  /** the last unused offer per agent: reasons and time */
  lastNoMatches: Map<string, { agent: Agent; offerId: string; reasons: string[]; timestamp: string }>;
  /** first funnel reason → count, since the launch attempt began */
  launchAttempt: Map<string, number>;
}

export interface StoredApp {
  def: Obj;
  tasks: Task[];
  lastTaskFailure?: Obj;
  notFoundPolls: number;
  failures: number;
  queue?: LaunchQueue;
}

/**
 * What 1.4's writer adds for fields not set: every field, null or empty when unset
 * (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:1179-1237; defaults AppDefinition.scala:423-479,
 * unreachableStrategy 300/600 s and killSelection YOUNGEST_FIRST from 1.4).
 */
const WRITTEN_1_4: Obj = {
  cmd: null,
  args: null,
  user: null,
  gpus: 0,
  executor: '',
  uris: [],
  fetch: [],
  storeUrls: [],
  container: null,
  readinessChecks: [],
  dependencies: [],
  ipAddress: null,
  residency: null,
  secrets: {},
  taskKillGracePeriodSeconds: null,
  unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 },
  killSelection: 'YOUNGEST_FIRST',
};
/** 1.5+'s RAML writer: the same defaults, unset optional fields left out (a real 1.5 capture: corpus responses/v2-apps.marathon-1.5.marathon-lb.json). */
const WRITTEN_1_5: Obj = { gpus: 0, executor: '', unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 }, killSelection: 'YOUNGEST_FIRST' };

/** Marathon's defaults: what a stored app has that the request did not say (§1.3; 0.15 `ports`, 1.x `portDefinitions`). */
function withDefaults(body: Obj, profile: Profile, id: string): Obj {
  const def: Obj = {
    instances: 1,
    cpus: 1,
    mem: 128,
    disk: 0,
    backoffSeconds: 1,
    backoffFactor: 1.15,
    maxLaunchDelaySeconds: 3600,
    requirePorts: false,
    upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
    constraints: [],
    env: {},
    labels: {},
    healthChecks: [],
    ...(profile === '0.15' ? { ports: [0] } : { portDefinitions: [{ port: 0, protocol: 'tcp', name: 'default' }] }),
    ...(profile === '1.4' ? WRITTEN_1_4 : {}),
    ...(atLeast(profile, '1.5') ? WRITTEN_1_5 : {}),
    ...structuredClone(body),
  };
  def.id = id;
  delete def.version;
  delete def.versionInfo;
  // a partial upgradeStrategy keeps the other default (v1.4.13 Formats.scala:915-919 readNullable…withDefault)
  def.upgradeStrategy = { minimumHealthCapacity: 1, maximumOverCapacity: 1, ...def.upgradeStrategy };
  if (def.container && !def.container.type) def.container.type = 'DOCKER';
  // 1.5+: old networking fields are accepted but no longer returned (changelog "App JSON Fields Changed or Moved")
  if (atLeast(profile, '1.5') && def.container?.docker?.network) {
    const mode: Record<string, string> = { HOST: 'host', BRIDGE: 'container/bridge', USER: 'container' };
    def.networks = [{ mode: mode[def.container.docker.network] ?? 'host' }];
    delete def.container.docker.network;
  }
  return def;
}

const LOCKED =
  "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

export class AppStore {
  readonly apps = new Map<string, StoredApp>();
  readonly deployments: Deployment[] = [];
  readonly agents: Agent[];
  /** apps a StopApplication is killing: gone from /v2/apps, their tasks still dying */
  private readonly stopping = new Map<string, StoredApp>();
  private clockMs = Date.parse('2026-01-01T00:00:00.000Z');
  private readonly appTemplate: Obj;
  private readonly taskTemplate: Obj;
  private readonly deploymentTemplate: Obj;

  constructor(
    readonly profile: Profile,
    readonly knobs: DeployKnobs = {},
    seeded: Record<string, SeededApp> = {},
  ) {
    this.appTemplate = corpusJson('marathon-api/examples-v1.4.13/app_list.json').apps[0];
    this.taskTemplate = corpusJson('marathon-api/examples-v1.4.13/app_tasks.json').tasks[0];
    this.deploymentTemplate = profile === '0.15' ? corpusJson('marathon-api/examples-v0.15.7/deployments.json')[0] : corpusJson('marathon-api/responses/v2-deployments.starting.dcos-ui.json')[0];
    this.agents = knobs.agents ? structuredClone(knobs.agents) : (knobs.agentHosts ?? DEFAULT_AGENT_HOSTS).map(agentFor);
    for (const [id, s] of Object.entries(seeded)) {
      let def: Obj;
      if (s.definition) {
        def = withDefaults({ ...s.definition }, profile, id);
        this.assignPorts(def, undefined);
        def.version = this.appTemplate.version;
        def.versionInfo = { lastScalingAt: this.appTemplate.version, lastConfigChangeAt: this.appTemplate.version };
      } else def = { ...structuredClone(this.appTemplate), id };
      def.instances = s.instances;
      const app: StoredApp = { def, tasks: [], notFoundPolls: 0, failures: 0 };
      // seeded tasks keep the doc example's task ids and versions (what `check` reads)
      app.tasks = s.taskHosts.map((host, i) => ({
        ...structuredClone(this.taskTemplate),
        appId: id,
        host,
        id: `${id.slice(1).replace(/\//g, '_')}.${String(i).padStart(8, '0')}-4c30-11e5-98c1-be5b2935a987`,
        slaveId: null,
        version: def.versionInfo?.lastConfigChangeAt ?? def.version,
        ...(profile === '0.15' ? {} : { state: 'TASK_RUNNING' }),
        agent: this.agentOn(host),
        phase: 'running' as const,
        // what the task holds on its agent
        cpus: def.cpus ?? 1,
        mem: def.mem ?? 128,
        disk: def.disk ?? 0,
      }));
      this.apps.set(id, app);
      if (s.stuckDeployment) this.deployments.push(newDeployment(id, def.version, ['RestartApplication'], def, def, { frozen: true }));
    }
  }

  /** Service ports for the 0 ports of `def`, unique among every other app (marathon-ports.ts). */
  private assignPorts(def: Obj, old: Obj | undefined): void {
    const others = [...this.apps.entries()].filter(([id]) => id !== def.id).flatMap(([, a]) => servicePorts(this.profile, a.def));
    assignServicePorts(this.profile, def, old, others);
  }

  /** The agent with this hostname; a seeded task's host that is none becomes one. */
  private agentOn(host: string): Agent {
    let a = this.agents.find((x) => x.hostname === host);
    if (!a) this.agents.push((a = agentFor(host, this.agents.length)));
    return a;
  }

  private now(): string {
    return new Date(this.clockMs).toISOString();
  }

  /** The fake's clock: a new, later timestamp for each change. */
  private stamp(): string {
    this.clockMs += 1000;
    return this.now();
  }

  // ---- tasks and the launch queue

  private allTasks(): Task[] {
    return [...this.apps.values(), ...this.stopping.values()].flatMap((a) => a.tasks);
  }

  /** A new launch attempt (a deployment step queues instances): its offer statistics start from zero. */
  private newAttempt(app: StoredApp): void {
    app.queue = { count: app.queue?.count ?? 0, since: this.now(), backOffUntilMs: app.queue?.backOffUntilMs ?? 0, delayMs: app.queue?.delayMs ?? 0, processedOffersCount: 0, unusedOffersCount: 0, lastNoMatches: new Map(), launchAttempt: new Map() };
  }

  private enqueue(app: StoredApp, n: number): void {
    if (n <= 0) return;
    if (!app.queue) this.newAttempt(app);
    app.queue!.count += n;
  }

  private newTask(app: StoredApp, agent: Agent): Task {
    const def = app.def;
    const id = def.id as string;
    const t: Task = {
      ...structuredClone(this.taskTemplate),
      appId: id,
      host: agent.hostname,
      id: `${id.slice(1).replace(/\//g, '_')}.${randomUUID()}`,
      slaveId: agent.id,
      stagedAt: this.now(),
      startedAt: null,
      version: def.versionInfo.lastConfigChangeAt,
      agent,
      phase: 'staging',
      cpus: def.cpus,
      mem: def.mem,
      disk: def.disk,
    };
    if (this.profile !== '0.15') t.state = 'TASK_STAGING';
    delete t.healthCheckResults;
    return t;
  }

  /** One round of offers, one per agent, for every app with instances left to launch (and not backed off). */
  private offerRound(): void {
    const funnel = reasonFunnel(this.profile === '0.15' ? '1.4' : this.profile);
    for (const app of this.apps.values()) {
      const q = app.queue;
      if (!q || q.count === 0 || this.clockMs < q.backOffUntilMs) continue;
      for (const agent of this.agents) {
        if (q.count === 0) break;
        // every task of the app counts for its constraints, a killing one too until it is terminal (old and new versions alike)
        const own = app.tasks;
        const onAgent = this.allTasks().filter((t) => t.agent.id === agent.id).map((t) => ({ host: t.host, agentId: t.agent.id, cpus: t.cpus ?? 0, mem: t.mem ?? 0, disk: t.disk ?? 0 }));
        const reasons = declineReasons(app.def, agent, own, onAgent);
        q.processedOffersCount++;
        const offerId = randomUUID();
        if (reasons.length === 0) {
          app.tasks.push(this.newTask(app, agent));
          q.count--;
          q.lastUsedOfferAt = this.now();
          q.lastNoMatches.delete(agent.id);
        } else {
          q.unusedOffersCount++;
          q.lastUnusedOfferAt = this.now();
          q.lastNoMatches.set(agent.id, { agent, offerId, reasons, timestamp: this.now() });
          const first = funnel.find((r) => reasons.includes(r)) ?? reasons[0];
          q.launchAttempt.set(first, (q.launchAttempt.get(first) ?? 0) + 1);
        }
      }
    }
  }

  private replaceOf(appId: string): Deployment | undefined {
    return this.deployments.find((d) => d.appId === appId && d.replace && d.actions[d.currentStep - 1] === 'RestartApplication');
  }

  /** TaskReplaceActor.killNextOldInstance (TaskReplaceActor.scala:154-167). */
  private killNextOld(d: Deployment, app: StoredApp): void {
    const r = d.replace!;
    const id = r.toKill.shift();
    const t = id && app.tasks.find((x) => x.id === id);
    if (t) this.kill(t);
  }

  /** Asks the task to die: it is terminal from the next tick on. */
  private kill(t: Task): void {
    t.phase = 'killing';
    t.killedAtMs = this.clockMs;
    if (this.profile !== '0.15') t.state = 'TASK_KILLING';
  }

  /** Task state changes of one tick: killed tasks end, staged ones run (or fail, for a `stuck` app). */
  private taskTransitions(): void {
    for (const [id, app] of [...this.apps.entries(), ...this.stopping.entries()]) {
      const d = this.replaceOf(id);
      for (const t of [...app.tasks]) {
        if (t.phase === 'killing' && (t.killedAtMs ?? 0) < this.clockMs) {
          app.tasks.splice(app.tasks.indexOf(t), 1);
          // old instance terminal → launch more (TaskReplaceActor.scala:103-105)
          if (d?.replace?.oldIds.delete(t.id)) this.enqueue(app, instancesToStartNow(d.replace, app.def.instances));
        } else if (t.phase === 'staging') {
          if ((this.knobs.stuck ?? []).includes(id)) this.fail(app, t, d);
          else this.run(app, t, d);
        }
      }
    }
  }

  private run(app: StoredApp, t: Task, d: Deployment | undefined): void {
    t.phase = 'running';
    t.startedAt = this.now();
    if (this.profile !== '0.15') t.state = 'TASK_RUNNING';
    if (Array.isArray(app.def.healthChecks) && app.def.healthChecks.length > 0) {
      t.healthCheckResults = [{ alive: true, consecutiveFailures: 0, firstSuccess: t.startedAt, lastFailure: null, lastSuccess: t.startedAt, taskId: t.id }];
    }
    // a new instance healthy and ready → kill an old one (TaskReplaceActor.scala:127-130)
    if (d?.replace && t.version === app.def.versionInfo.lastConfigChangeAt) this.killNextOld(d, app);
  }

  /** A new instance failed: lastTaskFailure, the launch delay grows (RateLimiter: backoff × factor per failure, capped), relaunch. */
  private fail(app: StoredApp, t: Task, d: Deployment | undefined): void {
    app.tasks.splice(app.tasks.indexOf(t), 1);
    app.failures++;
    app.lastTaskFailure = {
      appId: app.def.id,
      host: t.host,
      message: 'Docker container run error: Container exited on error: exited with status 1',
      state: 'TASK_FAILED',
      taskId: t.id,
      timestamp: this.now(),
      version: app.def.versionInfo.lastConfigChangeAt,
      ...(this.profile === '0.15' ? {} : { slaveId: t.agent.id }),
    };
    const def = app.def;
    const delayMs = Math.min(def.maxLaunchDelaySeconds * 1000, app.queue?.delayMs ? app.queue.delayMs * def.backoffFactor : def.backoffSeconds * 1000);
    if (d?.replace) {
      // new instance failed → started − 1, launch again (TaskReplaceActor.scala:96-100)
      d.replace.instancesStarted--;
      this.enqueue(app, instancesToStartNow(d.replace, def.instances));
    } else this.enqueue(app, 1);
    app.queue!.delayMs = delayMs;
    app.queue!.backOffUntilMs = this.clockMs + delayMs;
  }

  // ---- deployment steps

  private running(app: StoredApp): Task[] {
    return app.tasks.filter((t) => t.phase === 'running');
  }

  /** Starts the current step: queue, kill, compute the replace strategy. */
  private initiate(d: Deployment): void {
    d.initiated = true;
    const action = d.actions[d.currentStep - 1];
    const app = this.apps.get(d.appId) ?? this.stopping.get(d.appId);
    if (!app) return;
    const target = app.def.instances as number;
    if (action === 'ScaleApplication' || action === 'RestartApplication') this.newAttempt(app);
    if (action === 'ScaleApplication') {
      const active = app.tasks.filter((t) => t.phase !== 'killing');
      if (active.length > target) active.slice(target).reverse().forEach((t) => this.kill(t));
      else this.enqueue(app, target - active.length - (app.queue?.count ?? 0));
    } else if (action === 'RestartApplication') {
      const cfg = app.def.versionInfo.lastConfigChangeAt;
      const active = app.tasks.filter((t) => t.phase !== 'killing');
      const old = active.filter((t) => t.version !== cfg);
      const s = restartStrategy(target, app.def.upgradeStrategy, active.length);
      // the launch back-off starts again for the new version (TaskReplaceActor.scala:79-81 resetDelay)
      if (app.queue) Object.assign(app.queue, { delayMs: 0, backOffUntilMs: 0 });
      d.replace = { maxCapacity: s.maxCapacity, oldIds: new Set(old.map((t) => t.id)), toKill: old.map((t) => t.id), instancesStarted: active.length - old.length };
      for (let i = 0; i < s.nrToKillImmediately; i++) this.killNextOld(d, app);
      this.enqueue(app, instancesToStartNow(d.replace, target));
    } else if (action === 'StopApplication') {
      app.tasks.forEach((t) => this.kill(t));
      if (app.queue) app.queue.count = 0;
    }
  }

  /** The current step reached its goal. */
  private stepDone(d: Deployment): boolean {
    const action = d.actions[d.currentStep - 1];
    const app = this.apps.get(d.appId) ?? this.stopping.get(d.appId);
    if (!app) return true;
    const n = app.def.instances as number;
    if (action === 'StartApplication') return true;
    if (action === 'StopApplication') return app.tasks.length === 0;
    const cfg = app.def.versionInfo.lastConfigChangeAt;
    if (action === 'ScaleApplication') return this.running(app).length === n && app.tasks.length === n;
    // TaskReplaceActor.checkFinished (TaskReplaceActor.scala:169-179)
    return this.running(app).filter((t) => t.version === cfg).length >= n && d.replace!.oldIds.size === 0;
  }

  private finish(d: Deployment): void {
    const i = this.deployments.indexOf(d);
    if (i >= 0) this.deployments.splice(i, 1);
    if (d.actions.includes('StopApplication')) this.stopping.delete(d.appId);
    const app = this.apps.get(d.appId);
    if (app?.queue && !this.deployments.some((x) => x.appId === d.appId)) app.queue.count = 0;
  }

  /** One tick: finished steps move on, new steps start, tasks change state, then a round of offers. */
  advance(ticks = 1): void {
    for (let n = 0; n < ticks; n++) {
      this.clockMs += 1000;
      for (const d of [...this.deployments]) {
        if (d.frozen) continue;
        if (!d.initiated) this.initiate(d);
        while (this.stepDone(d)) {
          if (d.currentStep >= d.actions.length) {
            this.finish(d);
            break;
          }
          d.currentStep++;
          d.replace = undefined;
          this.initiate(d);
        }
      }
      this.taskTransitions();
      this.offerRound();
    }
  }

  private visible(d: Deployment): boolean {
    return d.hiddenPolls <= 0;
  }

  // ---- HTTP-level operations (marathon-routes.ts calls these)

  /** AppInfo with counts, deployments, tasks and lastTaskFailure embedded (master AR:160-166). */
  private appBody(app: StoredApp, withTasks = true): Obj {
    const deployments = this.deployments.filter((d) => d.appId === app.def.id && this.visible(d)).map((d) => ({ id: d.id }));
    const running = this.running(app);
    const out: Obj = {
      ...structuredClone(app.def),
      tasksStaged: app.tasks.filter((t) => t.phase === 'staging').length,
      tasksRunning: running.length,
      tasksHealthy: running.filter((t) => (t.healthCheckResults ?? []).some((h: Obj) => h.alive)).length,
      tasksUnhealthy: 0,
      deployments,
    };
    // 1.4 writes the service ports twice: `ports` beside `portDefinitions` (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:1222-1237)
    if (this.profile === '1.4' && !out.ipAddress) out.ports = servicePorts(this.profile, app.def);
    if (withTasks) out.tasks = app.tasks.map((t) => this.taskJson(t));
    if (app.lastTaskFailure) out.lastTaskFailure = app.lastTaskFailure;
    return out;
  }

  private taskJson(t: Task): Obj {
    const { agent, phase, cpus, mem, disk, killedAtMs, ...rest } = t;
    void agent, phase, cpus, mem, disk, killedAtMs;
    return structuredClone(rest);
  }

  private deploymentReply(status: number, version: string, deploymentId: string, extra: Record<string, string> = {}): Reply {
    // the Marathon-Deployment-Id header exists from 1.4.0 (v1.4.0 AR:101-102; RestResource.deploymentResult)
    return { status, body: { version, deploymentId }, headers: { ...extra, ...(this.profile === '0.15' ? {} : { 'marathon-deployment-id': deploymentId }) } };
  }

  private start(d: Deployment): void {
    this.deployments.push(d);
  }

  /** POST /v2/apps (v1.4.13 AR:76-106). */
  create(contentType: string | undefined, raw: string, hostHeader: string, force: boolean): Reply {
    void force; // POST ?force=true changes nothing for a new id
    const r = readBody(this.profile, contentType, raw, 'create');
    if ('reply' in r) return r.reply;
    const id = canonical(String(r.app.id));
    const def = withDefaults(r.app, this.profile, id);
    const bad = validateApp(this.profile, def);
    if (bad) return bad;
    if (this.apps.has(id)) return { status: 409, body: { message: `An app with id [${id}] already exists.` } };
    this.assignPorts(def, undefined);
    const version = this.stamp();
    Object.assign(def, nextVersionInfo(undefined, def, version));
    const app: StoredApp = { def, tasks: [], notFoundPolls: this.knobs.app404Polls ?? 0, failures: 0 };
    this.apps.set(id, app);
    const d = newDeployment(id, version, planActions(undefined, def), undefined, def, { hiddenPolls: this.knobs.hiddenPolls });
    this.start(d);
    // counts zero, `tasks: []` through 1.7 (v1.4.13 AR:92-97, v1.5.15 :93-98, v1.7.236 :103-108); the 201 lists the
    // deployment even when /v2/deployments does not show it yet (the race)
    const body: Obj = { ...this.appBody(app, false), deployments: [{ id: d.id }], tasks: [] };
    const headers: Record<string, string> = { location: `http://${hostHeader}/v2/apps${id}` };
    if (this.profile !== '0.15') headers['marathon-deployment-id'] = d.id;
    return { status: 201, body, headers };
  }

  /**
   * PUT /v2/apps/{id} (v1.4.13 AR:190-201, :295-311, :341-378; master AR:277): the body is an AppUpdate merged
   * into the current app (`partialUpdate=true` by default; false replaces it), the result validated; a new id
   * creates the app (201 with Location). The app's version moves only when something stored changed.
   */
  update(id: string, contentType: string | undefined, raw: string, force: boolean, hostHeader = '127.0.0.1', partialUpdate = true): Reply {
    const r = readBody(this.profile, contentType, raw, 'update');
    if ('reply' in r) return r.reply;
    const existing = this.apps.get(id);
    // AppUpdate.apply: each field given replaces the stored one; versionInfo is never taken from the body (AppUpdate.scala:115-158)
    const target = withDefaults(existing && partialUpdate ? { ...structuredClone(existing.def), ...r.app } : r.app, this.profile, id);
    // validated while the new root group is computed, before the deployment manager sees the lock (v1.4.13 AR:299-302)
    const bad = validateApp(this.profile, target);
    if (bad) return bad;
    const locking = this.deployments.filter((d) => d.appId === id);
    if (existing && locking.length > 0 && !force) return { status: 409, body: { message: LOCKED, deployments: locking.map((d) => ({ id: d.id })) } };
    for (const d of locking) this.finish(d); // force: the running deployments are cancelled where they are
    // ports first, then versions: an app that asks for port 0 again gets its ports back and is unchanged (GroupManagerActor.scala v1.4.13)
    this.assignPorts(target, existing?.def);
    const version = this.stamp();
    Object.assign(target, nextVersionInfo(existing?.def, target, version));
    const actions = planActions(existing?.def, target);
    const d = newDeployment(id, version, actions, existing?.def, target, { hiddenPolls: this.knobs.hiddenPolls });
    if (existing) {
      existing.def = target;
      existing.lastTaskFailure = undefined;
    } else this.apps.set(id, { def: target, tasks: [], notFoundPolls: this.knobs.app404Polls ?? 0, failures: 0 });
    // a plan without steps (nothing stored changed) is over at once: it is never listed
    if (actions.length > 0) this.start(d);
    // PUT that creates: 201 with Location (v1.4.13 AR:303-309, master :445-452; Location resolved as for POST, inferred)
    if (!existing) return this.deploymentReply(201, version, d.id, { location: `http://${hostHeader}/v2/apps${id}` });
    return this.deploymentReply(200, version, d.id);
  }

  getApp(id: string): Reply {
    const app = this.apps.get(id);
    if (app && app.notFoundPolls > 0) {
      app.notFoundPolls--;
      return { status: 404, body: { message: `App '${id}' does not exist` } };
    }
    if (!app) return { status: 404, body: { message: `App '${id}' does not exist` } };
    return { status: 200, body: { app: this.appBody(app) } };
  }

  /** GET /v2/apps: counts and deployments always embedded, tasks only on request (v1.4.13 AR:48-62, master AR:79-98). */
  listApps(embed: string[]): Reply {
    // `apps.tasks` and the older `app.tasks` (InfoEmbedResolver, v1.4.13:src/main/scala/mesosphere/marathon/api/v2/InfoEmbedResolver.scala)
    const withTasks = embed.includes('apps.tasks') || embed.includes('app.tasks');
    return { status: 200, body: { apps: [...this.apps.values()].map((a) => this.appBody(a, withTasks)) } };
  }

  /** DELETE /v2/apps/{id}: force defaults to true here (v1.4.13 AR:236-251); the app leaves the group at once, a StopApplication kills its tasks. */
  deleteApp(id: string, force: boolean): Reply {
    const app = this.apps.get(id);
    if (!app) return { status: 404, body: { message: `App '${id}' does not exist` } };
    const locking = this.deployments.filter((d) => d.appId === id);
    if (locking.length > 0 && !force) return { status: 409, body: { message: LOCKED, deployments: locking.map((d) => ({ id: d.id })) } };
    for (const d of locking) this.finish(d);
    const version = this.stamp();
    this.apps.delete(id);
    this.stopping.set(id, app);
    const d = newDeployment(id, version, ['StopApplication'], app.def, undefined);
    this.start(d);
    return this.deploymentReply(200, version, d.id);
  }

  /** GET /v2/deployments: 0.15 steps as arrays of arrays (v0.15.7 DR:69-89); 1.x `{actions}`, affectedPods, readinessCheckResults (v1.4.13 json/Formats.scala:552-576). */
  listDeployments(): Reply {
    if (this.knobs.clock === 'per-poll') this.advance();
    const out: Obj[] = [];
    for (const d of this.deployments) {
      if (!this.visible(d)) {
        d.hiddenPolls--;
        continue;
      }
      const t = structuredClone(this.deploymentTemplate);
      const steps = d.actions.map((action) => [{ action, app: d.appId }]);
      t.id = d.id;
      t.version = d.version;
      t.affectedApps = [d.appId];
      if (this.profile !== '0.15') t.affectedPods = [];
      t.steps = this.profile === '0.15' ? steps : steps.map((actions) => ({ actions }));
      t.currentActions = [{ action: d.actions[d.currentStep - 1], app: d.appId, ...(this.profile === '0.15' ? {} : { readinessCheckResults: [] }) }];
      t.currentStep = d.currentStep;
      t.totalSteps = d.actions.length;
      out.push(t);
    }
    return { status: 200, body: out };
  }

  /**
   * GET /v2/queue: every app with instances left to launch. 0.15: app, count, delay (v0.15.7 QueueResource.scala:33-45);
   * 1.4+: since and processedOffersSummary, and lastUnusedOffers with `?embed=lastUnusedOffers`
   * (v1.4.13:src/main/scala/mesosphere/marathon/raml/QueueInfoConversion.scala:21-72).
   */
  queue(embed: string[]): Reply {
    const queue: Obj[] = [];
    const funnel = reasonFunnel(this.profile === '0.15' ? '1.4' : this.profile);
    for (const app of this.apps.values()) {
      const q = app.queue;
      // inProgress: instances left to launch, or launched ones not yet running (v1.4.13:src/main/scala/mesosphere/marathon/core/launchqueue/impl/TaskLauncherActor.scala:348)
      if (!q || (q.count === 0 && !app.tasks.some((t) => t.phase === 'staging'))) continue;
      const left = q.backOffUntilMs - this.clockMs;
      const item: Obj = { app: structuredClone(app.def), count: q.count, delay: { timeLeftSeconds: Math.max(0, Math.ceil(left / 1000)), overdue: left < 0 } };
      if (this.profile !== '0.15') {
        item.since = q.since;
        // each offer counts once, under the first reason of the funnel that applies (QueueInfoConversion.scala:29-45)
        const steps = (processed: number, summary: Map<string, number>) => {
          const out: Obj[] = [];
          for (const reason of funnel) {
            const declined = summary.get(reason) ?? 0;
            out.push({ reason, declined, processed });
            processed -= declined;
          }
          return out;
        };
        const last = new Map<string, number>();
        for (const m of q.lastNoMatches.values()) {
          const first = funnel.find((r) => m.reasons.includes(r)) ?? m.reasons[0];
          last.set(first, (last.get(first) ?? 0) + 1);
        }
        item.processedOffersSummary = {
          processedOffersCount: q.processedOffersCount,
          unusedOffersCount: q.unusedOffersCount,
          ...(q.lastUnusedOfferAt ? { lastUnusedOfferAt: q.lastUnusedOfferAt } : {}),
          ...(q.lastUsedOfferAt ? { lastUsedOfferAt: q.lastUsedOfferAt } : {}),
          rejectSummaryLastOffers: steps(q.lastNoMatches.size, last),
          rejectSummaryLaunchAttempt: steps(q.processedOffersCount, q.launchAttempt),
        };
        if (embed.includes('lastUnusedOffers')) {
          item.lastUnusedOffers = [...q.lastNoMatches.values()].map((m) => ({ offer: offerJson(m.agent, m.offerId), reason: m.reasons, timestamp: m.timestamp }));
        }
      }
      queue.push(item);
    }
    return { status: 200, body: { queue } };
  }

  /**
   * DELETE /v2/deployments/{id} (v1.4.13 DR:35-58, master :44-81): with force the deployment only stops (202, no
   * body); without, a revert plan starts with force=true (200 {version, deploymentId} and, from 1.4, the header).
   */
  deleteDeployment(id: string, force: boolean): Reply {
    const d = this.deployments.find((x) => x.id === id);
    if (!d) return { status: 404, body: { message: `DeploymentPlan ${id} does not exist` } };
    this.finish(d);
    if (force) return { status: 202 };
    const version = this.stamp();
    const app = this.apps.get(d.appId) ?? this.stopping.get(d.appId);
    const current = this.apps.get(d.appId)?.def;
    let revert: Deployment;
    if (!d.original) {
      // the plan created the app: the revert removes it
      if (app) {
        this.apps.delete(d.appId);
        this.stopping.set(d.appId, app);
      }
      revert = newDeployment(d.appId, version, ['StopApplication'], current, undefined);
    } else {
      const target = withDefaults(d.original, this.profile, d.appId);
      this.assignPorts(target, current);
      Object.assign(target, nextVersionInfo(current, target, version));
      if (app) {
        app.def = target;
        app.lastTaskFailure = undefined;
        if (!current) {
          this.stopping.delete(d.appId);
          this.apps.set(d.appId, app);
        }
      }
      revert = newDeployment(d.appId, version, current ? planActions(current, target) : ['StartApplication', 'ScaleApplication'], current, target);
    }
    if (revert.actions.length > 0) this.start(revert);
    return this.deploymentReply(200, version, revert.id);
  }
}
