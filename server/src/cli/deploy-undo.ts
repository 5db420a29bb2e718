import { DeployError, followDeployment, rollbackDeployment, type DeployPlan, type FollowOutcome, type ProgressEvent } from '../cluster/deploy/index';

/**
 * `deploy --on-failure rollback|cancel`: what the CLI does with a deployment that timed out or is blocked, and the
 * outcome the person sees. A rollback (DELETE /v2/deployments/{id}) makes Marathon start a revert deployment
 * (200 {version, deploymentId}, v1.4.13 api/v2/DeploymentsResource.scala:50-57), which is followed to its end like
 * any other; a cancel (`?force=true`, 202, no body, :45-49) only stops the deployment where it is. A blocked
 * one-task-per-node replacement is never rolled back: the revert is a replacement with the same strategy and stalls
 * the same way (blocked.ts) — it is cancelled instead only when asked for `cancel`.
 */

export type OnFailure = 'leave' | 'rollback' | 'cancel';

export interface UndoResult {
  /** what was done, for the report */
  undo: 'rolled-back' | 'rollback-stalled' | 'cancelled' | 'refused' | 'gone' | 'failed';
  /** one line for a person */
  message: string;
  ok: boolean;
}

export async function undoDeployment(
  plan: DeployPlan,
  deploymentId: string,
  outcome: Extract<FollowOutcome, { outcome: 'timeout' | 'blocked' }>,
  how: Exclude<OnFailure, 'leave'>,
  o: { signal?: AbortSignal; pollMs?: number; waitSeconds?: number; progress: (p: ProgressEvent) => void },
): Promise<UndoResult> {
  if (how === 'rollback' && outcome.outcome === 'blocked') {
    return {
      undo: 'refused',
      ok: false,
      message: `not rolled back: the revert would need the same replacement and stall the same way — use --on-failure cancel (DELETE /v2/deployments/${deploymentId}?force=true), then the kill-first upgradeStrategy`,
    };
  }
  let r;
  try {
    r = await rollbackDeployment(plan.target, deploymentId, { force: how === 'cancel', signal: o.signal });
  } catch (e) {
    if (e instanceof DeployError && e.kind === 'no-deployment') return { undo: 'gone', ok: false, message: e.message };
    return { undo: 'failed', ok: false, message: `${how === 'cancel' ? 'cancel' : 'rollback'} failed: ${(e as Error).message}` };
  }
  if (r.kind === 'cancelled') {
    return { undo: 'cancelled', ok: false, message: `deployment ${deploymentId} cancelled (it only stopped: tasks it started or stopped stay as they are, the old ones keep running)` };
  }
  const back = await followDeployment({
    target: plan.target,
    appId: plan.appId,
    deploymentId: r.deploymentId,
    version: r.version,
    instances: plan.action === 'update' && typeof plan.current.instances === 'number' ? plan.current.instances : plan.instances,
    removes: plan.action === 'create',
    timeoutMs: (o.waitSeconds ?? 600) * 1000,
    pollMs: o.pollMs,
    signal: o.signal,
    onProgress: o.progress,
  });
  if (back.outcome === 'success') {
    const p = back.progress;
    return { undo: 'rolled-back', ok: false, message: plan.action === 'create' ? `rolled back: ${plan.appId} removed (deployment ${r.deploymentId})` : `rolled back to the previous definition (deployment ${r.deploymentId}): ${p.running} of ${p.instances} task(s) running` };
  }
  if (back.outcome === 'blocked' || back.outcome === 'timeout') return { undo: 'rollback-stalled', ok: false, message: `the rollback (deployment ${r.deploymentId}) did not finish: ${back.reason}` };
  return { undo: 'failed', ok: false, message: `the rollback (deployment ${r.deploymentId}) ended ${back.outcome}${'reason' in back ? `: ${back.reason}` : ''}` };
}
