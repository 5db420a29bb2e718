// "Deploy agent app to Marathon": the server prepares, plans, sends and follows (sysdig-mesos/deploy*);
// this file is the conversation — trust, the access key from SecretStorage, the diff view, the modal
// confirmation, the locked/force question, cancellable progress and the rollback offer. The file on disk is
// never changed; the key goes from SecretStorage to the server in memory and is never shown or logged.
import * as vscode from 'vscode';
import {
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  DEPLOY_ROLLBACK_REQUEST,
  DEPLOY_SEND_REQUEST,
  type DeployFollowResult,
  type DeployPlanParams,
  type DeployPlanResult,
  type DeployProgressParams,
  type DeployRollbackResult,
  type DeploySendResult,
} from '../../server/src/lsp/constants';
import { findDocument, requireTrust, type ClusterDiagnostics, type ClusterHost } from './cluster-commands';
import { confirmation, outcomeText, progressIncrement, progressText, refusal, refusalButtons, refusalDiagnostic, stallRefusal } from './deploy-text';
import { ACCESS_KEY_SECRET, COMMANDS, CONTEXT_KEYS, MARATHON_CREDENTIALS_SECRET, SECTION } from './ids';

export const DIFF_SCHEME = 'sysdig-mesos-marathon';

/** Read-only documents for the diff view: the app as Marathon has it, and as it will be after the deploy. */
export class DiffContent implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private n = 0;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }
  add(name: string, text: string): vscode.Uri {
    if (this.texts.size > 20) this.texts.clear();
    const path = `/${++this.n}/${name}`;
    this.texts.set(path, text);
    return vscode.Uri.from({ scheme: DIFF_SCHEME, path });
  }
}

export interface DeployDeps {
  host: ClusterHost;
  diagnostics: ClusterDiagnostics;
  secrets: vscode.SecretStorage;
  diffs: DiffContent;
}

export async function deployApp(deps: DeployDeps, arg?: vscode.Uri): Promise<boolean> {
  const { host } = deps;
  if (!(await requireTrust('Deploy agent app to Marathon'))) return false;
  const client = await host.client();
  if (!client) throw new Error('the language server is not running (see its log)');
  const appDoc = await findDocument(host, 'marathon-app', arg);
  if (!appDoc) {
    void vscode.window.showWarningMessage("No Marathon app for the agent (sysdig.json) to deploy: open one, or create it (completion offers the guide's app in an empty sysdig.json).");
    return false;
  }
  const configDoc = await findDocument(host, 'dragent');
  const conf = vscode.workspace.getConfiguration(SECTION, appDoc.uri);
  const variables = Object.fromEntries(Object.entries(conf.get<Record<string, unknown>>('deploy.variables') ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const timeoutSeconds = conf.get<number>('deploy.timeoutSeconds') ?? 600;
  const asParam = (d: vscode.TextDocument) => ({ uri: client.code2ProtocolConverter.asUri(d.uri), text: d.getText() });
  const file = vscode.workspace.asRelativePath(appDoc.uri);
  const params: DeployPlanParams = {
    app: asParam(appDoc),
    config: configDoc ? asParam(configDoc) : undefined,
    marathon: conf.get<string>('deploy.marathonUri') || undefined,
    accessKey: (await deps.secrets.get(ACCESS_KEY_SECRET)) || undefined,
    credentials: await storedCredentials(deps.secrets),
    collector: conf.get<string>('deploy.collector') || undefined,
    variables,
  };
  host.output.info(`Deploy ${file}: planning${params.accessKey ? ' (access key from secret storage)' : ''}`);

  // ---- plan
  // Cancel sends $/cancelRequest: the server aborts the request in flight and keeps no plan. An answer
  // that arrives after the Cancel is dropped here too: nothing is shown, confirmed or sent.
  let plan: DeployPlanResult;
  let planCancelled = false;
  try {
    plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploy ${file}: asking Marathon…`, cancellable: true }, async (_progress, cancel) => {
      try {
        return await client.sendRequest<DeployPlanResult>(DEPLOY_PLAN_REQUEST, params, cancel);
      } finally {
        planCancelled = cancel.isCancellationRequested;
      }
    });
  } catch (e) {
    if (planCancelled) {
      host.output.info(`Deploy ${file}: cancelled while planning; nothing was sent to Marathon`);
      return false;
    }
    const msg = e instanceof Error ? e.message : String(e);
    host.output.error(`Deploy ${file}: ${msg}`);
    const creds = /\b401\b|unauthori[sz]ed|credentials/i.test(msg) ? ['Set Marathon Credentials'] : [];
    void vscode.window.showErrorMessage(`Deploy: ${msg}`, ...creds, 'Show Output').then(async (p) => {
      if (p === 'Show Output') host.output.show(true);
      if (p === 'Set Marathon Credentials') await vscode.commands.executeCommand(COMMANDS.setMarathonCredentials);
    });
    return false;
  }
  if (planCancelled) {
    host.output.info(`Deploy ${file}: cancelled while planning; nothing was sent to Marathon`);
    return false;
  }
  if (plan.kind === 'refused') {
    const r = refusal(plan, file);
    for (const line of [r.message, ...r.detail.split('\n')]) host.output.warn(line);
    // "Show Problems" shows every reason: those the editor does not show already (a rule turned off in the
    // settings still refuses a placeholder) join the Problems panel until the next edit
    const shown = vscode.languages.getDiagnostics(appDoc.uri);
    const missing = plan.problems.filter((p) => !shown.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === p.range.start.line && (typeof d.code === 'object' ? d.code.value : d.code) === p.ruleId));
    deps.diagnostics.set('deploy', missing.length ? [{ uri: appDoc.uri.toString(), items: missing.map(refusalDiagnostic) }] : []);
    const buttons = refusalButtons(r.detail);
    const pick = await vscode.window.showErrorMessage(r.message, { modal: true, detail: r.detail }, ...buttons);
    if (pick === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (pick === 'Set Access Key') await vscode.commands.executeCommand(COMMANDS.setAccessKey);
    if (pick === 'Open Deploy Settings') await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.deploy`);
    return false;
  }
  host.output.info(`Deploy ${file}: ${plan.action} ${plan.appId} on ${plan.marathon} (leader ${plan.leader})`);
  if (plan.action === 'update' && plan.unchanged && !plan.secretsChanged?.length) {
    const running = plan.tasksRunning ?? 0;
    const ignored = (plan.ignored ?? []).map((f) => `\`${f.slice(1).replace(/\//g, '.')}\``);
    const msg = `${plan.appId} on Marathon ${plan.leader} already has this definition (${running} of ${plan.instances} task(s) running): nothing to deploy.${ignored.length ? ` Marathon ignores ${ignored.join(', ')}: not kept.` : ''}`;
    host.output.info(msg);
    void vscode.window.showInformationMessage(msg);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.deployed, running >= plan.instances);
    return running >= plan.instances;
  }
  if (plan.action === 'update' && plan.diff) {
    const left = deps.diffs.add(`${plan.appId.replace(/\//g, '_')}.marathon.json`, plan.diff.before);
    const right = deps.diffs.add(`${plan.appId.replace(/\//g, '_')}.${file.replace(/[\\/]/g, '_')}.json`, plan.diff.after);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${plan.appId}: on Marathon ↔ after deploy`, { preview: true });
  }

  // ---- an update that can never finish is not sent unless the person says so (the plan asked Mesos for room)
  const stall = stallRefusal(plan);
  if (stall) {
    host.output.warn(`Deploy ${file}: ${stall.message} ${stall.detail.replace(/\n+/g, ' ')}`);
    const pick = await vscode.window.showErrorMessage(stall.message, { modal: true, detail: stall.detail }, stall.fixButton, stall.anywayButton);
    if (pick === stall.fixButton) {
      await applyKillFirst(appDoc, file, host);
      return false;
    }
    if (pick !== stall.anywayButton) return false;
  }

  // ---- confirm and send
  const c = confirmation(plan);
  const go = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, c.button);
  if (go !== c.button) {
    host.output.info(`Deploy ${file}: not confirmed`);
    return false;
  }
  let sent = await client.sendRequest<DeploySendResult>(DEPLOY_SEND_REQUEST, { planId: plan.planId });
  if (sent.kind === 'locked') {
    host.output.warn(`Deploy ${file}: ${sent.message}`);
    const force = 'Force Update';
    const pick = await vscode.window.showWarningMessage(
      `Marathon is still deploying ${plan.appId} (${sent.deployments.join(', ') || 'a deployment'}).`,
      { modal: true, detail: 'Forcing cancels that deployment where it stands and starts this one. Tasks it already changed stay changed.' },
      force,
    );
    if (pick !== force) return false;
    sent = await client.sendRequest<DeploySendResult>(DEPLOY_SEND_REQUEST, { planId: plan.planId, force: true });
  }
  if (sent.kind === 'rejected') {
    deps.diagnostics.set('marathon', sent.diagnostics);
    host.output.error(`Deploy ${file}: ${sent.message}`);
    for (const d of sent.diagnostics.flatMap((x) => x.items)) host.output.error(`  ${file}:${d.range.start.line + 1}: ${d.message}`);
    void vscode.window.showErrorMessage(`Marathon refused ${plan.appId}: ${sent.message} — see the marked lines in ${file}.`);
    return false;
  }
  if (sent.kind !== 'sent') {
    host.output.error(`Deploy ${file}: ${sent.message}`);
    void vscode.window.showErrorMessage(`Deploy: ${sent.message}`);
    return false;
  }
  const deploymentId = sent.deploymentId;
  host.output.info(`Deploy ${file}: deployment ${deploymentId} (version ${sent.version}) started`);

  // ---- follow (the deployment, and a rollback's own deployment, to their ends)
  const follow = (id: string, version: string, rollback: boolean) => {
    const token = `${plan.planId}:${id}`;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${rollback ? 'Rolling back' : 'Deploying'} ${plan.appId}`, cancellable: true },
      async (progress, cancel) => {
        let reported = 0;
        const sub = client.onNotification(DEPLOY_PROGRESS_NOTIFICATION, (p: DeployProgressParams) => {
          if (p.progressToken !== token) return;
          const increment = progressIncrement(p, reported);
          reported += increment;
          progress.report({ message: progressText(p), increment });
          host.output.info(`  ${progressText(p)}`);
        });
        try {
          return await client.sendRequest<DeployFollowResult>(DEPLOY_FOLLOW_REQUEST, { planId: plan.planId, deploymentId: id, version, progressToken: token, timeoutMs: timeoutSeconds * 1000, rollback }, cancel);
        } catch (e) {
          // a cancelled request may end as an error rather than the server's own 'cancelled' answer
          if (cancel.isCancellationRequested) return { outcome: 'cancelled', message: 'cancelled', running: 0, instances: plan.instances, listed: true } satisfies DeployFollowResult;
          return { outcome: 'failed', message: e instanceof Error ? e.message : String(e), running: 0, instances: plan.instances } satisfies DeployFollowResult;
        } finally {
          sub.dispose();
        }
      },
    );
  };
  const result = await follow(deploymentId, sent.version, false);
  const out = outcomeText(result, plan.appId);
  host.output.info(`Deploy ${file}: ${result.outcome} — ${result.message}`);
  if (result.outcome === 'success') {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.deployed, true);
    void vscode.window.showInformationMessage(out.message, 'Show Output').then((p) => p && host.output.show(true));
    return true;
  }
  if (result.outcome === 'blocked') {
    // No rollback offered: its revert needs the same replacement and would be stuck the same way (blocked.ts).
    const cancelForce = 'Cancel Deployment';
    const pick = await vscode.window.showErrorMessage(
      out.message,
      { modal: true, detail: `Cancel stops deployment ${deploymentId} where it is (DELETE /v2/deployments with force): no revert, the old agents keep running. Then add the kill-first upgradeStrategy (the quick fix "Stop old agents first") and deploy again.` },
      cancelForce,
    );
    if (pick === cancelForce) {
      const rb = await client.sendRequest<DeployRollbackResult>(DEPLOY_ROLLBACK_REQUEST, { planId: plan.planId, deploymentId, force: true });
      const msg = rb.kind === 'error' ? `Cancel failed: ${rb.message}` : `Deployment ${deploymentId} cancelled: the old tasks keep running. Use the kill-first upgradeStrategy and deploy again.`;
      host.output.info(`Deploy ${file}: ${msg}`);
      if (rb.kind === 'error') void vscode.window.showErrorMessage(msg);
      else {
        const fix = 'Use Kill-First Strategy';
        if ((await vscode.window.showInformationMessage(msg, fix)) === fix) await applyKillFirst(appDoc, file, host);
      }
    }
    return false;
  }
  // a rollback is offered only for a deployment that exists (still listed at the last poll)
  if ((result.outcome === 'cancelled' || result.outcome === 'timeout') && result.listed) {
    const rollback = 'Roll Back';
    const pick = await vscode.window.showWarningMessage(
      `${out.message} The deployment goes on in Marathon.`,
      { modal: true, detail: `Roll back asks Marathon to revert deployment ${deploymentId} (DELETE /v2/deployments): a new app is removed, an updated one returns to its previous definition. The revert is followed to its end.` },
      rollback,
    );
    if (pick === rollback) {
      const rb = await client.sendRequest<DeployRollbackResult>(DEPLOY_ROLLBACK_REQUEST, { planId: plan.planId, deploymentId });
      if (rb.kind !== 'rollback') {
        const msg = rb.kind === 'cancelled' ? `Deployment ${deploymentId} stopped.` : `Rollback failed: ${rb.message}`;
        host.output.info(`Deploy ${file}: ${msg}`);
        void (rb.kind === 'error' ? vscode.window.showErrorMessage(msg) : vscode.window.showInformationMessage(msg));
        return false;
      }
      host.output.info(`Deploy ${file}: rolling back ${plan.appId} (deployment ${rb.deploymentId})`);
      const back = await follow(rb.deploymentId, rb.version, true);
      const bo = outcomeText(back, plan.appId);
      host.output.info(`Deploy ${file}: rollback ${back.outcome} — ${back.message}`);
      void (back.outcome === 'success' ? vscode.window.showInformationMessage(bo.message) : vscode.window.showErrorMessage(`Rollback: ${bo.message}`));
    }
    return false;
  }
  void vscode.window.showErrorMessage(out.message, 'Show Output').then((p) => p && host.output.show(true));
  return false;
}

/**
 * The rule agent-app-upgrade-strategy's quick fix, applied to the open file (the person saves and deploys again):
 * the smallest edit, formatting kept, as the rule makes it. Without that diagnostic (the rule turned off) the fix is named.
 */
async function applyKillFirst(doc: vscode.TextDocument, file: string, host: ClusterHost): Promise<void> {
  const diag = vscode.languages.getDiagnostics(doc.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'agent-app-upgrade-strategy');
  const actions = diag ? ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range)) ?? []) : [];
  const fix = actions.find((a) => a.edit && /minimumHealthCapacity/.test(a.title));
  if (!fix?.edit) {
    void vscode.window.showWarningMessage(`Add "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0} to ${file}, then deploy again.`);
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
  host.output.info(`Deploy ${file}: kill-first upgradeStrategy added (not saved); deploy again to send it`);
  void vscode.window.showInformationMessage(`Kill-first upgradeStrategy added to ${file}: on each node monitoring pauses until its new agent runs. Save and deploy again.`);
}

async function storedCredentials(secrets: vscode.SecretStorage): Promise<{ user: string; password: string } | undefined> {
  const raw = await secrets.get(MARATHON_CREDENTIALS_SECRET);
  if (!raw) return undefined;
  try {
    const c = JSON.parse(raw) as { user?: unknown; password?: unknown };
    return typeof c.user === 'string' && c.user !== '' ? { user: c.user, password: typeof c.password === 'string' ? c.password : '' } : undefined;
  } catch {
    return undefined;
  }
}

/** Asks for the deploying user's Marathon credentials and keeps them in SecretStorage (empty user: forget them). */
export async function setMarathonCredentials(secrets: vscode.SecretStorage): Promise<void> {
  const user = await vscode.window.showInputBox({
    title: 'Marathon credentials for deploy (1/2)',
    prompt: 'Marathon user (--http_credentials). Leave empty to remove the stored credentials. The agent\'s own credentials stay in dragent.yaml.',
    ignoreFocusOut: true,
  });
  if (user === undefined) return;
  if (user.trim() === '') {
    await secrets.delete(MARATHON_CREDENTIALS_SECRET);
    void vscode.window.showInformationMessage('The stored Marathon credentials were removed.');
    return;
  }
  const password = await vscode.window.showInputBox({ title: 'Marathon credentials for deploy (2/2)', prompt: `Password of ${user.trim()}`, password: true, ignoreFocusOut: true });
  if (password === undefined) return;
  await secrets.store(MARATHON_CREDENTIALS_SECRET, JSON.stringify({ user: user.trim(), password }));
  void vscode.window.showInformationMessage(`Marathon credentials for ${user.trim()} stored in VS Code's secret storage; deploy uses them.`);
}
