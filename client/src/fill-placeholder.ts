// The placeholder quick fix: asks for the value in an input box, lets the server turn it into an edit that
// keeps the file valid (sysdig-mesos/fillPlaceholder), applies it. For `instances`, the number of Mesos
// agents is offered when the cluster answers (trusted workspaces only: it is a network call).
import * as vscode from 'vscode';
import {
  CLUSTER_CHECK_REQUEST,
  FILL_PLACEHOLDER_REQUEST,
  type ClusterCheckResult,
  type FillPlaceholderArgs,
  type FillPlaceholderResult,
} from '../../server/src/lsp/constants';
import { findDocument, type ClusterHost } from './cluster-commands';

const AGENT_COUNT_TIMEOUT_MS = 4000;

export async function fillPlaceholder(host: ClusterHost, args: FillPlaceholderArgs): Promise<boolean> {
  const client = await host.client();
  if (!client || !args?.uri) return false;
  const box = vscode.window.createInputBox();
  box.title = `Replace ${args.placeholder}`;
  box.prompt = args.prompt;
  box.ignoreFocusOut = true;
  box.password = args.expects === 'access-key';
  if (args.expects === 'number') box.placeholder = 'number of Mesos agent nodes';
  let typed = false;
  box.onDidChangeValue(() => {
    typed = true;
    box.validationMessage = undefined;
  });
  if (args.expects === 'number' && vscode.workspace.isTrusted) void offerAgentCount(host, box, () => typed);
  box.show();
  try {
    for (;;) {
      const value = await new Promise<string | undefined>((resolve) => {
        const accept = box.onDidAccept(() => {
          accept.dispose();
          hide.dispose();
          resolve(box.value);
        });
        const hide = box.onDidHide(() => {
          accept.dispose();
          hide.dispose();
          resolve(undefined);
        });
      });
      if (value === undefined) return false;
      box.busy = true;
      const r = await client.sendRequest<FillPlaceholderResult>(FILL_PLACEHOLDER_REQUEST, { uri: args.uri, version: args.version, range: args.range, value });
      box.busy = false;
      if ('error' in r) {
        box.validationMessage = r.error;
        if (/changed meanwhile|no placeholder there/.test(r.error)) {
          void vscode.window.showWarningMessage(`Fill in ${args.placeholder}: ${r.error}`);
          return false;
        }
        continue;
      }
      const uri = client.protocol2CodeConverter.asUri(args.uri);
      const edit = new vscode.WorkspaceEdit();
      for (const e of r.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      return await vscode.workspace.applyEdit(edit);
    }
  } finally {
    box.dispose();
  }
}

/** Reads the number of Mesos agents with the workspace's dragent.yaml and puts it in the box if nothing was typed. */
async function offerAgentCount(host: ClusterHost, box: vscode.InputBox, typed: () => boolean): Promise<void> {
  try {
    const client = await host.client();
    const config = await findDocument(host, 'dragent');
    if (!client) return;
    box.busy = true;
    const r = await client.sendRequest<ClusterCheckResult>(CLUSTER_CHECK_REQUEST, {
      target: 'mesos',
      config: config ? { uri: client.code2ProtocolConverter.asUri(config.uri), text: config.getText() } : undefined,
      timeoutMs: AGENT_COUNT_TIMEOUT_MS,
    });
    if (r.agents !== null && r.agents > 0 && !typed()) {
      box.value = String(r.agents);
      box.prompt = `${box.prompt ?? ''} — Mesos (leader ${r.mesosLeader ?? 'unknown'}) has ${r.agents} agent(s).`;
    }
  } catch (e) {
    host.output.debug(`agent count for instances: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    box.busy = false;
  }
}
