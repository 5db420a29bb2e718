// The "Sysdig on Mesos" view (issue 13 §1): a tree over cluster-tree-model.ts, fed by `sysdig-mesos/clusterStatus`.
// The cluster is the one Check and Deploy use (the workspace's dragent.yaml, the deploy settings, the Marathon
// credentials in SecretStorage). Nothing is read while the view is hidden; while it is visible, on demand, after a
// deploy and every `sysdig-mesos.view.refreshSeconds` (when: view-refresh.ts). A refresh cancels the one in flight (so
// does hiding the view); progress shows on the view. The one write, "Scale to the number of agents", asks first (a modal).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CLUSTER_SCALE_REQUEST,
  CLUSTER_STATUS_REQUEST,
  type ClusterScaleParams,
  type ClusterScaleResult,
  type ClusterStatusParams,
  type ClusterStatusResult,
} from '../../server/src/lsp/constants';
import { findDocument, requireTrust, type ClusterHost } from './cluster-commands';
import { storedCredentials } from './deploy-command';
import { clusterTree, type ClusterEntry, type TreeNode } from './cluster-tree-model';
import { CLUSTERS_SETTING, COMMANDS, SECTION } from './ids';
import { REFRESH_DEFAULT_SECONDS, REFRESH_SETTING, VIEW_COMMANDS, VIEW_ID } from './view-ids';
import { RefreshLoop } from './view-refresh';
import { clusterList, namedClusterParams } from './cluster-choice';
import { viewTargets } from './named-clusters';
import { TaskLogView } from './task-log-view';
import { defaultStream, type LogStream } from './task-log-model';

/** at most this many clusters read at once (each runs its own few requests: status.ts STATUS_PARALLEL) */
const CLUSTERS_PARALLEL = 4;

interface ReadJob {
  name: string;
  named?: boolean;
  configUri?: string;
  appUri?: string;
  params: ClusterStatusParams;
}

/** the cluster's name when no dragent.yaml names it (a Marathon from the settings alone) */
const SETTINGS_CLUSTER = 'Marathon (settings)';

export class ClusterView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** undefined until the first read starts */
  private clusters: ClusterEntry[] | undefined;
  private nodes: TreeNode[] = [];
  private readonly loop: RefreshLoop;
  /** the failures the last read logged, and this read's: a failure is said once, not at every periodic read */
  private logged = new Set<string>();
  private logging = new Set<string>();
  private readonly taskLogs: TaskLogView;

  constructor(
    private readonly host: ClusterHost,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.loop = new RefreshLoop({
      visible: () => this.view.visible,
      allowed: () => vscode.workspace.isTrusted,
      intervalSeconds: () => vscode.workspace.getConfiguration(SECTION).get<number>(REFRESH_SETTING) ?? REFRESH_DEFAULT_SECONDS,
      read: (signal) => this.readWithProgress(signal),
      idle: () => this.render(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    this.taskLogs = new TaskLogView(host);
    this.render();
    this.disposables.push(
      this.taskLogs,
      this.view,
      this.changed,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) void this.refresh();
        else this.loop.pause();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${REFRESH_SETTING}`)) this.loop.schedule();
        // a named cluster added, changed or removed in the setting: read the list again
        if (e.affectsConfiguration(`${SECTION}.${CLUSTERS_SETTING}`)) void this.refresh();
      }),
      vscode.commands.registerCommand(VIEW_COMMANDS.refresh, () => this.refresh()),
      vscode.commands.registerCommand(VIEW_COMMANDS.checkConnectivity, () => this.checkConnectivity()),
      vscode.commands.registerCommand(VIEW_COMMANDS.scaleToAgents, (node?: TreeNode) => this.scale(node)),
      vscode.commands.registerCommand(VIEW_COMMANDS.showTaskLog, (node?: TreeNode) => this.showTaskLog(node)),
      vscode.commands.registerCommand(VIEW_COMMANDS.showTaskStdout, (node?: TreeNode) => this.showTaskLog(node, 'stdout')),
      vscode.commands.registerCommand(VIEW_COMMANDS.showTaskStderr, (node?: TreeNode) => this.showTaskLog(node, 'stderr')),
    );
    if (this.view.visible) void this.refresh();
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const state = !n.children?.length ? vscode.TreeItemCollapsibleState.None : n.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    // not trusted, no HTML: the values in it were escaped by the model
    item.tooltip = new vscode.MarkdownString(n.tooltip);
    item.iconPath = new vscode.ThemeIcon(n.icon, n.iconColor ? new vscode.ThemeColor(n.iconColor) : undefined);
    item.contextValue = n.contextValue;
    if (n.command) {
      // vscode.open wants a Uri; our commands take the URI string as well
      const args = n.command.command === 'vscode.open' ? n.command.arguments?.map((a) => (typeof a === 'string' ? vscode.Uri.parse(a) : a)) : n.command.arguments;
      item.command = { command: n.command.command, title: n.command.title, arguments: args };
    }
    return item;
  }

  getChildren(n?: TreeNode): TreeNode[] {
    return n ? (n.children ?? []) : this.nodes;
  }

  private render(): void {
    this.nodes = clusterTree({ trusted: vscode.workspace.isTrusted, clusters: this.clusters ?? [{ name: 'Cluster', state: { kind: 'loading' } }] }, Date.now());
    this.changed.fire(undefined);
  }

  /** Reads the cluster again (aborting a read in flight); a hidden view is not read (it reads when shown). */
  refresh(): Promise<void> {
    return this.loop.refresh();
  }

  /** one read, with progress on the view; the loop's signal cancels its request */
  private async readWithProgress(signal: AbortSignal): Promise<void> {
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    signal.addEventListener('abort', onAbort);
    try {
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => this.read(cts.token));
    } finally {
      signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }

  /** The cluster the workspace names, as Check and Deploy find it (undefined: none), and the files it was found with. */
  private async target(client: LanguageClient): Promise<{ job?: ReadJob; configDoc?: vscode.TextDocument; appDoc?: vscode.TextDocument }> {
    const configDoc = await findDocument(this.host, 'dragent');
    const appDoc = await findDocument(this.host, 'marathon-app');
    const conf = vscode.workspace.getConfiguration(SECTION, configDoc?.uri);
    const marathon = conf.get<string>('deploy.marathonUri') || undefined;
    if (!configDoc && !marathon) return { appDoc };
    const asParam = (d: vscode.TextDocument | undefined) => (d ? { uri: client.code2ProtocolConverter.asUri(d.uri), text: d.getText() } : undefined);
    return {
      configDoc,
      appDoc,
      job: {
        name: configDoc ? vscode.workspace.asRelativePath(configDoc.uri) : SETTINGS_CLUSTER,
        configUri: configDoc?.uri.toString(),
        appUri: appDoc?.uri.toString(),
        params: { config: asParam(configDoc), app: asParam(appDoc), marathon, credentials: await storedCredentials(this.secrets) },
      },
    };
  }

  /**
   * Everything the view reads (issue 13 §2): every named cluster, each with its own addresses, credentials (by name from
   * SecretStorage) and app file (else the workspace's), and the workspace's own cluster unless a named one has its Marathon.
   */
  private async jobs(client: LanguageClient): Promise<ReadJob[]> {
    const own = await this.target(client);
    let list;
    try {
      list = await clusterList(this.host, own.configDoc);
    } catch (e) {
      // the list cannot be had: the workspace's own cluster is still read; the log says why
      this.logOnce('warn', `the named clusters could not be listed: ${e instanceof Error ? e.message : String(e)}`);
      return own.job ? [own.job] : [];
    }
    const which = viewTargets(list, !!own.job);
    const out: ReadJob[] = which.own && own.job ? [own.job] : [];
    const asParam = (d: vscode.TextDocument | undefined) => (d ? { uri: client.code2ProtocolConverter.asUri(d.uri), text: d.getText() } : undefined);
    for (const c of which.named) {
      let appDoc = own.appDoc;
      if (c.appUri) {
        try {
          appDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(c.appUri));
        } catch {
          // its own app file is missing: the guide's id (no app), said by the item's tooltip
          appDoc = undefined;
        }
      }
      out.push({ name: c.name, named: true, appUri: appDoc?.uri.toString(), params: { named: await namedClusterParams(this.secrets, c), app: asParam(appDoc) } });
    }
    return out;
  }

  private async read(token: vscode.CancellationToken): Promise<void> {
    const client = await this.host.client();
    if (token.isCancellationRequested) return;
    if (!client) {
      this.clusters = [{ name: 'Cluster', state: { kind: 'error', message: 'the Sysdig Mesos language server is not running (see its log)' } }];
      return this.render();
    }
    this.logging = new Set();
    const jobs = await this.jobs(client);
    if (token.isCancellationRequested) return;
    if (!jobs.length) {
      this.clusters = [];
      return this.render();
    }
    // the last answer stays on screen while the next is read; "reading" only when there is none for this cluster
    const same = (c: ClusterEntry, j: ReadJob) => c.name === j.name && !!c.named === !!j.named;
    const entries: ClusterEntry[] = jobs.map((j) => {
      const last = this.clusters?.find((c) => same(c, j) && c.state.kind !== 'loading');
      return { name: j.name, named: j.named, configUri: j.configUri, appUri: j.appUri, state: last?.state ?? { kind: 'loading' } };
    });
    this.clusters = entries;
    this.render();
    // each cluster on its own: one that fails is its own item, the others are drawn as they answer
    const readOne = async (j: ReadJob, i: number) => {
      let state: ClusterEntry['state'];
      try {
        const result = await client.sendRequest<ClusterStatusResult>(CLUSTER_STATUS_REQUEST, j.params, token);
        state = { kind: 'answer', result, at: Date.now() };
        if (result.kind !== 'status') this.logOnce('warn', `${j.name}: ${result.message}`);
      } catch (e) {
        if (token.isCancellationRequested) return;
        const message = e instanceof Error ? e.message : String(e);
        this.logOnce('error', `${j.name}: ${message}`);
        state = { kind: 'error', message };
      }
      if (token.isCancellationRequested || this.clusters !== entries) return;
      entries[i] = { ...entries[i], state };
      this.render();
    };
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !token.isCancellationRequested) {
        const i = next++;
        await readOne(jobs[i], i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CLUSTERS_PARALLEL, jobs.length) }, worker));
    // what this read did not log again is no longer failing: said again when it fails again
    if (!token.isCancellationRequested) this.logged = this.logging;
  }

  /** a failure said once in the log, not at every periodic read */
  private logOnce(level: 'warn' | 'error', line: string): void {
    const said = this.logged.has(line) || this.logging.has(line);
    this.logging.add(line);
    if (said) return;
    this.host.output[level](`Sysdig on Mesos view: ${line}`);
  }

  /** The title action: the existing Check commands, Mesos then Marathon, for the view's dragent.yaml; then a refresh. */
  private async checkConnectivity(): Promise<void> {
    const config = this.clusters?.[0]?.configUri;
    await vscode.commands.executeCommand(COMMANDS.checkMesos, config);
    await vscode.commands.executeCommand(COMMANDS.checkMarathon, config);
    await this.refresh();
  }

  /** "Scale to the number of agents" on the app item: a modal, then PUT {instances} through the server, then a refresh. */
  private async scale(node?: TreeNode): Promise<void> {
    const s = node?.scale;
    if (!s) {
      void vscode.window.showInformationMessage('Scale to the number of agents applies to the agent app in the Sysdig on Mesos view, when its instances differ from the agent nodes and it runs one task per node (hostname UNIQUE).');
      return;
    }
    if (!(await requireTrust('Scale the agent app'))) return;
    const change = s.to > s.from ? `Marathon starts ${s.to - s.from} task(s), one per agent node without one` : `Marathon stops ${s.from - s.to} of its task(s)`;
    const pick = await vscode.window.showWarningMessage(
      `Scale ${s.appId} from ${s.from} to ${s.to} instance(s)?`,
      { modal: true, detail: `${s.to} agent node(s), and the app runs one task per node (hostname UNIQUE): ${change}. Only "instances" changes; the running tasks stay.` },
      'Scale',
    );
    if (pick !== 'Scale') return;
    const client = await this.host.client();
    if (!client) throw new Error('the language server is not running (see its log)');
    // the cluster of the item: a named one by its name, else the workspace's own
    const named = !!node?.id.startsWith('cluster:named:');
    const t = (await this.jobs(client)).find((j) => j.name === s.cluster && !!j.named === named);
    if (!t) throw new Error(`the cluster ${s.cluster} is no longer configured: refresh the view`);
    const params: ClusterScaleParams = { ...t.params, appId: s.appId, from: s.from, instances: s.to };
    delete (params as { app?: unknown }).app;
    const r = await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: `Scaling ${s.appId}…` }, () => client.sendRequest<ClusterScaleResult>(CLUSTER_SCALE_REQUEST, params));
    if (r.kind === 'scaled') {
      // a named cluster is said by name (several are side by side); the workspace's own by its app alone, as before
      const on = named ? ` on cluster ${s.cluster}` : '';
      this.host.output.info(`Scale ${s.appId}${on}: ${s.from} → ${s.to} instance(s), deployment ${r.deploymentId}`);
      void vscode.window.showInformationMessage(`Scaling ${s.appId}${on} to ${s.to} instance(s): deployment ${r.deploymentId}.`);
    } else {
      this.host.output.warn(`Scale ${s.appId}${named ? ` on cluster ${s.cluster}` : ''}: ${r.message}`);
      void vscode.window.showWarningMessage(`Scale ${s.appId}${named ? ` on cluster ${s.cluster}` : ''}: ${r.message}`);
    }
    await this.refresh();
  }

  /** "Show Task Log" on a task item (or the last failure naming its task): its sandbox's file, followed while open. */
  private async showTaskLog(node?: TreeNode, stream?: LogStream): Promise<void> {
    const ref = node?.task;
    if (!ref?.taskId) {
      void vscode.window.showInformationMessage('Show Task Log applies to a task of the agent app in the Sysdig on Mesos view (or its last task failure).');
      return;
    }
    if (!(await requireTrust('Show the task log'))) return;
    const client = await this.host.client();
    if (!client) throw new Error('the language server is not running (see its log)');
    // the cluster of the item, read as the view reads it: a named one by its name, else the workspace's own
    const named = !!node?.id.startsWith('cluster:named:');
    const t = (await this.jobs(client)).find((j) => j.name === ref.cluster && !!j.named === named);
    if (!t) throw new Error(`the cluster ${ref.cluster} is no longer configured: refresh the view`);
    await this.taskLogs.open(client, ref, stream ?? defaultStream(ref), t.params);
  }

  dispose(): void {
    this.loop.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
