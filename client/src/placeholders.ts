// "Find the guide's placeholders" (the walkthrough's first step): looks through the workspace's dragent.yaml
// and Marathon app files — open or not — for what the guide left to fill, and shows the first one. The step
// also completes by itself once the last placeholder is gone (PlaceholderWatch), however it was filled.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, PLACEHOLDERS_REQUEST, type PlaceholdersResult } from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import { CONTEXT_KEYS } from './ids';
import { kindGlob } from './patterns';

interface Scan {
  items: PlaceholdersResult['items'];
  /** how many of our files were looked at */
  files: number;
  byProtocol: Map<string, vscode.Uri>;
}

/** The guide's placeholders left in the workspace's files of ours (the server judges; deploy fills count as filled). */
async function scan(host: ClusterHost): Promise<Scan | undefined> {
  const client = await host.client();
  if (!client) return undefined;
  const uris = new Map<string, vscode.Uri>();
  for (const d of vscode.workspace.textDocuments) uris.set(d.uri.toString(), d.uri);
  for (const kind of ['dragent', 'marathon-app'] as const) {
    const glob = kindGlob(host.patterns(), kind);
    if (glob && vscode.workspace.workspaceFolders?.length) for (const u of await vscode.workspace.findFiles(glob, '**/node_modules/**', 50)) uris.set(u.toString(), u);
  }
  const documents: { uri: string; text: string }[] = [];
  const byProtocol = new Map<string, vscode.Uri>();
  for (const u of uris.values()) {
    if (u.scheme !== 'file' && u.scheme !== 'untitled' && u.scheme !== 'vscode-remote') continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString());
    // a file not open is read, not opened (opening would hand it to every language extension)
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(u));
    const p = client.code2ProtocolConverter.asUri(u);
    byProtocol.set(p, u);
    documents.push({ uri: p, text });
  }
  const { items } = await client.sendRequest<PlaceholdersResult>(PLACEHOLDERS_REQUEST, { documents });
  return { items, files: documents.length, byProtocol };
}

export async function findPlaceholders(host: ClusterHost): Promise<void> {
  const r = await scan(host);
  if (!r) throw new Error('the language server is not running (see its log)');
  const { items } = r;
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.placeholdersFilled, items.length === 0 && r.files > 0);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(r.files ? `No placeholder left in ${r.files} file(s).` : 'No dragent.yaml or Marathon app file in this workspace yet.');
    return;
  }
  const first = items[0];
  const uri = r.byProtocol.get(first.uri) ?? vscode.Uri.parse(first.uri);
  const range = new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
  await vscode.window.showTextDocument(uri, { selection: range });
  const files = new Set(items.map((i) => i.uri)).size;
  void vscode.window.showInformationMessage(`${items.length} placeholder(s) left in ${files} file(s): the first is selected. Its quick fix (Ctrl+.) fills it in.`);
}

/**
 * Completes the walkthrough's first step when its work is done: after our diagnostics change (an edit, a
 * quick fix, a file saved), the workspace is looked through again, quietly, until no placeholder is left.
 */
export class PlaceholderWatch implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done = false;
  private running = false;
  private readonly listener: vscode.Disposable;
  /** the documents that have had our diagnostics (their last one going away is what completes the step) */
  private readonly ours = new Set<string>();

  constructor(private readonly host: ClusterHost) {
    this.listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (this.done) return;
      // only documents of ours matter (ours only when our server runs: nothing here starts it)
      let mine = false;
      for (const u of e.uris) {
        const key = u.toString();
        if (vscode.languages.getDiagnostics(u).some((d) => d.source === DIAGNOSTIC_SOURCE)) this.ours.add(key);
        if (this.ours.has(key)) mine = true;
      }
      if (mine) this.schedule();
    });
  }

  schedule(delayMs = 1000): void {
    if (this.done) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  private async check(): Promise<void> {
    if (this.running) return this.schedule();
    this.running = true;
    try {
      const r = await scan(this.host);
      if (r && r.files > 0 && r.items.length === 0) {
        this.done = true;
        await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.placeholdersFilled, true);
        this.host.output.info(`No placeholder of the vendor guide left in ${r.files} file(s).`);
      }
    } catch (e) {
      this.host.output.debug(`looking for placeholders: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listener.dispose();
  }
}
