// "Show Task Log" (issue 13 §1), the document's logic without `vscode`: what the read-only log document says — a
// header naming the task, host and file and whether it follows, then the log's last MAX_LOG_LINES lines (a follow left
// open for days must not grow without bound) — and the document's URI path. task-log-view.ts only shows it.
import type { TaskLogSourceView } from '../../server/src/lsp/constants';
import type { TaskRef } from './cluster-tree-model';

/** lines kept: the newest; older ones are dropped (the header says how many) */
export const MAX_LOG_LINES = 5000;
/** notes kept in the header (why this task, a truncation) */
const MAX_NOTES = 5;

export type LogStream = 'stdout' | 'stderr';

/** The stream a task's log opens on: a failed task's stderr says why it failed; a running one's stdout is its log. */
export function defaultStream(ref: Pick<TaskRef, 'failed'>): LogStream {
  return ref.failed ? 'stderr' : 'stdout';
}

/**
 * The document's URI path (decoded, as `Uri.from` takes it): `/<cluster>/<task id> <stream>.log` — the tab's title is
 * the task and the stream, `.log` gives VS Code's log colouring, and one task's stream is one document (opened twice:
 * the same tab). The cluster's name may hold a `/` (a dragent.yaml's relative path): encoded into one segment.
 */
export function taskLogPath(ref: Pick<TaskRef, 'cluster' | 'taskId'>, stream: LogStream): string {
  return `/${encodeURIComponent(ref.cluster)}/${(ref.taskId ?? 'task').replace(/\//g, '_')} ${stream}.log`;
}

export type LogPhase = { kind: 'reading' } | { kind: 'following' } | { kind: 'ended' } | { kind: 'stopped' } | { kind: 'failed'; message: string };

export class TaskLogBuffer {
  private lines: string[] = [];
  /** a last line without its newline yet (the server sends whole lines; kept apart all the same) */
  private partial = '';
  private dropped = 0;
  private notes: string[] = [];
  source: TaskLogSourceView | undefined;
  phase: LogPhase = { kind: 'reading' };

  constructor(
    readonly ref: Pick<TaskRef, 'cluster' | 'taskId' | 'hostname'>,
    readonly stream: LogStream,
    readonly follow: boolean,
    private readonly maxLines = MAX_LOG_LINES,
  ) {}

  append(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    const over = this.lines.length - this.maxLines;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  note(line: string): void {
    this.notes.push(line);
    if (this.notes.length > MAX_NOTES) this.notes.shift();
  }

  /** the log's lines kept (for the tests and the line count) */
  get kept(): number {
    return this.lines.length + (this.partial ? 1 : 0);
  }

  header(): string[] {
    const s = this.source;
    const task = s?.taskId ?? this.ref.taskId ?? '(no task id)';
    const host = s?.hostname || this.ref.hostname || '?';
    const out = [`${this.stream} of task ${task} on ${host} — cluster ${this.ref.cluster}`];
    if (s) out.push(`file: ${s.path} (agent ${s.address}${s.taskState ? `, ${s.taskState}` : ''}${s.completed ? ', the executor ended: the file no longer grows' : ''})`);
    for (const n of this.notes) out.push(`note: ${n}`);
    if (this.dropped) out.push(`only the last ${this.maxLines} lines are kept: ${this.dropped} older line(s) dropped`);
    const p = this.phase;
    out.push(
      p.kind === 'reading'
        ? 'reading…'
        : p.kind === 'following'
          ? 'following — close the tab to stop'
          : p.kind === 'ended'
            ? 'read once (not following)'
            : p.kind === 'stopped'
              ? 'stopped following'
              : `failed: ${p.message}`,
    );
    return out;
  }

  /** the document: the header, a rule, the log */
  text(): string {
    const body = this.lines.join('\n') + (this.lines.length ? '\n' : '') + this.partial;
    return `${this.header().join('\n')}\n${'─'.repeat(40)}\n${body}`;
  }
}
