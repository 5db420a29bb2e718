import { parseJson } from '../http';
import { call, DeployError, marathonStatusError } from './api';
import type { MarathonTarget, RollbackResult } from './types';

/**
 * `DELETE /v2/deployments/{id}` (mesos-marathon-api.md §1.1): without force Marathon answers 200 with a
 * new deployment that reverts the change — for a new app that removes it again; with `force` it answers
 * 202 and only stops the deployment, leaving the app as far as it got (no revert). 404: it is gone
 * already (finished or cancelled meanwhile).
 */
export async function rollbackDeployment(target: MarathonTarget, deploymentId: string, options: { force?: boolean; signal?: AbortSignal } = {}): Promise<RollbackResult> {
  const res = await call(target, 'DELETE', `/v2/deployments/${encodeURIComponent(deploymentId)}${options.force ? '?force=true' : ''}`, options.signal);
  if (res.status === 202) return { kind: 'cancelled' };
  if (res.status === 200) {
    const j = parseJson<{ deploymentId?: unknown; version?: unknown }>(res, 'Marathon');
    return { kind: 'rollback', deploymentId: String(j?.deploymentId ?? ''), version: String(j?.version ?? '') };
  }
  if (res.status === 404 && /does not exist/i.test(res.body)) {
    return Promise.reject(new DeployError('no-deployment', `deployment ${deploymentId} no longer exists: it finished or was cancelled meanwhile — nothing to roll back`, { status: 404 }));
  }
  throw marathonStatusError(res);
}

/** Whether `GET /v2/deployments` lists this deployment (a revert of a create has no app to name it). */
export async function deploymentListed(target: MarathonTarget, deploymentId: string, signal?: AbortSignal): Promise<boolean> {
  const res = await call(target, 'GET', '/v2/deployments', signal);
  if (res.status !== 200) throw marathonStatusError(res);
  const list = parseJson<unknown>(res, 'Marathon');
  return Array.isArray(list) && list.some((d) => (d as { id?: unknown } | null)?.id === deploymentId);
}
