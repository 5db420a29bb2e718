// "Find the guide's placeholders" (the walkthrough's first step): looks through the workspace's dragent.yaml
// and Marathon app files — open or not — for what the guide left to fill, and shows the first one.
import * as vscode from 'vscode';
import { PLACEHOLDERS_REQUEST, type PlaceholdersResult } from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import { CONTEXT_KEYS } from './ids';
import { kindGlob } from './patterns';

export async function findPlaceholders(host: ClusterHost): Promise<void> {
  const client = await host.client();
  if (!client) throw new Error('the language server is not running (see its log)');
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
    const doc = await vscode.workspace.openTextDocument(u);
    const p = client.code2ProtocolConverter.asUri(u);
    byProtocol.set(p, u);
    documents.push({ uri: p, text: doc.getText() });
  }
  const { items } = await client.sendRequest<PlaceholdersResult>(PLACEHOLDERS_REQUEST, { documents });
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.placeholdersFilled, items.length === 0);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      documents.length ? `No placeholder left in ${documents.length} file(s).` : 'No dragent.yaml or Marathon app file in this workspace yet.',
    );
    return;
  }
  const first = items[0];
  const uri = byProtocol.get(first.uri) ?? vscode.Uri.parse(first.uri);
  const range = new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
  await vscode.window.showTextDocument(uri, { selection: range });
  const files = new Set(items.map((i) => i.uri)).size;
  void vscode.window.showInformationMessage(`${items.length} placeholder(s) left in ${files} file(s): the first is selected. Its quick fix (Ctrl+.) fills it in.`);
}
