// "Show Task Log" (issue 13 §1), the UI: a read-only document per task and stream (its own URI scheme, a
// TextDocumentContentProvider) — searchable, `.log`-coloured, the header saying which task, host and file and
// "following — close the tab to stop" — fed by `sysdig-mesos/taskLog`'s notifications while the tab is open. Closing
// the tab cancels the request (`$/cancelRequest`): the server stops polling the agent. The text arrives masked.
// The logic (header, line cap) is task-log-model.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TASK_LOG_REQUEST, TASK_LOG_TEXT_NOTIFICATION, type ClusterStatusParams, type TaskLogParams, type TaskLogResult, type TaskLogTextParams } from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import type { TaskRef } from './cluster-tree-model';
import { TaskLogBuffer, taskLogPath, type LogStream } from './task-log-model';
import { TASK_LOG_SCHEME } from './view-ids';

/** the document is redrawn at most this often while text pours in */
const REDRAW_MS = 200;

interface OpenLog {
  uri: vscode.Uri;
  logId: string;
  buffer: TaskLogBuffer;
  cts: vscode.CancellationTokenSource;
  /** its tab was closed: the request is cancelled */
  stopped: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

let nextId = 0;

export class TaskLogView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** by URI string: the logs being read or read */
  private readonly logs = new Map<string, OpenLog>();
  private readonly byId = new Map<string, OpenLog>();
  private readonly disposables: vscode.Disposable[] = [];
  private listening: LanguageClient | undefined;

  constructor(private readonly host: ClusterHost) {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(TASK_LOG_SCHEME, this),
      // the tab closed: stop the follow (a document may outlive its tab for a while; the tab is what the person closed)
      vscode.window.tabGroups.onDidChangeTabs(() => this.stopUnshown()),
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === TASK_LOG_SCHEME && this.stop(d.uri.toString())),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.logs.get(uri.toString())?.buffer.text() ?? 'This task log is no longer read: open it again from the Sysdig on Mesos view.';
  }

  /** Opens (or shows) the task's log, following it while its tab is open. `params`: the cluster as the view reads it. */
  async open(client: LanguageClient, ref: TaskRef, stream: LogStream, params: ClusterStatusParams): Promise<void> {
    if (!ref.taskId) throw new Error('this item names no task: refresh the view');
    this.listen(client);
    const uri = vscode.Uri.from({ scheme: TASK_LOG_SCHEME, path: taskLogPath(ref, stream) });
    const key = uri.toString();
    const running = this.logs.get(key);
    if (!running || running.stopped || !['reading', 'following'].includes(running.buffer.phase.kind)) {
      if (running) this.stop(key);
      this.start(client, uri, ref, stream, params);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    this.toEnd(editor);
  }

  private listen(client: LanguageClient): void {
    if (this.listening === client) return;
    this.listening = client;
    this.disposables.push(client.onNotification(TASK_LOG_TEXT_NOTIFICATION, (p: TaskLogTextParams) => this.onText(p)));
  }

  private start(client: LanguageClient, uri: vscode.Uri, ref: TaskRef, stream: LogStream, params: ClusterStatusParams): void {
    const logId = `${Date.now()}-${++nextId}`;
    const log: OpenLog = { uri, logId, buffer: new TaskLogBuffer(ref, stream, true), cts: new vscode.CancellationTokenSource(), stopped: false };
    this.logs.set(uri.toString(), log);
    this.byId.set(logId, log);
    const req: TaskLogParams = { ...params, logId, taskId: ref.taskId!, stream, follow: true };
    this.host.output.info(`task log: ${stream} of ${ref.taskId} on ${ref.hostname || '?'} (cluster ${ref.cluster}): following`);
    client.sendRequest<TaskLogResult>(TASK_LOG_REQUEST, req, log.cts.token).then(
      (r) => this.ended(log, r.kind === 'log' ? { kind: r.stopped === 'aborted' ? 'stopped' : 'ended' } : { kind: 'failed', message: r.message }),
      (e) => this.ended(log, log.stopped ? { kind: 'stopped' } : { kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  }

  private onText(p: TaskLogTextParams): void {
    const log = this.byId.get(p?.logId);
    if (!log) return;
    if (p.source) {
      log.buffer.source = p.source;
      if (log.buffer.phase.kind === 'reading') log.buffer.phase = { kind: 'following' };
    }
    if (typeof p.text === 'string') log.buffer.append(p.text);
    if (typeof p.note === 'string') log.buffer.note(p.note);
    this.redraw(log);
  }

  private ended(log: OpenLog, phase: TaskLogBuffer['phase']): void {
    log.buffer.phase = phase;
    this.byId.delete(log.logId);
    log.cts.dispose();
    if (phase.kind === 'failed') this.host.output.warn(`task log ${log.buffer.ref.taskId}: ${phase.message}`);
    else this.host.output.info(`task log ${log.buffer.ref.taskId} (${log.buffer.stream}): ${phase.kind === 'stopped' ? 'follow stopped' : 'read'}`);
    if (this.logs.get(log.uri.toString()) === log) this.redraw(log, true);
  }

  /** redraws soon (text arrives in bursts), scrolling the editors that were at the end to the new end */
  private redraw(log: OpenLog, now = false): void {
    if (log.timer && !now) return;
    if (log.timer) clearTimeout(log.timer);
    log.timer = setTimeout(
      () => {
        log.timer = undefined;
        const atEnd = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === log.uri.toString() && this.isAtEnd(e));
        this.changed.fire(log.uri);
        // the document changes after the event; scroll when it has
        setTimeout(() => atEnd.forEach((e) => this.toEnd(e)), 50);
      },
      now ? 0 : REDRAW_MS,
    );
  }

  private isAtEnd(e: vscode.TextEditor): boolean {
    const last = e.visibleRanges.at(-1);
    return !last || last.end.line >= e.document.lineCount - 3;
  }

  private toEnd(e: vscode.TextEditor): void {
    const end = new vscode.Position(Math.max(0, e.document.lineCount - 1), 0);
    e.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
  }

  /** every log whose tab is no longer open: its follow is cancelled */
  private stopUnshown(): void {
    const shown = new Set<string>();
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText && t.input.uri.scheme === TASK_LOG_SCHEME) shown.add(t.input.uri.toString());
    for (const key of [...this.logs.keys()]) if (!shown.has(key)) this.stop(key);
  }

  private stop(key: string): void {
    const log = this.logs.get(key);
    if (!log) return;
    this.logs.delete(key);
    if (log.timer) clearTimeout(log.timer);
    // the server answers stopped: 'aborted' and polls no more
    log.stopped = true;
    log.cts.cancel();
  }

  dispose(): void {
    for (const key of [...this.logs.keys()]) this.stop(key);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
