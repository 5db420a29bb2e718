// Sysdig Mesos: Switch agent profile (issue 11 §10). From the palette and the language status item (a quick pick)
// or from the quick fix on https-unsupported (with `latest`). Written where the value comes from: the setting of
// the document's folder, or `agentProfile` in that folder's `.sysdig-mesos.json` when the file sets it (a minimal
// edit computed by the server, applied and saved here). The server revalidates on either change.
import * as vscode from 'vscode';
import {
  AGENT_PROFILE_EDIT_REQUEST,
  CONFIG_FILE_NAME,
  DOCUMENT_INFO_REQUEST,
  type AgentProfileEditResult,
  type DocumentInfo,
} from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import { profileArg, profileItems, profileTarget, type AgentProfile } from './agent-profile-choice';
import { SECTION } from './ids';

export async function switchAgentProfile(host: ClusterHost, profile?: unknown, uri?: unknown): Promise<boolean> {
  const client = await host.client();
  const docUri = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  let info: DocumentInfo | null = null;
  if (client && docUri) {
    try {
      info = await client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, { uri: client.code2ProtocolConverter.asUri(docUri) });
    } catch (e) {
      host.output.debug(`agent profile of the document: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const folder = docUri ? vscode.workspace.getWorkspaceFolder(docUri) : vscode.workspace.workspaceFolders?.[0];
  const current = info?.agentProfile ?? vscode.workspace.getConfiguration(SECTION, folder?.uri).get<AgentProfile>('agentProfile');
  let chosen = profileArg(profile);
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(profileItems(current), { title: 'Sysdig Mesos: agent profile', placeHolder: 'Which agents does this cluster run?' });
    chosen = pick?.profile;
  }
  if (!chosen) return false;
  if (chosen === current) {
    void vscode.window.showInformationMessage(`The agent profile is ${chosen} already.`);
    return true;
  }
  const target = profileTarget(info, !!folder, !!vscode.workspace.workspaceFolders?.length);
  if (target === 'workspace-file' && folder) {
    if (!client) return false;
    const file = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
    const r = await client.sendRequest<AgentProfileEditResult>(AGENT_PROFILE_EDIT_REQUEST, { text: file.getText(), profile: chosen });
    if ('error' in r) {
      void vscode.window.showWarningMessage(`${CONFIG_FILE_NAME}: ${r.error}`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of r.edits) edit.replace(file.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    if (!(await vscode.workspace.applyEdit(edit)) || !(await file.save())) return false;
    host.output.info(`Agent profile switched to ${chosen} in ${vscode.workspace.asRelativePath(file.uri)}.`);
    return true;
  }
  const level =
    target === 'folder-setting' ? vscode.ConfigurationTarget.WorkspaceFolder : target === 'workspace-setting' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION, folder?.uri).update('agentProfile', chosen, level);
  host.output.info(`Agent profile switched to ${chosen} (${target === 'folder-setting' ? `setting of the folder ${folder?.name}` : target === 'workspace-setting' ? 'workspace setting' : 'user setting'}).`);
  return true;
}
