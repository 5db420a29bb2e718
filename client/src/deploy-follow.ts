// Following a deployment in the editor: the cancellable progress; the rollback offered after a cancel or a timeout
// (its revert deployment followed to its end, then one message of the state it left); the wait for a rollback of ours
// that still locks the app when the next deploy comes; the forced cancel of a blocked deployment.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  DEPLOY_ROLLBACK_REQUEST,
  type DeployFollowResult,
  type DeployPlanResult,
  type DeployProgressParams,
  type DeployRollbackResult,
} from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import { progressIncrement, progressText, rollbackOutcome, rollbackWaitEnd, rollbackWaitTitle } from './deploy-text';
import { applyKillFirst } from './kill-first';

type Plan = Extract<DeployPlanResult, { kind: 'plan' }>;

/** One deploy's conversation: the server, the log, the plan, the file it came from. */
export interface Following {
  client: LanguageClient;
  host: ClusterHost;
  plan: Plan;
  file: string;
  appDoc: vscode.TextDocument;
  timeoutSeconds: number;
}

/** Follows one deployment under a cancellable progress notification; every progress line goes to the log too. */
export function follow(f: Following, id: string, version: string, title: string, rollback: boolean): Thenable<DeployFollowResult> {
  const { client, host, plan } = f;
  const token = `${plan.planId}:${id}`;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
    let reported = 0;
    const sub = client.onNotification(DEPLOY_PROGRESS_NOTIFICATION, (p: DeployProgressParams) => {
      if (p.progressToken !== token) return;
      const increment = progressIncrement(p, reported);
      reported += increment;
      progress.report({ message: progressText(p), increment });
      host.output.info(`  ${progressText(p)}`);
    });
    try {
      return await client.sendRequest<DeployFollowResult>(DEPLOY_FOLLOW_REQUEST, { planId: plan.planId, deploymentId: id, version, progressToken: token, timeoutMs: f.timeoutSeconds * 1000, rollback }, cancel);
    } catch (e) {
      // a cancelled request may end as an error rather than the server's own 'cancelled' answer
      if (cancel.isCancellationRequested) return { outcome: 'cancelled', message: 'cancelled', running: 0, instances: plan.instances, listed: true } satisfies DeployFollowResult;
      return { outcome: 'failed', message: e instanceof Error ? e.message : String(e), running: 0, instances: plan.instances } satisfies DeployFollowResult;
    } finally {
      sub.dispose();
    }
  });
}

/** After a cancel or a timeout of a deployment that still exists: the modal offering the rollback, and the rollback. */
export async function offerRollback(f: Following, deploymentId: string, message: string): Promise<void> {
  const rollback = 'Roll Back';
  const pick = await vscode.window.showWarningMessage(
    `${message} The deployment goes on in Marathon.`,
    { modal: true, detail: `Roll back asks Marathon to revert deployment ${deploymentId} (DELETE /v2/deployments): a new app is removed, an updated one returns to its previous definition. The revert is followed to its end.` },
    rollback,
  );
  if (pick === rollback) await rollBack(f, deploymentId);
  else f.host.output.info(`Deploy ${f.file}: not rolled back; deployment ${deploymentId} goes on in Marathon`);
}

/**
 * DELETE /v2/deployments/{id}: Marathon starts a revert deployment that holds the app's lock until it ends
 * (v1.4.13 api/v2/DeploymentsResource.scala:50-57). It is followed to its end under its own progress, then one message
 * says the state it left — the same line in the log.
 */
async function rollBack(f: Following, deploymentId: string): Promise<void> {
  const { client, host, plan, file } = f;
  const rb = await client.sendRequest<DeployRollbackResult>(DEPLOY_ROLLBACK_REQUEST, { planId: plan.planId, deploymentId });
  if (rb.kind !== 'rollback') {
    const msg = rb.kind === 'cancelled' ? `Deployment ${deploymentId} stopped.` : `Rollback failed: ${rb.message}`;
    host.output.info(`Deploy ${file}: ${msg}`);
    void (rb.kind === 'error' ? vscode.window.showErrorMessage(msg) : vscode.window.showInformationMessage(msg));
    return;
  }
  host.output.info(`Deploy ${file}: rolling back ${plan.appId} (deployment ${rb.deploymentId})`);
  const back = await follow(f, rb.deploymentId, rb.version, `Rolling back ${plan.appId}`, true);
  const out = rollbackOutcome(back, { appId: plan.appId, action: plan.action, previousVersion: plan.currentVersion, version: rb.version });
  say(f, out);
}

/**
 * The plan met a rollback of ours still running (it locks the app): follow it to its end before anything is shown or
 * sent. `done`: it ended, plan again; `force`: it cannot end and the person chose to force past it; `stop`: nothing more.
 */
export async function waitForRollback(f: Following, pending: { deploymentId: string; version: string }): Promise<'done' | 'force' | 'stop'> {
  const { host, plan, file } = f;
  host.output.info(`Deploy ${file}: the rollback of ${plan.appId} (deployment ${pending.deploymentId}) still runs and locks it: waiting for it to finish`);
  const r = await follow(f, pending.deploymentId, pending.version, rollbackWaitTitle(plan.appId), true);
  const end = rollbackWaitEnd(r, plan.appId, pending.deploymentId);
  if (end.kind !== 'stuck') {
    say(f, { level: end.kind === 'done' ? 'info' : 'warning', message: end.message }, end.kind === 'done');
    return end.kind === 'done' ? 'done' : 'stop';
  }
  host.output.warn(`Deploy ${file}: ${end.message}`);
  const pick = await vscode.window.showErrorMessage(end.message, { modal: true, detail: end.detail }, end.button);
  return pick === end.button ? 'force' : 'stop';
}

/** A blocked one-task-per-node replacement: no rollback (its revert would stall the same way, blocked.ts) but a forced cancel. */
export async function offerCancelBlocked(f: Following, deploymentId: string, message: string): Promise<void> {
  const { client, host, plan, file } = f;
  const cancelForce = 'Cancel Deployment';
  const pick = await vscode.window.showErrorMessage(
    message,
    { modal: true, detail: `Cancel stops deployment ${deploymentId} where it is (DELETE /v2/deployments with force): no revert, the old agents keep running. Then add the kill-first upgradeStrategy (the quick fix "Stop old agents first") and deploy again.` },
    cancelForce,
  );
  if (pick !== cancelForce) return;
  const rb = await client.sendRequest<DeployRollbackResult>(DEPLOY_ROLLBACK_REQUEST, { planId: plan.planId, deploymentId, force: true });
  const msg = rb.kind === 'error' ? `Cancel failed: ${rb.message}` : `Deployment ${deploymentId} cancelled: the old tasks keep running. Use the kill-first upgradeStrategy and deploy again.`;
  host.output.info(`Deploy ${file}: ${msg}`);
  if (rb.kind === 'error') void vscode.window.showErrorMessage(msg);
  else {
    // not awaited: the deploy is over (its diff tab closes) while the offer stays in the notifications
    const fix = 'Use Kill-First Strategy';
    void vscode.window.showInformationMessage(msg, fix).then((p) => (p === fix ? applyKillFirst(f.appDoc, file, host) : undefined));
  }
}

/** One line in the log, the same sentence on screen. `quiet`: the log only (a step, not an end). */
function say(f: Following, out: { level: 'info' | 'warning' | 'error'; message: string }, quiet = false): void {
  const line = `Deploy ${f.file}: ${out.message}`;
  if (out.level === 'info') f.host.output.info(line);
  else if (out.level === 'warning') f.host.output.warn(line);
  else f.host.output.error(line);
  if (quiet) return;
  if (out.level === 'info') void vscode.window.showInformationMessage(out.message);
  else if (out.level === 'warning') void vscode.window.showWarningMessage(out.message);
  else void vscode.window.showErrorMessage(out.message, 'Show Output').then((p) => p && f.host.output.show(true));
}
