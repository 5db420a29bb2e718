import { ClusterError, bodyReason, showUrl } from './errors';
import { join, parseJson, request, statusError, type HttpResponse } from './http';
import type { ClientOptions } from './mesos';

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

export interface MarathonApp {
  id: string;
  instances?: number;
  tasksRunning?: number;
  tasks: { id?: string; host?: string; slaveId?: string }[];
}

/** Marathon's canonical form of an app id: absolute, no trailing `/`. */
export function canonicalAppId(id: string): string {
  const t = id.trim().replace(/(?<!\/)\/+$/, '');
  return t.startsWith('/') ? t : `/${t}`;
}

/** `GET /v2/apps/{id}`; `undefined` on 404 "App '/x' does not exist". */
export async function marathonApp(base: string, id: string, opts: ClientOptions = {}): Promise<{ app: MarathonApp | undefined; res: HttpResponse }> {
  const path = canonicalAppId(id)
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  const res = await get(join(base, `/v2/apps${path}`), opts);
  if (res.status === 404 && /does not exist/i.test(bodyReason(res.body, res.headers['content-type']))) return { app: undefined, res };
  if (res.status !== 200) throw marathonError(res, opts);
  const j = parseJson<{ app?: Record<string, unknown> }>(res, 'Marathon');
  const a = j?.app;
  if (!a || typeof a !== 'object' || typeof a.id !== 'string') {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "app": this is not Marathon's /v2/apps — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  const tasks = Array.isArray(a.tasks) ? (a.tasks as Record<string, unknown>[]) : [];
  return {
    app: {
      id: a.id,
      instances: typeof a.instances === 'number' ? a.instances : undefined,
      tasksRunning: typeof a.tasksRunning === 'number' ? a.tasksRunning : undefined,
      tasks: tasks.map((t) => ({
        id: typeof t.id === 'string' ? t.id : undefined,
        host: typeof t.host === 'string' ? t.host : undefined,
        slaveId: typeof t.slaveId === 'string' ? t.slaveId : undefined,
      })),
    },
    res,
  };
}
