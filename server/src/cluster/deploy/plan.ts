import { ClusterError, showUrl } from '../errors';
import { parseClusterUri, type Credentials } from '../http';
import { marathonLeader } from '../marathon';
import { bodyReason } from '../errors';
import { appPath, call, marathonStatusError, okJson } from './api';
import { diffApps } from './normalise';
import { dropUnknownFields } from './dropped';
import { predictUpgrade, oneTaskPerNode, startsNewFirst } from './predict';
import { mesosAgentResources, type MesosAgentResources } from '../mesos';
import { Secrets } from '../../service/secrets';
import type { DeployPlan, MarathonTarget, MesosTarget, PreparedApp, StallPrediction } from './types';

export interface TargetOptions {
  /** wins over the URI's user-info (marathon_user/marathon_password, settings, SecretStorage) */
  credentials?: Credentials;
  timeoutMs?: number;
  insecure?: boolean;
}

/** A Marathon URI (possibly `http://user:pass@host:8080/prefix`) as a target; throws ClusterError 'bad-uri'. */
export function marathonTarget(uri: string, opts: TargetOptions = {}): MarathonTarget {
  const u = parseClusterUri(uri, true);
  return {
    base: u.base,
    credentials: opts.credentials ?? u.credentials,
    shown: u.shown,
    timeoutMs: opts.timeoutMs,
    connectTimeoutMs: opts.timeoutMs !== undefined ? Math.min(opts.timeoutMs, 5000) : undefined,
    insecure: opts.insecure,
  };
}

/**
 * Names the leader and decides create or update. Every request goes to the URI given: a standby proxies
 * every path to the leader (mesos-marathon-api.md §1.5), and the leader's own `host:port` may be an
 * address this machine cannot reach or lack the URI's path prefix. A standby that cannot reach its
 * leader, or no leader at all, answers 5xx/404 → ClusterError 'no-leader'.
 */
export async function planDeploy(
  target: MarathonTarget,
  app: Extract<PreparedApp, { ok: true }>,
  options: { signal?: AbortSignal; /** asked whether nodes have room (the stall prediction); absent: not predicted */ mesos?: MesosTarget } = {},
): Promise<DeployPlan> {
  // Cancel during planning aborts the GET in flight (ClusterError 'cancelled'): no plan, so nothing to send.
  const { leader, res: leaderRes } = await marathonLeader(target.base, { ...target, signal: options.signal });
  const via = leaderRes.headers['x-marathon-via']?.replace(/^\S+\s+/, '');
  const res = await call(target, 'GET', `/v2/apps${appPath(app.appId)}`, options.signal);
  const common = {
    target,
    leader,
    via,
    marathon: target.shown,
    appId: app.appId,
    instances: app.instances,
    body: app.body,
    redacted: app.redacted,
    secretValues: app.secretValues,
    ignored: ignoredFields(app.body),
  };
  if (res.status === 404 && /does not exist/i.test(bodyReason(res.body, res.headers['content-type']))) return { ...common, action: 'create' };
  if (res.status === 404) throw marathonStatusError(res, target.credentialsHint);
  const j = okJson<{ app?: Record<string, unknown> }>(res, target.credentialsHint);
  if (!j || typeof j.app !== 'object' || !j.app) {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer has no "app": this is not Marathon's /v2/apps — check host, port and path`, { url: showUrl(res.url), status: res.status });
  }
  const current = j.app;
  const sent = JSON.parse(app.body) as Record<string, unknown>;
  const diff = diffApps(current, sent, new Secrets().add(...app.secretValues).addCredentials(target.credentials), JSON.parse(app.redacted) as Record<string, unknown>);
  const runningDeployments = Array.isArray(current.deployments) ? (current.deployments as { id?: unknown }[]).map((d) => String(d?.id ?? '')).filter(Boolean) : [];
  const stall = diff.configChanged ? await stallOf(target, current, diff.merged, options) : undefined;
  return {
    ...common,
    action: 'update',
    current,
    diff: { before: diff.before, after: diff.after },
    unchanged: diff.unchanged,
    secretsChanged: diff.secretsChanged,
    runningDeployments,
    configChanged: diff.configChanged,
    ...(stall ? { stall } : {}),
  };
}

/**
 * The stall prediction of a replacement (predict.ts): asks Marathon's version (`/v2/info`: before 1.1 the old tasks
 * count for UNIQUE) and Mesos's agents (`/master/slaves`) only when the app is one task per node and its strategy
 * stops no old task first. A failure to ask is not a failure of the plan: the prediction says it could not be made.
 */
async function stallOf(target: MarathonTarget, current: Record<string, unknown>, merged: Record<string, unknown>, options: { signal?: AbortSignal; mesos?: MesosTarget }): Promise<StallPrediction | undefined> {
  if (!oneTaskPerNode(merged) || !startsNewFirst(merged)) return undefined;
  let marathonVersion: string | undefined;
  try {
    const info = await call(target, 'GET', '/v2/info', options.signal);
    if (info.status === 200) marathonVersion = String((JSON.parse(info.body) as { version?: unknown })?.version ?? '') || undefined;
  } catch (e) {
    if (options.signal?.aborted) throw e;
  }
  let agents: MesosAgentResources[] | string;
  if (!options.mesos) agents = 'no Mesos URI: pass --mesos, or give mesos_state_uri in the config';
  else {
    try {
      agents = await mesosAgentResources(options.mesos.base, { credentials: options.mesos.credentials, timeoutMs: options.mesos.timeoutMs, insecure: options.mesos.insecure, signal: options.signal });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      agents = `Mesos ${options.mesos.shown}: ${(e as Error).message}`;
    }
  }
  return predictUpgrade({ current, merged, marathonVersion, agents });
}

/** The body's fields Marathon drops; none for a body that is not a JSON object (Marathon refuses it whole). */
function ignoredFields(body: string): string[] {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return [];
  }
  return j && typeof j === 'object' && !Array.isArray(j) ? dropUnknownFields(j as Record<string, unknown>).dropped.map((d) => d.pointer) : [];
}
