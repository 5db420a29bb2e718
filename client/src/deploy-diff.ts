// The diff view of "Deploy agent app to Marathon": the app as Marathon has it beside the app as it will be, in
// read-only documents of our own scheme, opened for the plan and closed when that deploy ends — that tab only.
import * as vscode from 'vscode';

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

/**
 * Opens the diff of one deploy; `close` closes the tabs showing it (found by its own URIs, which no other deploy
 * shares), whatever group they are in, and leaves every other tab alone. Closing a tab the person already closed is
 * nothing.
 */
export async function openDiff(diffs: DiffContent, appId: string, file: string, diff: { before: string; after: string }): Promise<{ close(): Promise<void> }> {
  const left = diffs.add(`${appId.replace(/\//g, '_')}.marathon.json`, diff.before);
  const right = diffs.add(`${appId.replace(/\//g, '_')}.${file.replace(/[\\/]/g, '_')}.json`, diff.after);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${appId}: on Marathon ↔ after deploy`, { preview: true });
  const ours = (t: vscode.Tab) => t.input instanceof vscode.TabInputTextDiff && t.input.original.toString() === left.toString() && t.input.modified.toString() === right.toString();
  return {
    close: async () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(ours);
      if (tabs.length) await vscode.window.tabGroups.close(tabs);
    },
  };
}
