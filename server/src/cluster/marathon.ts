import { ClusterError, bodyReason, showUrl } from './errors';
import type { CoverageTask } from './coverage';
import { join, parseJson, request, statusError, type HttpResponse } from './http';
import type { ClientOptions } from './mesos';
import { DeployError, writeError } from './deploy/api';

const MARATHON_CREDS = 'user:password@ in marathon_uris, or marathon_user/marathon_password';

function marathonError(res: HttpResponse, opts: ClientOptions): ClusterError {
  return statusError(res, 'Marathon', opts.credentialsHint ?? MARATHON_CREDS);
}

/**
 * Marathon never redirects its API: a standby proxies every path to the leader. Redirects are still
 * followed (a proxy in front may redirect), but credentials never go to another host.
 */
function get(url: string, opts: ClientOptions, accept?: string): Promise<HttpResponse> {
  return request(url, { ...opts, leaderRedirects: false, accept });
}

/** `GET /ping` → `pong` (text/plain; 1.5+ may answer JSON `"pong"` or 204). */
export async function marathonPing(base: string, opts: ClientOptions = {}): Promise<{ res: HttpResponse }> {
  const res = await get(join(base, '/ping'), opts, 'text/plain, */*');
  if (res.status === 200 || res.status === 204) return { res };
  throw marathonError(res, opts);
}

export interface MarathonInfo {
  name?: string;
  version?: string;
  elected?: boolean;
  /** `host:port`, no scheme */
  leader?: string | null;
  frameworkId?: string | null;
  /** `X-Marathon-Leader` (with scheme) and `X-Marathon-Via` (set when a standby proxied) */
  leaderHeader?: string;
  via?: string;
}

/** `GET /v2/info`: version, leader, frameworkId. */
export async function marathonInfo(base: string, opts: ClientOptions = {}): Promise<{ info: MarathonInfo; res: HttpResponse }> {
  const res = await get(join(base, '/v2/info'), opts);
  if (res.status !== 200) throw marathonError(res, opts);
  const j = parseJson<Record<string, unknown>>(res, 'Marathon');
  if (!j || typeof j !== 'object' || typeof j.version !== 'string') {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "version": this is not Marathon's /v2/info — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  return {
    info: {
      name: typeof j.name === 'string' ? j.name : undefined,
      version: j.version,
      elected: typeof j.elected === 'boolean' ? j.elected : undefined,
      leader: typeof j.leader === 'string' ? j.leader : null,
      frameworkId: typeof j.frameworkId === 'string' ? j.frameworkId : null,
      leaderHeader: res.headers['x-marathon-leader'],
      via: res.headers['x-marathon-via'],
    },
    res,
  };
}

/** `GET /v2/leader` → `host:port`; Marathon answers 404 `{"message":"There is no leader"}` when unknown. */
export async function marathonLeader(base: string, opts: ClientOptions = {}): Promise<{ leader: string; res: HttpResponse }> {
  const res = await get(join(base, '/v2/leader'), opts);
  if (res.status === 404 && /no leader/i.test(bodyReason(res.body, res.headers['content-type']))) {
    throw new ClusterError('no-leader', `${showUrl(res.url)}: 404 There is no leader: Marathon has not elected a leader — wait and retry, or check Marathon's --zk and --master`, { url: showUrl(res.url), status: 404 });
  }
  if (res.status !== 200) throw marathonError(res, opts);
  const j = parseJson<{ leader?: unknown }>(res, 'Marathon');
  if (!j || typeof j.leader !== 'string') {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "leader": this is not Marathon's /v2/leader — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  return { leader: j.leader, res };
}

/** A task as Marathon lists it: the coverage model's task (coverage.ts stays free of imports, so it is defined there). */
export type MarathonTask = CoverageTask;

export interface MarathonTaskFailure {
  host?: string;
  message?: string;
  state?: string;
  taskId?: string;
  timestamp?: string;
  version?: string;
  slaveId?: string;
}

export interface MarathonApp {
  id: string;
  instances?: number;
  tasksRunning?: number;
  tasksHealthy?: number;
  tasksStaged?: number;
  tasksUnhealthy?: number;
  /** the app has health checks (`tasksHealthy` means something) */
  healthChecks?: boolean;
  /** `["hostname","UNIQUE"]` among its constraints: one task per node */
  hostnameUnique?: boolean;
  /** `versionInfo.lastConfigChangeAt`, else `version`: what a task of the current configuration carries */
  configVersion?: string;
  /** ids of the deployments touching the app */
  deployments?: string[];
  lastTaskFailure?: MarathonTaskFailure;
  tasks: MarathonTask[];
}

/** Marathon's canonical form of an app id: absolute, no trailing `/`. */
export function canonicalAppId(id: string): string {
  const t = id.trim().replace(/(?<!\/)\/+$/, '');
  return t.startsWith('/') ? t : `/${t}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One task as the app lists it; whatever is not of the documented type is left out. */
function readTask(t: Record<string, unknown>): MarathonTask {
  const results = Array.isArray(t.healthCheckResults) ? (t.healthCheckResults as unknown[]) : undefined;
  return {
    id: str(t.id),
    host: str(t.host),
    slaveId: str(t.slaveId),
    state: str(t.state),
    version: str(t.version),
    stagedAt: str(t.stagedAt),
    startedAt: str(t.startedAt),
    health: results?.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object').map((r) => ({ alive: r.alive === true })),
  };
}

function readFailure(f: unknown): MarathonTaskFailure | undefined {
  if (!f || typeof f !== 'object') return undefined;
  const o = f as Record<string, unknown>;
  return { host: str(o.host), message: str(o.message), state: str(o.state), taskId: str(o.taskId), timestamp: str(o.timestamp), version: str(o.version), slaveId: str(o.slaveId) };
}

/**
 * `GET /v2/apps/{id}`; `undefined` on 404 "App '/x' does not exist". The single-app GET embeds tasks, counts,
 * deployments and lastTaskFailure in every version (mesos-marathon-api.md §1.1); `embed` asks for them by name
 * all the same (`app.tasks`, `app.lastTaskFailure`, `app.deployments`), as a proxy or a later version may not.
 */
export async function marathonApp(base: string, id: string, opts: ClientOptions = {}, embed: readonly string[] = []): Promise<{ app: MarathonApp | undefined; res: HttpResponse }> {
  const path = canonicalAppId(id)
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  const query = embed.length > 0 ? `?${embed.map((e) => `embed=${encodeURIComponent(e)}`).join('&')}` : '';
  const res = await get(join(base, `/v2/apps${path}${query}`), opts);
  if (res.status === 404 && /does not exist/i.test(bodyReason(res.body, res.headers['content-type']))) return { app: undefined, res };
  if (res.status !== 200) throw marathonError(res, opts);
  const j = parseJson<{ app?: Record<string, unknown> }>(res, 'Marathon');
  const a = j?.app;
  if (!a || typeof a !== 'object' || typeof a.id !== 'string') {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "app": this is not Marathon's /v2/apps — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  const tasks = Array.isArray(a.tasks) ? (a.tasks as unknown[]).filter((t): t is Record<string, unknown> => !!t && typeof t === 'object') : [];
  const constraints = Array.isArray(a.constraints) ? (a.constraints as unknown[]) : [];
  const versionInfo = a.versionInfo && typeof a.versionInfo === 'object' ? (a.versionInfo as Record<string, unknown>) : {};
  return {
    app: {
      id: a.id,
      instances: num(a.instances),
      tasksRunning: num(a.tasksRunning),
      tasksHealthy: num(a.tasksHealthy),
      tasksStaged: num(a.tasksStaged),
      tasksUnhealthy: num(a.tasksUnhealthy),
      healthChecks: Array.isArray(a.healthChecks) && a.healthChecks.length > 0,
      hostnameUnique: constraints.some((c) => Array.isArray(c) && c[0] === 'hostname' && c[1] === 'UNIQUE'),
      configVersion: str(versionInfo.lastConfigChangeAt) ?? str(a.version),
      deployments: Array.isArray(a.deployments) ? (a.deployments as unknown[]).map((d) => str((d as Record<string, unknown> | null)?.id)).filter((d): d is string => d !== undefined) : [],
      lastTaskFailure: readFailure(a.lastTaskFailure),
      tasks: tasks.map(readTask),
    },
    res,
  };
}

export interface MarathonDeployment {
  id: string;
  affectedApps: string[];
  /** 1-based */
  currentStep?: number;
  totalSteps?: number;
  /** the actions of the current step (`ScaleApplication`, …) */
  currentActions: string[];
}

/**
 * `GET /v2/deployments`: the running deployments with their step. `currentActions` is `[{action, app}]` in every
 * version (0.15 and 1.x differ only in `steps`, mesos-marathon-api.md §1.1), so only it is read.
 */
export async function marathonDeployments(base: string, opts: ClientOptions = {}): Promise<MarathonDeployment[]> {
  const res = await get(join(base, '/v2/deployments'), opts);
  if (res.status !== 200) throw marathonError(res, opts);
  const j = parseJson<unknown>(res, 'Marathon');
  if (!Array.isArray(j)) {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer is not a list: this is not Marathon's /v2/deployments — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  return j
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof (d as { id?: unknown }).id === 'string')
    .map((d) => ({
      id: d.id as string,
      affectedApps: Array.isArray(d.affectedApps) ? (d.affectedApps as unknown[]).filter((x): x is string => typeof x === 'string') : [],
      currentStep: num(d.currentStep),
      totalSteps: num(d.totalSteps),
      currentActions: Array.isArray(d.currentActions) ? (d.currentActions as unknown[]).map((x) => str((x as Record<string, unknown> | null)?.action)).filter((x): x is string => x !== undefined) : [],
    }));
}

/**
 * `PUT /v2/apps/{id}` `{"instances": n}`: scale the app (the view's "Scale to the number of agents"). Marathon reads
 * the body as an `AppUpdate` merged into the app (`partialUpdate=true` by default, v1.4.13 AppsResource.scala:197,
 * :352-356; 0.x always merged), so only `instances` changes: a ScaleApplication deployment that starts the missing
 * tasks and keeps the running ones (marathon-source-audit.md). Answer 200 `{version, deploymentId}` (AR:310-317).
 * Never `?force=true`: a deployment holding the app's lock is a 409 that names it, said as a `DeployError('locked')`.
 * A write: no redirect is followed (a proxy that redirects gets no body or credentials re-sent).
 */
export async function marathonScale(base: string, id: string, instances: number, opts: ClientOptions = {}): Promise<{ deploymentId: string; version: string }> {
  const appId = canonicalAppId(id);
  const path = appId
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  const res = await request(join(base, `/v2/apps${path}`), {
    ...opts,
    method: 'PUT',
    body: JSON.stringify({ instances }),
    contentType: 'application/json',
    followRedirects: false,
    leaderRedirects: false,
  });
  if (res.status === 409) {
    let deployments: string[] = [];
    try {
      const j = JSON.parse(res.body) as { deployments?: { id?: unknown }[] };
      deployments = Array.isArray(j.deployments) ? j.deployments.map((d) => String(d?.id ?? '')).filter(Boolean) : [];
    } catch {
      // not JSON: the status says enough
    }
    throw new DeployError('locked', `${showUrl(res.url)}: 409 ${appId} is locked by deployment ${deployments.join(', ') || '(unnamed)'}: wait for it to finish (or roll it back), then scale`, { status: 409, url: showUrl(res.url), deployments });
  }
  if (res.status !== 200 && res.status !== 201) throw writeError(res, appId);
  const j = parseJson<Record<string, unknown>>(res, 'Marathon');
  const deploymentId = res.headers['marathon-deployment-id'] ?? str(j?.deploymentId);
  const version = str(j?.version);
  if (!deploymentId || !version) {
    throw new ClusterError('not-json', `${showUrl(res.url)}: ${res.status} without a deployment id or version: this is not Marathon's answer — check the URI (a proxy?)`, { url: showUrl(res.url), status: res.status });
  }
  return { deploymentId, version };
}
