// "Show the agent's effective dragent.yaml" (issue 12 §1): a read-only document of our own scheme beside the agent
// app, its text the server's (sysdig-mesos/effectiveConfig, secrets masked), refreshed as the app is edited. The
// logic (addresses, texts, which views an edit makes stale) is effective-doc.ts.
import * as vscode from 'vscode';
import { EFFECTIVE_CONFIG_REQUEST, type EffectiveConfigResult } from '../../server/src/lsp/constants';
import { OWN_LANGUAGES } from '../../server/src/lsp/language-ids';
import { appOf, effectiveAddress, effectiveText, EFFECTIVE_SCHEME, REFRESH_DELAY_MS, staleViews } from './effective-doc';
import type { ClusterHost } from './cluster-commands';

export { EFFECTIVE_SCHEME };

export class EffectiveContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly watch: vscode.Disposable;

  constructor(private readonly host: Pick<ClusterHost, 'client' | 'output'>) {
    this.watch = vscode.workspace.onDidChangeTextDocument((e) => {
      const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === EFFECTIVE_SCHEME);
      for (const q of staleViews(open.map((d) => d.uri.query), e.document.uri.toString())) {
        const view = open.find((d) => d.uri.query === q)!.uri;
        clearTimeout(this.timers.get(q));
        this.timers.set(q, setTimeout(() => (this.timers.delete(q), this.changed.fire(view)), REFRESH_DELAY_MS));
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const app = appOf(uri.query);
    if (!app) return effectiveText({ error: 'this view has lost its app' });
    const client = await this.host.client();
    if (!client) return effectiveText({ error: 'the language server is not running (see the log)' });
    try {
      return effectiveText(await client.sendRequest<EffectiveConfigResult>(EFFECTIVE_CONFIG_REQUEST, { uri: app }));
    } catch (e) {
      this.host.output.error(`${EFFECTIVE_CONFIG_REQUEST}: ${e instanceof Error ? e.message : String(e)}`);
      return effectiveText(null);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.watch.dispose();
    this.changed.dispose();
  }
}

/** The command: the app given (explorer, editor title) or the active editor's, shown beside it. */
export async function showEffectiveConfig(target?: vscode.Uri): Promise<void> {
  const doc = target ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage("Open the agent's Marathon app (sysdig.json) first.");
    return;
  }
  const address = effectiveAddress(doc.uri.toString());
  let view = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, ...address }));
  // Our own language, not `yaml`: the Red Hat YAML extension lints every `yaml` document whatever its scheme, and a
  // masked `customerid: ***` reads to it as an alias — a problem in a file nobody wrote. Our server's selector
  // leaves this scheme alone, so the view has colours and no second voice.
  const own = OWN_LANGUAGES.dragent.id;
  if (view.languageId !== own) view = await vscode.languages.setTextDocumentLanguage(view, own);
  await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
}
