import { randomUUID } from 'node:crypto';
import { corpusJson } from './common';

/**
 * The app store and deployment engine of the fake Marathon (mesos-marathon-api.md §4 items 5–9):
 * POST/PUT validation with the exact status codes and bodies per version profile, deployments that
 * advance one tick at a time on a clock the test drives (`advance()`, or one tick per
 * `GET /v2/deployments` with `clock: 'per-poll'`), stuck deployments with `lastTaskFailure` and a
 * `/v2/queue` back-off, the post-POST race knobs, and `DELETE /v2/deployments/{id}` rollback.
 * Payload templates come from corpus/marathon-api/ (read in place).
 */

export type Profile = '0.15' | '1.4' | '1.5' | '1.7';
type Obj = Record<string, any>;

export interface SeededApp {
  instances: number;
  taskHosts: string[];
  /** the app definition as it was deployed (default: the doc example's app) */
  definition?: Obj;
  /** a deployment of this app is running and never finishes (holds the app's lock) */
  stuckDeployment?: boolean;
}

export interface DeployKnobs {
  /** `manual`: only `advance()` moves deployments; `per-poll`: each GET /v2/deployments is one tick first */
  clock?: 'manual' | 'per-poll';
  /** apps (ids) whose new deployments never finish: their tasks fail, lastTaskFailure and back-off show */
  stuck?: string[];
  /** the post-POST race: a new deployment is missing from /v2/deployments (and the app's list) this many polls */
  hiddenPolls?: number;
  /** after a 201, GET /v2/apps/{id} answers 404 this many times (0.8.2, issue #2070) */
  app404Polls?: number;
  /** agent hosts the tasks land on */
  agentHosts?: string[];
}

interface Task extends Obj {
  id: string;
  host: string;
  version: string;
}

interface StoredApp {
  def: Obj;
  tasks: Task[];
  lastTaskFailure?: Obj;
  /** the definition before the last change (what a rollback restores) */
  previous?: Obj;
  notFoundPolls: number;
  failures: number;
}

interface Deployment {
  id: string;
  version: string;
  appId: string;
  actions: string[];
  currentStep: number;
  tick: number;
  hiddenPolls: number;
  kind: 'start' | 'update' | 'stop';
  stuck: boolean;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Marathon's defaults (§1.3): what a stored app has that the request did not say. */
function withDefaults(body: Obj, profile: Profile, id: string, version: string): Obj {
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
    ...structuredClone(body),
  };
  def.id = id;
  if (def.container && !def.container.type) def.container.type = 'DOCKER';
  // 1.5+: old networking fields are accepted but no longer returned (changelog "App JSON Fields Changed or Moved")
  if ((profile === '1.5' || profile === '1.7') && def.container?.docker?.network) {
    const mode: Record<string, string> = { HOST: 'host', BRIDGE: 'container/bridge', USER: 'container' };
    def.networks = [{ mode: mode[def.container.docker.network] ?? 'host' }];
    delete def.container.docker.network;
  }
  def.version = version;
  def.versionInfo = { lastScalingAt: version, lastConfigChangeAt: version };
  return def;
}

export function canonical(id: string): string {
  const t = id.trim().replace(/\/+$/, '');
  return t.startsWith('/') ? t : `/${t}`;
}

const ID_SEGMENT = /^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$|^(\.|\.\.)$/;
const OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER'];

export class AppStore {
  readonly apps = new Map<string, StoredApp>();
  readonly deployments: Deployment[] = [];
  private clockMs = Date.parse('2026-01-01T00:00:00.000Z');
  private readonly appTemplate: Obj;
  private readonly taskTemplate: Obj;
  private readonly deploymentTemplate: Obj;
  private readonly queueTemplate: Obj;

  constructor(
    readonly profile: Profile,
    readonly knobs: DeployKnobs = {},
    seeded: Record<string, SeededApp> = {},
  ) {
    this.appTemplate = corpusJson('marathon-api/examples-v1.4.13/app_list.json').apps[0];
    this.taskTemplate = corpusJson('marathon-api/examples-v1.4.13/app_tasks.json').tasks[0];
    this.deploymentTemplate = profile === '0.15' ? corpusJson('marathon-api/examples-v0.15.7/deployments.json')[0] : corpusJson('marathon-api/responses/v2-deployments.starting.dcos-ui.json')[0];
    this.queueTemplate = corpusJson('marathon-api/responses/v2-queue.delayed.dcos-ui.json').queue[0];
    for (const [id, s] of Object.entries(seeded)) {
      const def = s.definition ? withDefaults(s.definition, profile, id, this.appTemplate.version) : { ...structuredClone(this.appTemplate), id, instances: s.instances };
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
      }));
      this.apps.set(id, app);
      if (s.stuckDeployment) this.deployments.push(this.newDeployment(id, 'update', def.version, true));
    }
  }

  /** The fake's clock: a new, later timestamp for each change. */
  private stamp(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString();
  }

  private newDeployment(appId: string, kind: Deployment['kind'], version: string, stuck: boolean): Deployment {
    const actions = kind === 'start' ? ['StartApplication', 'ScaleApplication'] : kind === 'update' ? ['RestartApplication'] : ['StopApplication'];
    return { id: randomUUID(), version, appId, actions, currentStep: 1, tick: 0, hiddenPolls: kind === 'stop' ? 0 : (this.knobs.hiddenPolls ?? 0), kind, stuck };
  }

  private host(i: number): string {
    const hosts = this.knobs.agentHosts ?? ['10.0.2.121', '10.0.6.244', '10.0.7.17', '10.0.3.53', '10.0.5.224'];
    return hosts[i % hosts.length];
  }

  private newTask(app: StoredApp, i: number, state: 'TASK_STAGING' | 'TASK_RUNNING'): Task {
    const def = app.def;
    const id = def.id as string;
    const t: Task = {
      ...structuredClone(this.taskTemplate),
      appId: id,
      host: this.host(i),
      id: `${id.slice(1).replace(/\//g, '_')}.${randomUUID()}`,
      slaveId: `${this.host(i)}-S${i}`,
      stagedAt: new Date(this.clockMs).toISOString(),
      startedAt: state === 'TASK_RUNNING' ? new Date(this.clockMs).toISOString() : null,
      version: def.versionInfo.lastConfigChangeAt,
    };
    if (this.profile !== '0.15') t.state = state;
    if (Array.isArray(def.healthChecks) && def.healthChecks.length > 0 && state === 'TASK_RUNNING') {
      t.healthCheckResults = [{ alive: true, consecutiveFailures: 0, firstSuccess: t.startedAt, lastFailure: null, lastSuccess: t.startedAt, taskId: t.id }];
    }
    return t;
  }

  /** One tick of every running deployment. */
  advance(ticks = 1): void {
    for (let n = 0; n < ticks; n++) {
      this.clockMs += 1000;
      for (const d of [...this.deployments]) this.step(d);
    }
  }

  private finish(d: Deployment): void {
    this.deployments.splice(this.deployments.indexOf(d), 1);
  }

  private step(d: Deployment): void {
    const app = this.apps.get(d.appId);
    if (!app) return this.finish(d);
    d.tick++;
    const n = app.def.instances as number;
    if (d.stuck) {
      // Every launch fails: tasks flap between staged and gone, Marathon backs off (§1.6).
      d.currentStep = d.actions.length;
      app.failures++;
      const failed = this.newTask(app, 0, 'TASK_STAGING');
      app.tasks = app.tasks.filter((t) => t.version !== app.def.versionInfo.lastConfigChangeAt);
      if (d.tick % 2 === 1) app.tasks.push(failed);
      // the fields of lastTaskFailure per §1.6; the message is the fake's own example
      app.lastTaskFailure = {
        appId: d.appId,
        host: failed.host,
        message: 'Docker container run error: Container exited on error: exited with status 1',
        state: 'TASK_FAILED',
        taskId: failed.id,
        timestamp: new Date(this.clockMs).toISOString(),
        version: app.def.versionInfo.lastConfigChangeAt,
        ...(this.profile === '0.15' ? {} : { slaveId: failed.slaveId }),
      };
      return;
    }
    if (d.kind === 'start') {
      if (d.tick === 1) app.tasks = Array.from({ length: n }, (_, i) => this.newTask(app, i, 'TASK_STAGING'));
      else if (d.tick === 2) {
        d.currentStep = 2;
        app.tasks = Array.from({ length: n }, (_, i) => this.newTask(app, i, 'TASK_RUNNING'));
      } else this.finish(d);
    } else if (d.kind === 'update') {
      const cfg = app.def.versionInfo.lastConfigChangeAt;
      const old = app.tasks.filter((t) => t.version !== cfg);
      if (d.tick === 1) app.tasks = [...old, ...Array.from({ length: n }, (_, i) => this.newTask(app, i, 'TASK_STAGING'))];
      else if (d.tick === 2) app.tasks = Array.from({ length: n }, (_, i) => this.newTask(app, i, 'TASK_RUNNING'));
      else this.finish(d);
    } else {
      if (d.tick === 1) app.tasks = [];
      else {
        this.apps.delete(d.appId);
        this.finish(d);
      }
    }
  }

  private visible(d: Deployment): boolean {
    return d.hiddenPolls <= 0;
  }

  // ---- HTTP-level operations (the router in marathon.ts calls these)

  private invalid(status: number, details: { path: string; errors: string[] }[], message = 'Invalid JSON'): Reply {
    if (this.profile === '0.15' && message === 'Object is not valid') {
      // 0.15: `attribute`/`error` pairs; the app itself is called "value" (§1.2)
      return { status, body: { message, details: details.map((d) => ({ attribute: d.path === '/' ? 'value' : d.path.slice(1).replace(/\//g, '.').replace(/\((\d+)\)/g, '[$1]'), error: d.errors.join(', ') })) } };
    }
    return { status, body: { message, details } };
  }

  /** Content type, JSON syntax, JSON types, then semantic rules (§4 item 5), in Marathon's order. */
  private readApp(contentType: string | undefined, raw: string): { app: Obj } | { reply: Reply } {
    if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) return { reply: { status: 415, body: { message: 'Unsupported Media Type' } } };
    if (raw.trim() === '') return { reply: { status: 400, body: { message: 'Please specify data in JSON format', details: 'No content to map due to end-of-input\n at [Source: ; line: 1, column: 1]' } } };
    let j: unknown;
    try {
      j = JSON.parse(raw);
    } catch {
      // Jackson's wording (§1.2); from 1.5 its "[Source: (String)…]" quotes the start of the body
      const source = this.profile === '1.5' || this.profile === '1.7' ? `(String)${JSON.stringify(raw.slice(0, 500))}` : 'org.eclipse.jetty.server.HttpInputOverHTTP@1f4d2d2a';
      return { reply: { status: 400, body: { message: 'Invalid JSON', details: `Unexpected end-of-input: expected close marker for Object (start marker at [Source: ${source}; line: 1, column: 1])` } } };
    }
    const typeStatus = this.profile === '1.5' || this.profile === '1.7' ? 422 : 400;
    if (!j || typeof j !== 'object' || Array.isArray(j)) return { reply: this.invalid(typeStatus, [{ path: '/', errors: ['error.expected.jsobject'] }]) };
    const app = j as Obj;
    const typeErrors: { path: string; errors: string[] }[] = [];
    if (app.id !== undefined && typeof app.id !== 'string') typeErrors.push({ path: '/id', errors: ['error.expected.jsstring'] });
    for (const k of ['instances', 'cpus', 'mem', 'disk']) if (app[k] !== undefined && typeof app[k] !== 'number') typeErrors.push({ path: `/${k}`, errors: ['error.expected.jsnumber'] });
    if (typeErrors.length) return { reply: this.invalid(typeStatus, typeErrors) };
    const errs: { path: string; errors: string[] }[] = [];
    if (typeof app.id === 'string') {
      const segs = canonical(app.id).slice(1).split('/');
      if (!segs.every((s) => ID_SEGMENT.test(s))) errs.push({ path: '/id', errors: ["must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'"] });
    }
    if (app.cmd !== undefined && app.args !== undefined) errs.push({ path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] });
    if (app.cmd === undefined && app.args === undefined && !app.container) errs.push({ path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] });
    for (const k of ['instances', 'cpus', 'mem', 'disk']) {
      if (typeof app[k] === 'number' && app[k] < 0) errs.push({ path: `/${k}`, errors: [k === 'instances' ? `got ${app[k]}, expected 0 or more` : `got ${app[k].toFixed(1)}, expected 0.0 or more`] });
    }
    (Array.isArray(app.constraints) ? app.constraints : []).forEach((c: unknown, i: number) => {
      if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((x) => typeof x === 'string') || !OPERATORS.includes(c[1])) {
        errs.push({ path: `/constraints(${i})`, errors: ['Constraint definition must be an array of strings in format: <key>, <operator>[, value]'] });
      }
    });
    if (errs.length) return { reply: this.invalid(422, errs, 'Object is not valid') };
    return { app };
  }

  private appBody(app: StoredApp): Obj {
    const deployments = this.deployments.filter((d) => d.appId === app.def.id && this.visible(d)).map((d) => ({ id: d.id }));
    const running = app.tasks.filter((t) => (t.state ? t.state === 'TASK_RUNNING' : !!t.startedAt));
    const out: Obj = {
      ...structuredClone(app.def),
      tasksStaged: app.tasks.length - running.length,
      tasksRunning: running.length,
      tasksHealthy: running.filter((t) => (t.healthCheckResults ?? []).some((h: Obj) => h.alive)).length,
      tasksUnhealthy: 0,
      deployments,
      tasks: structuredClone(app.tasks),
    };
    if (app.lastTaskFailure) out.lastTaskFailure = app.lastTaskFailure;
    return out;
  }

  create(contentType: string | undefined, raw: string, hostHeader: string, force: boolean): Reply {
    void force; // POST ?force=true is accepted and changes nothing for a new id
    const r = this.readApp(contentType, raw);
    if ('reply' in r) return r.reply;
    const id = canonical(String(r.app.id ?? ''));
    if (this.apps.has(id)) return { status: 409, body: { message: `An app with id [${id}] already exists.` } };
    const version = this.stamp();
    const app: StoredApp = { def: withDefaults(r.app, this.profile, id, version), tasks: [], notFoundPolls: this.knobs.app404Polls ?? 0, failures: 0 };
    this.apps.set(id, app);
    const d = this.newDeployment(id, 'start', version, (this.knobs.stuck ?? []).includes(id));
    this.deployments.push(d);
    // The 201 body lists the deployment even when /v2/deployments does not show it yet (the race).
    const body: Obj = { ...structuredClone(app.def), tasksStaged: 0, tasksRunning: 0, tasksHealthy: 0, tasksUnhealthy: 0, deployments: [{ id: d.id }] };
    if (this.profile === '0.15' || this.profile === '1.4') body.tasks = [];
    const headers: Record<string, string> = { location: `http://${hostHeader}/v2/apps${id}` };
    if (this.profile !== '0.15') headers['marathon-deployment-id'] = d.id;
    return { status: 201, body, headers };
  }

  update(id: string, contentType: string | undefined, raw: string, force: boolean): Reply {
    const r = this.readApp(contentType, raw);
    if ('reply' in r) return r.reply;
    const existing = this.apps.get(id);
    if (!existing) {
      const created = this.create(contentType, JSON.stringify({ ...r.app, id }), 'unused', false);
      if (created.status !== 201) return created;
      const b = created.body as Obj;
      return { status: 201, body: { version: b.version, deploymentId: b.deployments[0].id }, headers: this.profile === '0.15' ? {} : { 'marathon-deployment-id': b.deployments[0].id } };
    }
    const locking = this.deployments.filter((d) => d.appId === id);
    if (locking.length > 0 && !force) {
      return {
        status: 409,
        body: { message: "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.", deployments: locking.map((d) => ({ id: d.id })) },
      };
    }
    for (const d of locking) this.finish(d); // force: the old deployments are cancelled
    const version = this.stamp();
    existing.previous = existing.def;
    // PUT merges (partialUpdate defaults to true): fields left out keep their value
    const merged: Obj = { ...structuredClone(existing.def), ...structuredClone(r.app), id };
    delete merged.version;
    delete merged.versionInfo;
    existing.def = withDefaults(merged, this.profile, id, version);
    existing.lastTaskFailure = undefined;
    const d = this.newDeployment(id, 'update', version, (this.knobs.stuck ?? []).includes(id));
    this.deployments.push(d);
    return { status: 200, body: { version, deploymentId: d.id }, headers: this.profile === '0.15' ? {} : { 'marathon-deployment-id': d.id } };
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
      t.steps = this.profile === '0.15' ? steps : steps.map((actions) => ({ actions }));
      t.currentActions = [{ action: d.actions[d.currentStep - 1], app: d.appId, ...(this.profile === '0.15' ? {} : { readinessCheckResults: [] }) }];
      t.currentStep = d.currentStep;
      t.totalSteps = d.actions.length;
      out.push(t);
    }
    return { status: 200, body: out };
  }

  queue(): Reply {
    const queue: Obj[] = [];
    for (const d of this.deployments) {
      const app = this.apps.get(d.appId);
      if (!d.stuck || !app || app.failures === 0) continue;
      const q = structuredClone(this.queueTemplate);
      q.app = structuredClone(app.def);
      q.count = app.def.instances;
      // back-off: backoffSeconds × backoffFactor^n (§1.6), capped by maxLaunchDelaySeconds
      q.delay = { timeLeftSeconds: Math.min(app.def.maxLaunchDelaySeconds, Math.round(app.def.backoffSeconds * Math.pow(app.def.backoffFactor, app.failures) * 10)), overdue: false };
      if (this.profile === '0.15') delete q.processedOffersSummary;
      queue.push(q);
    }
    return { status: 200, body: { queue } };
  }

  deleteDeployment(id: string, force: boolean): Reply {
    const d = this.deployments.find((x) => x.id === id);
    if (!d) return { status: 404, body: { message: `DeploymentPlan ${id} does not exist` } };
    this.finish(d);
    if (force) return { status: 202 };
    const app = this.apps.get(d.appId);
    const version = this.stamp();
    let rollback: Deployment;
    if (d.kind === 'start' || !app?.previous) {
      rollback = this.newDeployment(d.appId, 'stop', version, false);
    } else {
      const prev = { ...structuredClone(app.previous) };
      delete prev.version;
      delete prev.versionInfo;
      app.def = withDefaults(prev, this.profile, d.appId, version);
      app.lastTaskFailure = undefined;
      rollback = this.newDeployment(d.appId, 'update', version, false);
      rollback.hiddenPolls = 0;
    }
    this.deployments.push(rollback);
    return { status: 200, body: { version, deploymentId: rollback.id } };
  }
}
