import { ClusterError, showUrl } from '../errors';
import { parseJson } from '../http';
import { appPath, call, DeployError, writeError } from './api';
import { maskValues } from './prepare';
import type { DeployPlan, SendResult } from './types';

/**
 * Sends the plan: `POST /v2/apps` for a new app, `PUT /v2/apps/{id}` for an update (`?force=true`
 * cancels the deployments that lock the app — only after the person said so). Both with
 * Content-Type application/json. Failures: DeployError (exists, locked, rejected, media-type, refused)
 * or ClusterError (401, no leader, network).
 */
export async function sendApp(plan: DeployPlan, options: { force?: boolean; signal?: AbortSignal } = {}): Promise<SendResult> {
  const q = options.force ? '?force=true' : '';
  const method = plan.action === 'create' ? 'POST' : 'PUT';
  if (options.signal?.aborted) {
    throw new ClusterError('cancelled', `cancelled before the ${method}: nothing was sent to Marathon`, { url: showUrl(plan.target.base) });
  }
  let res;
  try {
    res =
      plan.action === 'create'
        ? await call(plan.target, 'POST', `/v2/apps${q}`, options.signal, plan.body)
        : await call(plan.target, 'PUT', `/v2/apps${appPath(plan.appId)}${q}`, options.signal, plan.body);
  } catch (e) {
    // Aborted with the body possibly on the wire: Marathon may have applied it, and the answer is lost.
    if (e instanceof ClusterError && e.kind === 'cancelled') {
      throw new ClusterError('cancelled', `cancelled while the ${method} was in flight: Marathon may have applied it — look for a deployment of ${plan.appId} in GET /v2/deployments on ${plan.target.shown}`, e.details);
    }
    throw e;
  }
  // 0.9–0.11 answered a POST proxied by a standby with 200 instead of 201 (issues #1979, #2539).
  if (res.status !== 200 && res.status !== 201) {
    const e = writeError(res, plan.appId);
    // Jackson quotes the start of the body in its parse errors ("[Source: …]"): that may hold the key.
    e.message = maskValues(e.message, plan.secretValues);
    if (e instanceof DeployError) for (const d of e.info.details ?? []) d.errors = d.errors.map((x) => maskValues(x, plan.secretValues));
    throw e;
  }
  const j = parseJson<Record<string, unknown>>(res, 'Marathon');
  const header = res.headers['marathon-deployment-id'];
  // POST answers the app (deployments[0].id; the header only from 1.4); PUT answers {version, deploymentId}.
  const fromBody = typeof j?.deploymentId === 'string' ? j.deploymentId : Array.isArray(j?.deployments) ? (j.deployments as { id?: unknown }[])[0]?.id : undefined;
  const deploymentId = header ?? (typeof fromBody === 'string' ? fromBody : undefined);
  const version = typeof j?.version === 'string' ? j.version : undefined;
  if (!deploymentId || !version) {
    throw new ClusterError('not-json', `${showUrl(res.url)}: ${res.status} without a deployment id or version: this is not Marathon's answer — check the URI (a proxy?)`, { url: showUrl(res.url), status: res.status });
  }
  return { deploymentId, version, status: res.status };
}
