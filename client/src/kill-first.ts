// The way out of a one-task-per-node replacement that can never finish: the kill-first upgradeStrategy, added to the
// open file by the rule's own quick fix (the deploy's stall refusal and its blocked deployment both offer it).
import * as vscode from 'vscode';
import type { ClusterHost } from './cluster-commands';

/**
 * The rule agent-app-upgrade-strategy's quick fix, applied to the open file (the person saves and deploys again):
 * the smallest edit, formatting kept, as the rule makes it. Without that diagnostic (the rule turned off) the fix is named.
 */
export async function applyKillFirst(doc: vscode.TextDocument, file: string, host: ClusterHost): Promise<void> {
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
