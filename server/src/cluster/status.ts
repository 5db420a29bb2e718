import { createLanguageService } from '../service/index';
import { resolve } from '../service/documents/model';
import { Secrets } from '../service/secrets';
import { parseClusterUri, type Credentials } from './http';
import { CredentialTrust } from './trust';
import { mesosState, type ClientOptions, type MesosState } from './mesos';
import { canonicalAppId, marathonApp, marathonDeployments, type MarathonApp, type MarathonDeployment } from './marathon';
import { configTarget, mesosTargetOf } from './deploy/config-target';
import type { MarathonTarget } from './deploy/types';
import { buildCoverage, type ClusterCoverage, type CoverageMaster } from './coverage';

/**
 * `sysdig-mesos status`: reads Mesos' state and the agent app from Marathon (over the one HTTP client: timeouts,
 * size cap, abort signal), then builds the coverage model (coverage.ts). The requests run in parallel, at most
 * `STATUS_PARALLEL` at a time. The report comes back masked on its values; an error's message is masked too.
 */

/** the guide's app id, when no app file names one */
export const DEFAULT_APP_ID = '/sysdig-agent';
const DEFAULT_MESOS = 'http://localhost:5050';
/** at most this many requests in flight: gentle on a master that also serves the agents */
export const STATUS_PARALLEL = 4;

export interface StatusInput {
  config?: { file: string; text: string };
  mesos?: string;
  marathon?: string;
  app?: { file: string; text: string };
  timeoutMs?: number;
  insecure?: boolean;
  signal?: AbortSignal;
  /**
   * the editor's stored Marathon credentials (VS Code's SecretStorage): they win over the dragent.yaml's, as deploy's
   * do; a `marathon` URI with its own user-info wins over them
   */
  marathonCredentials?: { user: string; password: string };
  /** where this door's user sets the credentials, named by a 401's advice (default: the CLI's flags and keys) */
  credentialsHints?: { mesos?: string; marathon?: string };
}

export interface StatusReport {
  mesos: { uri: string; leader: string | null; version: string | null };
  /** `source`: the URI given (a flag, the editor's setting), the config's marathon_uris, or the guide's default */
  marathon: { uri: string; source: 'given' | 'config' | 'default' };
  appFile: string | null;
  coverage: ClusterCoverage;
}

/** A value the user gave that cannot be used (a URI, an app file without an id): exit 2. */
export class StatusUsageError extends Error {
  override readonly name = 'StatusUsageError';
}

/** Runs `jobs` with at most `cap` in flight; results in order; the first failure rejects (the others still settle). */
export async function inParallel<T>(jobs: (() => Promise<T>)[], cap: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  let failed: { e: unknown } | undefined;
  const worker = async () => {
    while (next < jobs.length && !failed) {
      const i = next++;
      try {
        out[i] = await jobs[i]();
      } catch (e) {
        failed ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cap, jobs.length) }, worker));
  if (failed) throw failed.e;
  return out;
}

/** The app id from the app file; a file without one is a usage error (status needs to know which app). */
function appIdOf(app: { file: string; text: string }): string {
  const doc = createLanguageService().parse(app.text, 'marathon-app');
  const root = resolve(doc.root);
  const idNode = root && root.type === 'object' ? resolve(root.props.find((p) => p.key === 'id')?.value ?? null) : null;
  if (!idNode || idNode.type !== 'scalar' || typeof idNode.value !== 'string' || idNode.value.trim() === '') {
    throw new StatusUsageError(`${app.file}: no "id" to look for in Marathon: run sysdig-mesos lint ${app.file}`);
  }
  return canonicalAppId(idNode.value);
}

/** The masters Mesos names: the leader, and the master that answered when it is another (a 0.x standby). */
export function mastersOf(state: MesosState): CoverageMaster[] {
  const split = (hp: string | undefined) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hp ?? '');
    return m ? { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : undefined } : undefined;
  };
  const out: CoverageMaster[] = [];
  const leader = split(state.leader);
  const leaderIp = split(state.leaderPid)?.host;
  if (leader) out.push({ hostname: leader.host, ip: leaderIp, port: leader.port, leader: true });
  const self = split(state.pid);
  const selfName = state.hostname ?? self?.host;
  if (selfName && self && !(self.host === leaderIp || selfName === leader?.host)) out.push({ hostname: selfName, ip: self.host, port: self.port, leader: !leader });
  return out;
}

export async function runStatus(input: StatusInput): Promise<StatusReport> {
  const secrets = new Secrets();
  try {
    return secrets.maskDeep(await status(input, secrets));
  } catch (e) {
    if (e instanceof Error) {
      e.message = secrets.maskText(e.message);
      if (e.stack) e.stack = secrets.maskText(e.stack);
    }
    throw e;
  }
}

/** Where the cluster is and how to ask it: what `status` and `logs` read from --config, --mesos, --marathon and --app. */
export interface ClusterTargets {
  mesos: { base: string; credentials?: Credentials; shown: string; timeoutMs?: number; insecure?: boolean };
  marathon: MarathonTarget;
  /** where the Marathon URI came from: a flag (or the editor's setting), the config's marathon_uris, the guide's default */
  marathonSource: 'given' | 'config' | 'default';
  appId: string;
  mesosOpts: ClientOptions;
  marathonOpts: ClientOptions;
}

/**
 * The Mesos master and Marathon with their credentials, as deploy reads them (the agent's own precedence: a flag's URI,
 * else the config's, with `*_user`/`*_password`), the app id (--app, else the guide's), and every password met in
 * `secrets`. A value that cannot be used is a StatusUsageError naming it.
 */
export function clusterTargets(input: Pick<StatusInput, 'config' | 'mesos' | 'marathon' | 'app' | 'timeoutMs' | 'insecure' | 'signal' | 'marathonCredentials' | 'credentialsHints'>, secrets: Secrets): ClusterTargets {
  const opts = { timeoutMs: input.timeoutMs, insecure: input.insecure };
  secrets.addUri(input.mesos).addUri(input.marathon);
  // Which Marathon and Mesos, with which credentials: as deploy reads them (the agent's own precedence).
  let marathon;
  try {
    marathon = configTarget(input.config?.text, input.marathon, opts);
  } catch (e) {
    throw new StatusUsageError((e as Error).message);
  }
  secrets.addAll(marathon.secrets);
  const stored = input.marathonCredentials?.user ? { user: input.marathonCredentials.user, password: String(input.marathonCredentials.password ?? '') } : undefined;
  const uriOwn = marathon.source === 'given' && /^[^/]*\/\/[^/@]*@/.test(input.marathon ?? '');
  if (stored && !uriOwn) marathon = { ...marathon, target: { ...marathon.target, credentials: stored } };
  secrets.addCredentials(stored);
  const m = mesosTargetOf(input.config?.text, input.mesos, secrets, opts);
  if (m.problem) throw new StatusUsageError(m.problem);
  const mesos = m.mesos ?? (() => {
    const u = parseClusterUri(DEFAULT_MESOS, false);
    return { base: u.base, credentials: undefined, shown: u.shown, timeoutMs: input.timeoutMs, insecure: input.insecure };
  })();
  const appId = input.app ? appIdOf(input.app) : DEFAULT_APP_ID;

  const mesosOpts: ClientOptions = {
    timeoutMs: input.timeoutMs,
    connectTimeoutMs: input.timeoutMs !== undefined ? Math.min(input.timeoutMs, 5000) : undefined,
    insecure: input.insecure,
    signal: input.signal,
    credentials: mesos.credentials,
    trust: mesos.credentials && new CredentialTrust(mesos.credentials, mesos.base),
    credentialsHint: input.credentialsHints?.mesos ?? (input.mesos !== undefined ? 'user:password@ in --mesos, or mesos_user/mesos_password in the --config file' : undefined),
  };
  const t = marathon.target;
  const marathonOpts: ClientOptions = {
    timeoutMs: t.timeoutMs,
    connectTimeoutMs: t.connectTimeoutMs,
    insecure: t.insecure,
    signal: input.signal,
    credentials: t.credentials,
    credentialsHint: input.credentialsHints?.marathon ?? (input.marathon !== undefined ? 'user:password@ in --marathon, or marathon_user/marathon_password in the --config file' : undefined),
  };
  return { mesos, marathon: t, marathonSource: marathon.source, appId, mesosOpts, marathonOpts };
}

async function status(input: StatusInput, secrets: Secrets): Promise<StatusReport> {
  const { mesos, marathon: t, marathonSource, appId, mesosOpts, marathonOpts } = clusterTargets(input, secrets);
  const [state, app, deployments] = (await inParallel<unknown>(
    [
      () => mesosState(mesos.base, mesosOpts),
      async () => (await marathonApp(t.base, appId, marathonOpts, ['app.tasks', 'app.lastTaskFailure', 'app.deployments'])).app,
      () => marathonDeployments(t.base, marathonOpts),
    ],
    STATUS_PARALLEL,
  )) as [MesosState, MarathonApp | undefined, MarathonDeployment[]];
  const mine = deployments.filter((d) => (app?.deployments ?? []).includes(d.id) || d.affectedApps.some((a) => canonicalAppId(a) === appId));
  const coverage = buildCoverage({
    masters: mastersOf(state),
    agents: state.agents.map((a) => ({ id: a.id, hostname: a.hostname, ip: a.ip })),
    appId,
    app,
    deployments: mine,
  });
  return { mesos: { uri: mesos.shown, leader: state.leader ?? null, version: state.version ?? null }, marathon: { uri: t.shown, source: marathonSource }, appFile: input.app?.file ?? null, coverage };
}

