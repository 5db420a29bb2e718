// The placeholder quick fix: asks for the value in an input box, lets the server turn it into an edit that
// keeps the file valid (sysdig-mesos/fillPlaceholder), applies it. The box checks the value as it is typed with
// the same request (a dry run), so the file's rules speak in the box before Enter; a URI is asked in steps, its
// password in a hidden box. For `instances`, the number of Mesos
// agents is offered when the cluster answers (trusted workspaces only: it is a network call).
import * as vscode from 'vscode';
import {
  CLUSTER_CHECK_REQUEST,
  FILL_PLACEHOLDER_REQUEST,
  type ClusterCheckResult,
  type FillPlaceholderArgs,
  type FillPlaceholderParams,
  type FillPlaceholderResult,
} from '../../server/src/lsp/constants';
import { findDocument, type ClusterHost } from './cluster-commands';
import { liveCheck } from './live-check';

const AGENT_COUNT_TIMEOUT_MS = 4000;

/** the pause in typing after which the box asks the server whether the value would go in */
const CHECK_DELAY_MS = 250;

type Parts = NonNullable<FillPlaceholderParams['parts']>;
type StepName = NonNullable<FillPlaceholderParams['step']>;

export async function fillPlaceholder(host: ClusterHost, args: FillPlaceholderArgs): Promise<boolean> {
  const client = await host.client();
  if (!client || !args?.uri) return false;
  const box = vscode.window.createInputBox();
  box.title = `Replace ${args.placeholder}`;
  box.ignoreFocusOut = true;
  const send = (p: Pick<FillPlaceholderParams, 'value' | 'parts' | 'step' | 'dryRun'>) =>
    client.sendRequest<FillPlaceholderResult>(FILL_PLACEHOLDER_REQUEST, { uri: args.uri, version: args.version, range: args.range, ...p });
  let result: FillPlaceholderResult | undefined;
  try {
    if (args.expects === 'uri' && args.uriSteps?.length) {
      result = await askUri(host, box, args, args.uriSteps, send);
    } else {
      box.prompt = args.prompt;
      box.password = args.expects === 'access-key';
      if (args.expects === 'number') box.placeholder = 'number of Mesos agent nodes';
      let typed = false;
      const typing = box.onDidChangeValue(() => (typed = true));
      if (args.expects === 'number' && vscode.workspace.isTrusted) void offerAgentCount(host, box, () => typed);
      result = await askStep(host, box, (value, dryRun) => send({ value, dryRun }));
      typing.dispose();
    }
  } finally {
    box.dispose();
  }
  if (!result) return false;
  if ('error' in result) {
    void vscode.window.showWarningMessage(`Fill in ${args.placeholder}: ${result.error}`);
    return false;
  }
  if (!('edits' in result)) return false;
  const uri = client.protocol2CodeConverter.asUri(args.uri);
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  return await vscode.workspace.applyEdit(edit);
}

/**
 * A URI in steps: host[:port] in a plain box, then the user name (optional), then the password in a hidden box —
 * a typed password is never shown. Credentials typed into the host box are moved to the next steps.
 */
async function askUri(
  host: ClusterHost,
  box: vscode.InputBox,
  args: FillPlaceholderArgs,
  steps: NonNullable<FillPlaceholderArgs['uriSteps']>,
  send: (p: Pick<FillPlaceholderParams, 'parts' | 'step' | 'dryRun'>) => Promise<FillPlaceholderResult>,
): Promise<FillPlaceholderResult | undefined> {
  const parts: Parts = {};
  const names: StepName[] = [...(steps.includes('host') ? (['host'] as const) : []), ...(steps.includes('credentials') ? (['user', 'password'] as const) : [])];
  const total = steps.includes('credentials') ? names.length : 1;
  let movedNote = '';
  for (let i = 0; i < names.length; i++) {
    const step = names[i];
    const last = i === names.length - 1;
    box.step = i + 1;
    box.totalSteps = total;
    box.password = step === 'password';
    box.value = step === 'host' ? parts.host ?? '' : step === 'user' ? parts.user ?? '' : parts.password ?? '';
    box.placeholder = step === 'host' ? 'host[:port], such as 10.0.0.1:5050' : step === 'user' ? 'user name (leave empty when the API needs no login)' : 'password';
    box.prompt =
      step === 'host'
        ? `${args.key ? `${args.key}: the` : 'The'} host name or IP address, with :port if the URI needs one (http only). User name and password come next.`
        : step === 'user'
          ? `${movedNote}User name for the API, if it needs a login (Enter with nothing to leave the URI without credentials).`
          : `${movedNote}Password of ${parts.user ?? 'the user'} (hidden as you type).`;
    const answer = await askStep(
      host,
      box,
      (value, dryRun) => send({ parts: { ...parts, [step]: value }, step, dryRun: dryRun || !last }),
      step === 'host'
        ? (moved) => {
            // credentials typed into the plain box leave it at once: they go to the next steps
            parts.user = moved.user;
            parts.password = moved.password;
            movedNote = 'Moved from the host box. ';
            box.value = moved.host;
            box.prompt = 'User name and password were moved to the next steps (the password to a hidden box): type the host, and :port, here.';
          }
        : undefined,
    );
    if (!answer) return undefined;
    if ('error' in answer) return answer;
    parts[step] = box.value;
    // no user name: no password to ask, the URI goes without credentials
    if (step === 'user' && box.value.trim() === '') return send({ parts, step: 'user' });
    if (last) return answer;
  }
  return undefined;
}

/**
 * One box step: the value is checked as it is typed (the same request as Enter, as a dry run) and on Enter; the
 * answer to Enter when it is not an error, undefined when the box is closed. An error that no typing can mend
 * (the document changed) is returned.
 */
async function askStep(
  host: ClusterHost,
  box: vscode.InputBox,
  request: (value: string, dryRun: boolean) => Promise<FillPlaceholderResult>,
  onMoved?: (moved: { host: string; user: string; password: string }) => void,
): Promise<FillPlaceholderResult | undefined> {
  box.validationMessage = undefined;
  const show = (r: FillPlaceholderResult) => {
    if ('error' in r && r.moved && onMoved) {
      onMoved(r.moved);
      box.validationMessage = undefined;
      live.changed(box.value);
      return;
    }
    box.validationMessage = 'error' in r ? r.error : undefined;
  };
  const live = liveCheck<FillPlaceholderResult>({
    delayMs: CHECK_DELAY_MS,
    check: (value) => request(value, true),
    current: () => box.value,
    show: (_value, r) => show(r),
    failed: (e) => host.output.debug(`checking the typed value: ${e instanceof Error ? e.message : String(e)}`),
  });
  const typing = box.onDidChangeValue((v) => {
    box.validationMessage = undefined;
    live.changed(v);
  });
  box.show();
  if (box.value !== '') live.changed(box.value);
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
      if (value === undefined) return undefined;
      live.cancel();
      box.busy = true;
      const r = await request(value, false);
      box.busy = false;
      if ('error' in r) {
        if (/changed meanwhile|no placeholder there/.test(r.error)) return r;
        show(r);
        continue;
      }
      return r;
    }
  } finally {
    live.cancel();
    typing.dispose();
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
