// "Deploy agent app to Marathon": the server prepares, plans, sends and follows (sysdig-mesos/deploy*);
// this file is the conversation — trust, the access key from SecretStorage, the wait for a rollback of ours that
// still locks the app, the diff view (deploy-diff.ts, closed when the deploy ends), the modal confirmation, the
// locked/force question; following, the rollback and the blocked cancel are deploy-follow.ts. The file on disk is
// never changed; the key goes from SecretStorage to the server in memory and is never shown or logged.
import * as vscode from 'vscode';
import {
  DEPLOY_PLAN_REQUEST,
  DEPLOY_SEND_REQUEST,
  type DeployPlanParams,
  type DeployPlanResult,
  type DeploySendResult,
} from '../../server/src/lsp/constants';
import { findDocument, requireTrust, type ClusterDiagnostics, type ClusterHost } from './cluster-commands';
import { openDiff, type DiffContent } from './deploy-diff';
import { follow, offerCancelBlocked, offerRollback, waitForRollback, type Following } from './deploy-follow';
import { confirmation, outcomeText, refusal, refusalButtons, refusalDiagnostic, stallRefusal } from './deploy-text';
import { ACCESS_KEY_SECRET, COMMANDS, CONTEXT_KEYS, MARATHON_CREDENTIALS_SECRET, SECTION } from './ids';
import { applyKillFirst } from './kill-first';
import { namedClusterParams, pickCluster } from './cluster-choice';
import type { ClusterChoice } from './named-clusters';

export { DIFF_SCHEME, DiffContent } from './deploy-diff';

export interface DeployDeps {
  host: ClusterHost;
  diagnostics: ClusterDiagnostics;
  secrets: vscode.SecretStorage;
  diffs: DiffContent;
}

/** the deploy conversation on screen, if any: one at a time (two would ask, write and follow over each other) */
let inProgress: Promise<boolean> | undefined;

export async function deployApp(deps: DeployDeps, arg?: vscode.Uri): Promise<boolean> {
  if (inProgress) {
    void vscode.window.showInformationMessage('A deploy is in progress: answer or cancel it first.');
    return false;
  }
  inProgress = deployOnce(deps, arg);
  try {
    return await inProgress;
  } finally {
    inProgress = undefined;
  }
}

async function deployOnce(deps: DeployDeps, arg?: vscode.Uri, chosen?: ClusterChoice): Promise<boolean> {
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
  const file = vscode.workspace.asRelativePath(appDoc.uri);
  // named clusters (issue 13 §2): asked each time, the workspace's own cluster first; nothing remembered
  const choice = chosen ?? (await pickCluster(host, `Deploy ${file}`, configDoc));
  if (!choice) {
    host.output.info(`Deploy ${file}: no cluster chosen; nothing was sent`);
    return false;
  }
  const named = choice.cluster ? await namedClusterParams(deps.secrets, choice.cluster) : undefined;
  /** which cluster, in every progress and result message when it is a named one */
  const where = named ? ` to cluster ${named.name}` : '';
  const conf = vscode.workspace.getConfiguration(SECTION, appDoc.uri);
  const variables = Object.fromEntries(Object.entries(conf.get<Record<string, unknown>>('deploy.variables') ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const timeoutSeconds = conf.get<number>('deploy.timeoutSeconds') ?? 600;
  const asParam = (d: vscode.TextDocument) => ({ uri: client.code2ProtocolConverter.asUri(d.uri), text: d.getText() });
  const params: DeployPlanParams = {
    app: asParam(appDoc),
    config: configDoc ? asParam(configDoc) : undefined,
    marathon: conf.get<string>('deploy.marathonUri') || undefined,
    accessKey: (await deps.secrets.get(ACCESS_KEY_SECRET)) || undefined,
    credentials: await storedCredentials(deps.secrets),
    collector: conf.get<string>('deploy.collector') || undefined,
    variables,
    ...(named ? { named } : {}),
  };
  host.output.info(`Deploy ${file}${where}: planning${params.accessKey ? ' (access key from secret storage)' : ''}`);

  // ---- plan
  // Cancel sends $/cancelRequest: the server aborts the request in flight and keeps no plan. An answer
  // that arrives after the Cancel is dropped here too: nothing is shown, confirmed or sent.
  let plan: DeployPlanResult;
  let planCancelled = false;
  try {
    plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploy ${file}${where}: asking Marathon…`, cancellable: true }, async (_progress, cancel) => {
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
    host.output.error(`Deploy ${file}${where}: ${msg}`);
    const setCreds = named ? 'Set Cluster Credentials' : 'Set Marathon Credentials';
    const creds = /\b401\b|unauthori[sz]ed|credentials/i.test(msg) ? [setCreds] : [];
    void vscode.window.showErrorMessage(`Deploy${where}: ${msg}`, ...creds, 'Show Output').then(async (p) => {
      if (p === 'Show Output') host.output.show(true);
      if (p === 'Set Marathon Credentials') await vscode.commands.executeCommand(COMMANDS.setMarathonCredentials);
      if (p === 'Set Cluster Credentials') await vscode.commands.executeCommand(COMMANDS.setClusterCredentials, named?.name);
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
  host.output.info(`Deploy ${file}${where}: ${plan.action} ${plan.appId} on ${plan.marathon} (leader ${plan.leader})`);
  const f: Following = { client, host, plan, file, appDoc, timeoutSeconds };

  // ---- a rollback of ours still locks the app: wait for its end (then plan again), or force past it
  let force = false;
  if (plan.pendingRollback) {
    const w = await waitForRollback(f, plan.pendingRollback);
    if (w === 'stop') return false;
    if (w === 'done') return deployOnce(deps, arg, choice);
    force = true;
  }
  if (plan.action === 'update' && plan.unchanged && !plan.secretsChanged?.length) {
    const running = plan.tasksRunning ?? 0;
    const ignored = (plan.ignored ?? []).map((f) => `\`${f.slice(1).replace(/\//g, '.')}\``);
    const msg = `${named ? `Cluster ${named.name}: ` : ''}${plan.appId} on Marathon ${plan.leader} already has this definition (${running} of ${plan.instances} task(s) running): nothing to deploy.${ignored.length ? ` Marathon ignores ${ignored.join(', ')}: not kept.` : ''}`;
    host.output.info(msg);
    void vscode.window.showInformationMessage(msg);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.deployed, running >= plan.instances);
    return running >= plan.instances;
  }
  // the diff tab opened for this deploy is closed when it ends, however it ends
  const diff = plan.action === 'update' && plan.diff ? await openDiff(deps.diffs, plan.appId, file, plan.diff) : undefined;
  try {
    return await confirmSendFollow(deps, f, force ? plan.pendingRollback?.deploymentId : undefined, named?.name);
  } finally {
    await diff?.close();
  }
}

/** The rest of the conversation, with the diff open: the stall refusal, the confirmation, the write, the follow. */
async function confirmSendFollow(deps: DeployDeps, f: Following, forcePast: string | undefined, cluster?: string): Promise<boolean> {
  const { client, host, plan, file, appDoc } = f;
  /** a named cluster's name in the modal and the outcome (issue 13 §2) */
  const named = (s: string) => (cluster ? `Cluster ${cluster}: ${s}` : s);

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
  const c = confirmation(plan, forcePast);
  const go = await vscode.window.showWarningMessage(named(c.message), { modal: true, detail: c.detail }, c.button);
  if (go !== c.button) {
    host.output.info(`Deploy ${file}: not confirmed`);
    return false;
  }
  // forcePast: the person chose to force past a rollback of ours that cannot finish (waitForRollback)
  let sent = await client.sendRequest<DeploySendResult>(DEPLOY_SEND_REQUEST, { planId: plan.planId, ...(forcePast ? { force: true } : {}) });
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

  // ---- follow the deployment to its end; a rollback's own deployment too (deploy-follow.ts)
  const result = await follow(f, deploymentId, sent.version, `Deploying ${plan.appId}${cluster ? ` to cluster ${cluster}` : ''}`, false);
  const out = outcomeText(result, plan.appId);
  host.output.info(`Deploy ${file}${cluster ? ` to cluster ${cluster}` : ''}: ${result.outcome} — ${result.message}`);
  if (result.outcome === 'success') {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.deployed, true);
    void vscode.window.showInformationMessage(named(out.message), 'Show Output').then((p) => p && host.output.show(true));
    return true;
  }
  if (result.outcome === 'blocked') await offerCancelBlocked(f, deploymentId, out.message);
  // a rollback is offered only for a deployment that exists (still listed at the last poll)
  else if ((result.outcome === 'cancelled' || result.outcome === 'timeout') && result.listed) await offerRollback(f, deploymentId, out.message);
  else void vscode.window.showErrorMessage(named(out.message), 'Show Output').then((p) => p && host.output.show(true));
  return false;
}

export async function storedCredentials(secrets: vscode.SecretStorage): Promise<{ user: string; password: string } | undefined> {
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
