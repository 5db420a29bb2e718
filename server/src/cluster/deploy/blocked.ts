import { KILL_FIRST_FIX, oneTaskPerNode, startsNewFirst } from './predict';
import type { QueueEntry } from './stall';

/**
 * When a stalled deployment is blocked for good, and what gets out of it. Marathon never fails a deployment; it
 * keeps offering. A one-task-per-node replacement that stops no old task first (TaskReplaceActor, v1.4.13
 * upgrade/TaskReplaceActor.scala:203-237) is blocked when no offer can take a new task: from 1.1 the queue shows the
 * room missing beside the old task (InsufficientCpus/Memory/Ports, ResourceMatcher.scala:175-180 ignoring the older
 * configuration for UNIQUE), on 0.15 every task counts and the queue has no offer statistics at all (v0.15.7
 * QueueResource.scala:33-45), so queued instances without a back-off are the sign. Offers declined for the
 * constraint on every node (more UNIQUE instances than nodes) are blocked too.
 *
 * The advice never leads into a trap: a rollback (DELETE without force) starts a revert plan (v1.4.13
 * DeploymentsResource.scala:35-58) that is itself a replacement with the same strategy, stuck for the same reason.
 * Cancelling with force only stops the deployment (202, no revert): the old tasks keep running.
 */

interface AppShape {
  id?: string;
  instances?: number;
  constraints?: unknown[];
  upgradeStrategy?: unknown;
}

interface DeploymentShape {
  currentActions?: { action?: string }[];
}

function declines(queue: QueueEntry): { text: string; reasons: string[] } {
  const summary = (queue.processedOffersSummary?.rejectSummaryLastOffers ?? []).filter((r) => (r.declined ?? 0) > 0);
  if (summary.length > 0) {
    const seen = new Set<string>();
    const shown = summary.filter((r) => !seen.has(r.reason ?? '') && seen.add(r.reason ?? ''));
    return { text: `offers declined: ${shown.map((r) => `${r.reason} ${r.declined}/${r.processed}`).join(', ')}`, reasons: shown.map((r) => r.reason ?? '') };
  }
  const reasons = [...new Set((queue.lastUnusedOffers ?? []).flatMap((u) => u.reason ?? []))];
  return { text: reasons.length ? `offers declined: ${reasons.join(', ')}` : `${queue.count} task(s) waiting, no offer taken`, reasons };
}

/** One reason with the way out, or undefined when the stall may still heal (a back-off, offers still taken). */
export function blockedReason(app: AppShape, deployment: DeploymentShape, queue: QueueEntry | undefined, deploymentId: string): string | undefined {
  if (!queue || !((queue.count ?? 0) > 0) || (queue.delay?.timeLeftSeconds ?? 0) > 0) return undefined;
  const d = declines(queue);
  const hasStats = !!queue.processedOffersSummary || !!queue.lastUnusedOffers;
  if (hasStats && d.reasons.length === 0) return undefined;
  const replacing = (deployment.currentActions ?? []).some((a) => a.action === 'RestartApplication');
  const app$ = app as Record<string, unknown>;
  const cancel = `cancel it with force (DELETE /v2/deployments/${deploymentId}?force=true: it only stops the deployment, the old tasks keep running)`;
  if (replacing && oneTaskPerNode(app$) && startsNewFirst(app$)) {
    return (
      `blocked: ${d.text} — no node can take a new task of ${app.id ?? 'the app'} (one per node) while its old one runs, and the upgradeStrategy stops no old task before a new one is healthy, so the deployment never finishes. ` +
      `A rollback (DELETE without force) would start a revert that needs the same replacement and stalls the same way. To get out: ${cancel}, then ${KILL_FIRST_FIX}, and deploy again`
    );
  }
  if (d.reasons.includes('UnfulfilledConstraint') && d.reasons.length === 1) {
    return `blocked: ${d.text} — no node meets the app's constraints for the ${queue.count} instance(s) still to start (more one-per-node instances than nodes?), so the deployment never finishes. To get out: ${cancel}, then lower instances to what the nodes allow, and deploy again`;
  }
  return undefined;
}
