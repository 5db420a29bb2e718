import { ClusterError, hostPort, showUrl } from './errors';
import { join, parseJson, request, statusError, type Credentials, type HttpResponse, type RequestOptions } from './http';
import { CredentialTrust } from './trust';

/** Options for every Mesos/Marathon call: timeouts, size cap, TLS, credentials. */
export type ClientOptions = Omit<RequestOptions, 'followRedirects' | 'leaderRedirects' | 'method' | 'accept'> & {
  /** where this user sets the credentials, named by a 401's advice (default: the dragent.yaml keys) */
  credentialsHint?: string;
};

const MESOS_CREDS = 'user:password@ in mesos_state_uri, or mesos_user/mesos_password';

export interface MesosVersion {
  version: string;
  build_date?: string;
  git_sha?: string;
  git_tag?: string;
}

export interface MesosAgent {
  id: string;
  hostname: string;
  /** the IP from the agent's pid `slave(1)@ip:port` */
  ip?: string;
  /**
   * where the agent's own HTTP endpoints answer (`/state`, `/files/read`): the `ip:port` of its pid, the address its
   * libprocess listens on (`--ip`/`--advertise_ip`); the hostname may not resolve from here
   */
  address?: string;
  /** the pid's process name, `slave(1)`: the agent's endpoints also answer under `/slave(1)/…` */
  processId?: string;
}

export interface MesosFramework {
  id: string;
  name: string;
  hostname?: string;
  webui_url?: string;
  active?: boolean;
}

export interface MesosState {
  /** the URL the state was read from, after redirects (no credentials) */
  url: string;
  /** `/master/state.json` answered (false: 404, read from `/master/state`) */
  stateJson: boolean;
  version?: string;
  /** the answering master's hostname and `ip:port` (from its pid) */
  hostname?: string;
  pid?: string;
  /** the leader as `host:port` from `leader_info` or the `leader` pid */
  leader?: string;
  /** the leader's `ip:port` from its pid (`leader_info` names it by hostname: both name the same node) */
  leaderPid?: string;
  agents: MesosAgent[];
  frameworks: MesosFramework[];
  /** active frameworks named exactly `marathon` (the ones the agent follows) */
  marathons: MesosFramework[];
  latencyMs: number;
  credentialsSent: boolean;
  hops: HttpResponse['hops'];
}

function mesosError(res: HttpResponse, creds: Credentials | undefined, hint?: string): ClusterError {
  const e = statusError(res, 'Mesos', hint ?? MESOS_CREDS);
  if (e.kind === 'unauthorized' && res.credentialsSent && creds?.password.includes(':')) {
    return new ClusterError(
      'unauthorized',
      `${e.message.replace(/ — check user and password.*$/, '')}: the password contains ':', which Mesos basic authentication can never accept (it splits on ':') — choose a password without ':'`,
      e.details,
    );
  }
  return e;
}

/** `GET /version` — the agent's own probe. */
export async function mesosVersion(base: string, opts: ClientOptions = {}): Promise<{ version: MesosVersion; res: HttpResponse }> {
  const res = await request(join(base, '/version'), { ...opts, leaderRedirects: true });
  if (res.status !== 200) throw mesosError(res, credentialsOf(opts), opts.credentialsHint);
  const v = parseJson<MesosVersion>(res, 'Mesos');
  if (!v || typeof v.version !== 'string' || v.version === '') {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "version": this is not a Mesos master (or agent) — check host and port (5050)`, { url: showUrl(res.url), status: res.status });
  }
  return { version: v, res };
}

/**
 * `GET /master/redirect` without following it: the leader as `host:port`. Every master answers 307
 * with `Location: //leader:5050` (≤ 0.22: `http://leader:5050`); 503 when no leader is elected.
 */
export async function mesosLeader(base: string, opts: ClientOptions = {}): Promise<{ leader: string | undefined; res: HttpResponse }> {
  const res = await request(join(base, '/master/redirect'), { ...opts, followRedirects: false });
  if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.location) {
    try {
      return { leader: hostPort(new URL(res.headers.location, res.url)), res };
    } catch {
      return { leader: undefined, res };
    }
  }
  if (res.status === 503 || res.status === 502) throw mesosError(res, credentialsOf(opts), opts.credentialsHint);
  return { leader: undefined, res };
}

function credentialsOf(opts: ClientOptions): Credentials | undefined {
  return opts.trust?.credentials ?? opts.credentials;
}

/** The options with one trust for all the requests of a call, so a master's word about its leader carries over. */
function withTrust(base: string, opts: ClientOptions): ClientOptions {
  const creds = credentialsOf(opts);
  return opts.trust || !creds ? opts : { ...opts, trust: new CredentialTrust(creds, base) };
}

/** The message for a Mesos ≥ 1.8 master: the agent needs `/master/state.json`. */
export function stateJsonGone(url: string): string {
  return `${showUrl(url)}: 404 for /master/state.json — it was removed in Mesos 1.8, and the agent reads it, so the agent gets no Mesos data from this master ("Invalid JSON"); use Mesos ≤ 1.7 or an agent that reads /master/state (read /master/state instead)`;
}

interface RawState {
  version?: string;
  hostname?: string;
  pid?: string;
  leader?: string;
  leader_info?: { hostname?: string; port?: number };
  slaves?: { id?: string; hostname?: string; pid?: string }[];
  frameworks?: { id?: string; name?: string; hostname?: string; webui_url?: string; active?: boolean }[];
}

function pidHostPort(pid: string | undefined): string | undefined {
  const m = /@(\[[^\]]+\]|[^:@]+):(\d+)$/.exec(pid ?? '');
  return m ? `${m[1]}:${m[2]}` : undefined;
}

/**
 * A state that is JSON but not an object (`null`, a list, a number: a proxy, a hostile or broken server) is one
 * not-json line, not a TypeError when its fields are read.
 */
function stateObject(raw: unknown, res: HttpResponse): RawState {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as RawState;
  throw new ClusterError('not-json', `${showUrl(res.url)}: the answer is JSON but not an object: this is not a Mesos master's state — check host, port and path`, { url: showUrl(res.url), status: res.status });
}

/** The entries of a list that are objects: a `null` or a number among the agents is skipped, not a crash. */
function objects<T>(xs: T[] | undefined): T[] {
  return Array.isArray(xs) ? xs.filter((x) => !!x && typeof x === 'object') : [];
}

async function getState(url: string, opts: ClientOptions): Promise<HttpResponse> {
  return request(url, { ...opts, leaderRedirects: true });
}

/**
 * The master's state as the agent reads it: `/master/state.json`, following a standby's 307 to the
 * leader (credentials re-sent only when the standby had accepted them, see CredentialTrust); on 404
 * (Mesos ≥ 1.8) `/master/state` instead. A 0.x standby answers its own near-empty state naming the
 * leader: that leader is asked once, with the credentials only if the standby answered with them.
 */
export async function mesosState(base: string, given: ClientOptions = {}): Promise<MesosState> {
  const opts = withTrust(base, given);
  let stateJson = true;
  let res = await getState(join(base, '/master/state.json'), opts);
  if (res.status === 404) {
    stateJson = false;
    res = await getState(join(base, '/master/state'), opts);
    if (res.status === 404) {
      throw new ClusterError('not-found', `${showUrl(res.url)}: 404 for both /master/state.json and /master/state: this is not a Mesos master (an agent on 5051?) — point the URI at a master, port 5050`, { url: showUrl(res.url), status: 404 });
    }
  }
  if (res.status !== 200) throw mesosError(res, credentialsOf(opts), opts.credentialsHint);
  let raw = stateObject(parseJson<RawState>(res, 'Mesos'), res);
  const latency0 = res.latencyMs;
  const self = pidHostPort(raw.pid);
  const leaderPid = pidHostPort(raw.leader);
  if (leaderPid && self && leaderPid !== self && (raw.frameworks ?? []).length === 0) {
    // A 0.x standby: it names the leader in its own state. Ask the leader once.
    const u = new URL(res.url);
    const next = `${u.protocol}//${leaderPid}${u.pathname}`;
    // A host that never had the credentials (reached after a redirect that left them behind) may name
    // itself or anyone here: the trust extends only from a master that received and accepted them.
    opts.trust?.namesLeader(u, next);
    const r2 = await getState(next, opts);
    if (r2.status !== 200) throw mesosError(r2, credentialsOf(opts), opts.credentialsHint);
    raw = stateObject(parseJson<RawState>(r2, 'Mesos'), r2);
    r2.hops.unshift(...res.hops);
    r2.latencyMs += latency0;
    res = r2;
  }
  const agents: MesosAgent[] = objects(raw.slaves).map((s) => ({
    id: String(s.id ?? ''),
    hostname: String(s.hostname ?? ''),
    ip: pidHostPort(s.pid)?.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''),
    address: pidHostPort(s.pid),
    processId: /^([^@]+)@/.exec(s.pid ?? '')?.[1],
  }));
  const frameworks: MesosFramework[] = objects(raw.frameworks).map((f) => ({
    id: String(f.id ?? ''),
    name: String(f.name ?? ''),
    hostname: f.hostname,
    webui_url: f.webui_url,
    active: f.active,
  }));
  const li = raw.leader_info;
  const leader = li?.hostname && li.port ? `${li.hostname}:${li.port}` : pidHostPort(raw.leader);
  return {
    url: res.url,
    stateJson,
    version: raw.version,
    hostname: raw.hostname,
    pid: self,
    leader,
    leaderPid: pidHostPort(raw.leader),
    agents,
    frameworks,
    marathons: frameworks.filter((f) => f.name === 'marathon' && f.active !== false),
    latencyMs: res.latencyMs,
    credentialsSent: res.credentialsSent,
    hops: res.hops,
  };
}

/** Scalar resources and port ranges as `/master/slaves` shows them (`ports` as `"[31000-32000, …]"`). */
export interface MesosResources {
  cpus?: number;
  mem?: number;
  disk?: number;
  ports?: string;
}

export interface MesosAgentResources {
  id: string;
  hostname: string;
  resources: MesosResources;
  used: MesosResources;
  /** absent before Mesos 0.25 */
  unreserved?: MesosResources;
}

/**
 * `GET /master/slaves` (a standby redirects to the leader, 1.2.0 src/master/http.cpp:2247-2253): each agent's
 * `resources`, `used_resources` and `unreserved_resources` (the latter absent on old masters). The deploy plan asks
 * it whether a node has room for a second agent task beside the old one.
 */
export async function mesosAgentResources(base: string, given: ClientOptions = {}): Promise<MesosAgentResources[]> {
  const opts = withTrust(base, given);
  const res = await request(join(base, '/master/slaves'), { ...opts, leaderRedirects: true });
  if (res.status !== 200) throw mesosError(res, credentialsOf(opts));
  const raw = parseJson<{ slaves?: { id?: string; hostname?: string; resources?: MesosResources; used_resources?: MesosResources; unreserved_resources?: MesosResources }[] }>(res, 'Mesos');
  return (raw?.slaves ?? []).map((s) => ({
    id: String(s.id ?? ''),
    hostname: String(s.hostname ?? ''),
    resources: s.resources ?? {},
    used: s.used_resources ?? {},
    unreserved: s.unreserved_resources,
  }));
}
