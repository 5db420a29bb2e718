import { corpusJson } from './common';
import { reasonFunnel, type MarathonProfile } from './marathon-profile';
import { canonical, readBody, validateApp, type Reply } from './marathon-validation';
import { offerJson } from './marathon-placement';
import { servicePorts } from './marathon-ports';
import { newDeployment, nextVersionInfo, planActions, type Deployment } from './marathon-deployment';
import { withDefaults } from './marathon-defaults';
import { Scheduler, type DeployKnobs, type StoredApp, type Task } from './marathon-scheduler';

export { canonical, type Reply } from './marathon-validation';
export type { Agent } from './marathon-placement';
export type { DeployKnobs, StoredApp, Task } from './marathon-scheduler';

/**
 * The fake Marathon's app store and its REST operations: apps as Marathon stores them (known fields only,
 * defaults, versionInfo, service ports), deployments planned from the change, and the JSON each version answers;
 * what runs underneath (tasks, offers, steps on the test's clock) is marathon-scheduler.ts. With `clock: 'per-poll'`
 * each `GET /v2/deployments` is one tick first. Payload templates come from corpus/marathon-api/ (read in place).
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

const LOCKED =
  "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

export class AppStore extends Scheduler {
  private readonly appTemplate: Obj;
  private readonly deploymentTemplate: Obj;

  constructor(profile: Profile, knobs: DeployKnobs = {}, seeded: Record<string, SeededApp> = {}) {
    super(profile, knobs);
    this.appTemplate = corpusJson('marathon-api/examples-v1.4.13/app_list.json').apps[0];
    this.deploymentTemplate = profile === '0.15' ? corpusJson('marathon-api/examples-v0.15.7/deployments.json')[0] : corpusJson('marathon-api/responses/v2-deployments.starting.dcos-ui.json')[0];
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
        // the agent the task runs on, as every task Marathon writes (`"slaveId" -> task.agentInfo.agentId`,
        // v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:153-154): status links it to Mesos' agent
        slaveId: this.agentOn(host).id,
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

  /**
   * POST /v2/apps (v1.4.13 AR:76-106). A new id is locked too while a deployment of it runs — the StopApplication of
   * a rolled-back create, or of a DELETE: the plan goes through the same lock as any (`groupManager.updateApp(app.id,
   * createOrThrow, app.version, force)`, v1.4.13 AR:90, v0.15.7 AR:78, v1.7.236 AR:102, v1.9.109 AR:115;
   * MarathonSchedulerActor.deploy, v1.4.13:src/main/scala/mesosphere/marathon/MarathonSchedulerActor.scala:257-274,
   * DeploymentManager StartDeployment → giveUpConflictingDeployment, v1.4.13 upgrade/DeploymentManager.scala:209-214, :229-234): 409 with the
   * blocking deployments unless `?force=true`, which cancels them.
   */
  create(contentType: string | undefined, raw: string, hostHeader: string, force: boolean): Reply {
    const r = readBody(this.profile, contentType, raw, 'create');
    if ('reply' in r) return r.reply;
    const id = canonical(String(r.app.id));
    const def = withDefaults(r.app, this.profile, id);
    const bad = validateApp(this.profile, def);
    if (bad) return bad;
    if (this.apps.has(id)) return { status: 409, body: { message: `An app with id [${id}] already exists.` } };
    const locking = this.deployments.filter((d) => d.appId === id);
    if (locking.length > 0 && !force) return { status: 409, body: { message: LOCKED, deployments: locking.map((d) => ({ id: d.id })) } };
    for (const d of locking) this.finish(d);
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
   * DELETE /v2/deployments/{id} (v1.4.13 DR:35-58, v1.6.590 DR:45-73, v1.7.236 DR:43-71, v1.9.109 DR:42-70): with force
   * the deployment only stops (202, no body); without, a revert plan starts with force=true (200 {version,
   * deploymentId} and, from 1.4, the header). The revert is a deployment like any other: it holds the app's lock
   * until it finishes (MarathonSchedulerActor.scala:197-198, v1.4.13), so a PUT or POST of the app meanwhile is a 409;
   * and it is listed only once the cancelled deployment has stopped and its own DeploymentActor has started
   * (DeploymentManager.scala:272-283, DeploymentActor.scala:83-87, v1.4.13) — the `hiddenPolls` race of any new
   * deployment.
   */
  deleteDeployment(id: string, force: boolean): Reply {
    // looked up among the listed deployments only (`service.listRunningDeployments()`, DR:41): one not yet listed is unknown
    const d = this.deployments.find((x) => x.id === id && this.visible(x));
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
    revert.hiddenPolls = this.knobs.hiddenPolls ?? 0;
    if (revert.actions.length > 0) this.start(revert);
    return this.deploymentReply(200, version, revert.id);
  }
}
