// "Check Mesos connectivity" and "Check Marathon connectivity": the server does the network work
// (sysdig-mesos/clusterCheck); this file picks the files, asks for workspace trust, and shows the result
// in the log, a notification, and diagnostics on the URI lines (kept until the next check or an edit).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLUSTER_CHECK_REQUEST, DOCUMENT_INFO_REQUEST, type ClusterCheckParams, type ClusterCheckResult, type DocumentInfo } from '../../server/src/lsp/constants';
import type { KindPatterns } from '../../server/src/service/documents/kind';
import { checkNotice, checkTitles, OPEN_FILE_ACTION, reportLines, SHOW_OUTPUT_ACTION } from './cluster-report';
import { kindGlob } from './patterns';
import { CLIENT_NAME, CONTEXT_KEYS } from './ids';
import { namedClusterParams, pickCluster } from './cluster-choice';

export interface ClusterHost {
  readonly output: vscode.LogOutputChannel;
  /** the running language client (started if needed), or undefined when it cannot start */
  client(): Promise<LanguageClient | undefined>;
  patterns(): KindPatterns;
}

/** Diagnostics from cluster checks (and Marathon's refusals), per source, cleared when the file is edited. */
export class ClusterDiagnostics implements vscode.Disposable {
  private readonly collections = new Map<string, vscode.DiagnosticCollection>();
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      for (const c of this.collections.values()) c.delete(e.document.uri);
    });
  }

  /** replaces what `source` said before, everywhere */
  set(source: string, items: ClusterCheckResult['diagnostics']): void {
    let c = this.collections.get(source);
    if (!c) {
      c = vscode.languages.createDiagnosticCollection(`sysdig-mesos.${source}`);
      this.collections.set(source, c);
    }
    c.clear();
    for (const d of items) {
      c.set(
        vscode.Uri.parse(d.uri),
        d.items.map((it) => {
          const diag = new vscode.Diagnostic(
            new vscode.Range(it.range.start.line, it.range.start.character, it.range.end.line, it.range.end.character),
            it.message,
            (it.severity - 1) as vscode.DiagnosticSeverity,
          );
          // the lint diagnostics' source, so Problems groups and filters them alike; the code links to its doc
          diag.source = it.source;
          diag.code = { value: it.code, target: vscode.Uri.parse(it.href) };
          return diag;
        }),
      );
    }
  }

  dispose(): void {
    this.listener.dispose();
    for (const c of this.collections.values()) c.dispose();
  }
}

/** Network commands need a trusted workspace; in Restricted Mode this says so and offers to manage trust. */
export async function requireTrust(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const pick = await vscode.window.showWarningMessage(`${what} contacts your cluster with the credentials in your files: it needs a trusted workspace.`, manage);
  if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** The open or workspace file of a kind: the active editor's if it is one, else a visible one, else the first found. */
export async function findDocument(host: ClusterHost, kind: 'dragent' | 'marathon-app', preferred?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (preferred) return vscode.workspace.openTextDocument(preferred);
  const client = await host.client();
  const candidates = [vscode.window.activeTextEditor?.document, ...vscode.window.visibleTextEditors.map((e) => e.document)].filter((d): d is vscode.TextDocument => !!d);
  for (const doc of candidates) {
    if (!client) break;
    try {
      const info = await client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
      if (info?.kind === kind) return doc;
    } catch {
      // not known to the server: look in the workspace
    }
  }
  const glob = kindGlob(host.patterns(), kind);
  if (!glob || !vscode.workspace.workspaceFolders?.length) return undefined;
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 20);
  found.sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  return found[0] ? vscode.workspace.openTextDocument(found[0]) : undefined;
}

/** a named cluster's own app file, when it can be opened */
async function openIfThere(uri: string): Promise<vscode.TextDocument | undefined> {
  try {
    return await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  } catch {
    return undefined;
  }
}

export async function runClusterCheck(
  host: ClusterHost,
  diagnostics: ClusterDiagnostics,
  target: 'mesos' | 'marathon',
  options: { config?: vscode.Uri; app?: vscode.Uri; quiet?: boolean; purpose?: 'connectivity' | 'confirm-agents'; secrets?: vscode.SecretStorage } = {},
): Promise<ClusterCheckResult | undefined> {
  const what = target === 'mesos' ? 'Mesos' : 'Marathon';
  const { label, progress } = checkTitles(what, options.purpose);
  if (!(await requireTrust(label))) return undefined;
  const client = await host.client();
  if (!client) {
    void vscode.window.showErrorMessage(`${label}: the ${CLIENT_NAME} language server is not running (see its log).`);
    return undefined;
  }
  const configDoc = await findDocument(host, 'dragent', options.config);
  // named clusters (issue 13 §2): asked from the palette, the workspace's own cluster first; a file given (a lens, the
  // explorer, the view) or a quiet check (the walkthrough) is that file's cluster
  const asks = !options.config && !options.quiet && !!options.secrets;
  const choice = asks ? await pickCluster(host, label, configDoc) : undefined;
  if (asks && !choice) return undefined;
  const named = choice?.cluster && options.secrets ? await namedClusterParams(options.secrets, choice.cluster) : undefined;
  const appDoc = target === 'mesos' ? ((named && choice?.cluster?.appUri ? await openIfThere(choice.cluster.appUri) : undefined) ?? (await findDocument(host, 'marathon-app', options.app))) : undefined;
  const asParam = (d: vscode.TextDocument | undefined) => (d ? { uri: client.code2ProtocolConverter.asUri(d.uri), text: d.getText() } : undefined);
  const params: ClusterCheckParams = { target, config: named ? undefined : asParam(configDoc), app: asParam(appDoc), ...(named ? { named } : {}) };
  const which = named ? `cluster ${named.name}` : configDoc ? vscode.workspace.asRelativePath(configDoc.uri) : "no dragent.yaml found, using the guide's defaults";
  host.output.info(`${label}: ${which}${appDoc ? `, app ${vscode.workspace.asRelativePath(appDoc.uri)}` : ''}`);
  const started = Date.now();
  let result: ClusterCheckResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: named ? `${progress} (cluster ${named.name})` : progress },
      () => client.sendRequest<ClusterCheckResult>(CLUSTER_CHECK_REQUEST, params),
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    host.output.error(`${label}: ${msg}`);
    void vscode.window.showErrorMessage(`${label}: ${msg}`);
    return undefined;
  }
  for (const line of reportLines(what, result, Date.now() - started, label)) host.output.info(line);
  diagnostics.set(target, result.diagnostics);
  await vscode.commands.executeCommand('setContext', target === 'mesos' ? CONTEXT_KEYS.mesosChecked : CONTEXT_KEYS.marathonChecked, result.ok);
  if (!options.quiet) {
    const notice = checkNotice(result, !!configDoc && !named);
    const show = notice.level === 'error' ? vscode.window.showErrorMessage : notice.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(named ? `Cluster ${named.name}: ${notice.message}` : notice.message, ...notice.actions).then(async (pick) => {
      if (pick === SHOW_OUTPUT_ACTION) host.output.show(true);
      if (pick === OPEN_FILE_ACTION && configDoc) await vscode.window.showTextDocument(configDoc);
    });
  }
  return result;
}
