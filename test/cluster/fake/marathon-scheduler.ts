import { randomUUID } from 'node:crypto';
import { corpusJson } from './common';
import { reasonFunnel, type MarathonProfile } from './marathon-profile';
import { agentFor, declineReasons, DEFAULT_AGENT_HOSTS, type Agent } from './marathon-placement';
import { assignServicePorts, servicePorts } from './marathon-ports';
import { instancesToStartNow, restartStrategy, type Deployment } from './marathon-deployment';

/**
 * What runs under the fake Marathon's API: agents, tasks, the launch queue with its offer statistics, and the
 * deployments' steps, one tick at a time on a clock the test drives (`advance()`). marathon-apps.ts puts the REST
 * operations on top.
 */

type Obj = Record<string, any>;

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

export class Scheduler {
  readonly apps = new Map<string, StoredApp>();
  readonly deployments: Deployment[] = [];
  readonly agents: Agent[];
  /** apps a StopApplication is killing: gone from /v2/apps, their tasks still dying */
  protected readonly stopping = new Map<string, StoredApp>();
  protected clockMs = Date.parse('2026-01-01T00:00:00.000Z');
  protected readonly taskTemplate: Obj = corpusJson('marathon-api/examples-v1.4.13/app_tasks.json').tasks[0];

  constructor(
    readonly profile: MarathonProfile,
    readonly knobs: DeployKnobs = {},
  ) {
    this.agents = knobs.agents ? structuredClone(knobs.agents) : (knobs.agentHosts ?? DEFAULT_AGENT_HOSTS).map(agentFor);
  }

  /** Service ports for the 0 ports of `def`, unique among every other app (marathon-ports.ts). */
  protected assignPorts(def: Obj, old: Obj | undefined): void {
    const others = [...this.apps.entries()].filter(([id]) => id !== def.id).flatMap(([, a]) => servicePorts(this.profile, a.def));
    assignServicePorts(this.profile, def, old, others);
  }

  /** The agent with this hostname; a seeded task's host that is none becomes one. */
  protected agentOn(host: string): Agent {
    let a = this.agents.find((x) => x.hostname === host);
    if (!a) this.agents.push((a = agentFor(host, this.agents.length)));
    return a;
  }

  protected now(): string {
    return new Date(this.clockMs).toISOString();
  }

  /** The fake's clock: a new, later timestamp for each change. */
  protected stamp(): string {
    this.clockMs += 1000;
    return this.now();
  }

  // ---- tasks and the launch queue

  protected allTasks(): Task[] {
    return [...this.apps.values(), ...this.stopping.values()].flatMap((a) => a.tasks);
  }

  /** A new launch attempt (a deployment step queues instances): its offer statistics start from zero. */
  protected newAttempt(app: StoredApp): void {
    app.queue = { count: app.queue?.count ?? 0, since: this.now(), backOffUntilMs: app.queue?.backOffUntilMs ?? 0, delayMs: app.queue?.delayMs ?? 0, processedOffersCount: 0, unusedOffersCount: 0, lastNoMatches: new Map(), launchAttempt: new Map() };
  }

  protected enqueue(app: StoredApp, n: number): void {
    if (n <= 0) return;
    if (!app.queue) this.newAttempt(app);
    app.queue!.count += n;
  }

  protected newTask(app: StoredApp, agent: Agent): Task {
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
  protected offerRound(): void {
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

  protected replaceOf(appId: string): Deployment | undefined {
    return this.deployments.find((d) => d.appId === appId && d.replace && d.actions[d.currentStep - 1] === 'RestartApplication');
  }

  /** TaskReplaceActor.killNextOldInstance (TaskReplaceActor.scala:154-167). */
  protected killNextOld(d: Deployment, app: StoredApp): void {
    const r = d.replace!;
    const id = r.toKill.shift();
    const t = id && app.tasks.find((x) => x.id === id);
    if (t) this.kill(t);
  }

  /** Asks the task to die: it is terminal from the next tick on. */
  protected kill(t: Task): void {
    t.phase = 'killing';
    t.killedAtMs = this.clockMs;
    if (this.profile !== '0.15') t.state = 'TASK_KILLING';
  }

  /** Task state changes of one tick: killed tasks end, staged ones run (or fail, for a `stuck` app). */
  protected taskTransitions(): void {
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

  protected run(app: StoredApp, t: Task, d: Deployment | undefined): void {
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
  protected fail(app: StoredApp, t: Task, d: Deployment | undefined): void {
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

  protected running(app: StoredApp): Task[] {
    return app.tasks.filter((t) => t.phase === 'running');
  }

  /** Starts the current step: queue, kill, compute the replace strategy. */
  protected initiate(d: Deployment): void {
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
  protected stepDone(d: Deployment): boolean {
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

  protected finish(d: Deployment): void {
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

  protected visible(d: Deployment): boolean {
    return d.hiddenPolls <= 0;
  }
}
