import { Secrets } from '../service/secrets';
import { ClusterError } from './errors';
import type { Credentials } from './http';
import { LogLines } from './log-lines';
import { mesosState, type ClientOptions, type MesosState } from './mesos';
import { agentState, executorOfTask, FILES_READ_MAX, fileSize, readFileChunk, type AgentEndpoint } from './mesos-agent';
import { CredentialTrust } from './trust';

/**
 * A task's stdout or stderr from its sandbox on the Mesos agent, as the Mesos web UI reads it (src/webui/app/controllers.js
 * `pailer` and src/webui/assets/libs/jquery.pailer.js at 1.11.0): the agent from the master's state (its pid's
 * `ip:port`), the executor's `directory` from the agent's `/state`, then `/files/read?path=<directory>/<stream>` — the
 * size with offset −1, the last lines read backwards in chunks, and, to follow, a poll from the last offset.
 *
 * `readTaskLog` is what both doors call: `sysdig-mesos logs` and the editor's "Show task log". Everything it hands
 * out is masked with the run's secrets, in whole lines (log-lines.ts).
 */

export type LogStream = 'stdout' | 'stderr';

export const DEFAULT_TAIL = 100;
/** the most `tail` reads backwards: a file of one endless line must not be read whole */
export const MAX_TAIL_BYTES = 1024 * 1024;
export const DEFAULT_POLL_MS = 1000;

export interface TaskLogRequest {
  /** the Mesos master (a leader or a standby that redirects), with the cluster's Mesos credentials */
  mesos: { base: string; credentials?: Credentials; timeoutMs?: number; insecure?: boolean };
  /** Mesos' agent id (Marathon's task `slaveId`, the coverage node's `agentId`) */
  agentId: string;
  /** the Mesos task id (Marathon's task `id`) */
  taskId: string;
  /** default stdout */
  stream?: LogStream;
  /** the last lines to show first (default 100; 0: none, a follow starts at the end) */
  tail?: number;
  /** keep reading what is appended until `signal` aborts */
  follow?: boolean;
  /** between follow polls (default 1000) */
  pollMs?: number;
  signal?: AbortSignal;
  /** what to mask besides the Mesos password (the access key, the Marathon password) */
  secrets?: Secrets;
  /** the master's state when the caller already read it (skips that request) */
  state?: MesosState;
  /** the task's text, masked, in whole lines (a last line without newline only at the end) */
  onText(text: string): void;
  /** where the text comes from: called once, before any text */
  onSource?(source: TaskLogSource): void;
  /** the file became shorter than what was read (truncated, or rotated): reading starts again at 0 */
  onTruncated?(info: { path: string; size: number; offset: number }): void;
}

export interface TaskLogSource {
  agent: { id: string; hostname: string; address: string };
  taskId: string;
  executorId: string;
  frameworkId: string;
  /** the sandbox */
  directory: string;
  /** `<directory>/<stream>` */
  path: string;
  stream: LogStream;
  /** the task's state on the agent (`TASK_RUNNING`, `TASK_FAILED`, …) when it says */
  taskState?: string;
  /** the executor ended (listed under `completed_executors`): the file no longer grows */
  completed: boolean;
  /** the file's size when first asked */
  size: number;
}

export interface TaskLogResult {
  source: TaskLogSource;
  /** the offset read up to */
  end: number;
  /** the tail stopped at MAX_TAIL_BYTES before it had `tail` lines */
  capped: boolean;
  /** how the read ended: `end` (no follow), `aborted` (a follow stopped by the signal) */
  stopped: 'end' | 'aborted';
}

function cancelled(e: unknown): boolean {
  return e instanceof ClusterError && e.kind === 'cancelled';
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Where the task's file is: the agent (from the master's state) and the executor's sandbox (from the agent's state). */
export async function locateTaskLog(req: TaskLogRequest, opts: ClientOptions): Promise<{ agent: AgentEndpoint; agentOpts: ClientOptions; source: Omit<TaskLogSource, 'size'> }> {
  const stream = req.stream ?? 'stdout';
  const state = req.state ?? (await mesosState(req.mesos.base, { ...opts, credentials: req.mesos.credentials }));
  const a = state.agents.find((x) => x.id === req.agentId);
  if (!a) {
    throw new ClusterError('not-found', `the agent ${req.agentId} is not registered with the Mesos master (${state.agents.length} agent(s) are): it was removed or lost its connection — run sysdig-mesos status`);
  }
  if (!a.address) {
    throw new ClusterError('http', `the Mesos master names no address for the agent on ${a.hostname} (its pid is missing or unreadable): its sandbox cannot be read from here`);
  }
  const scheme = new URL(state.url).protocol;
  const agent: AgentEndpoint = { base: `${scheme}//${a.address}`, id: a.id, hostname: a.hostname, processId: a.processId };
  // The master named this agent; the Mesos credentials go to it only when the master's own answer was read with them
  // (an agent with --authenticate_http_readonly asks for the same principals, realm mesos-agent-readonly).
  const creds = state.credentialsSent ? req.mesos.credentials : undefined;
  const agentOpts: ClientOptions = { ...opts, credentials: creds, trust: creds && new CredentialTrust(creds, agent.base) };
  const st = await agentState(agent, agentOpts);
  const ex = executorOfTask(st, req.taskId);
  if (!ex) {
    throw new ClusterError('not-found', `${a.hostname}: the agent lists no executor for task ${req.taskId}: the task ran on another agent, or this agent forgot it (a restart with a new agent id) — run sysdig-mesos status`);
  }
  const task = [...ex.tasks, ...ex.completedTasks].find((t) => t.id === req.taskId);
  return {
    agent,
    agentOpts,
    source: {
      agent: { id: a.id, hostname: a.hostname, address: a.address },
      taskId: req.taskId,
      executorId: ex.id,
      frameworkId: ex.frameworkId,
      directory: ex.directory,
      path: `${ex.directory.replace(/(?<!\/)\/+$/, '')}/${stream}`,
      stream,
      taskState: task?.state,
      completed: ex.completed,
    },
  };
}

/** Bytes [start, end) of the file, read in chunks; fewer when the file shrank meanwhile (a read comes back empty). */
async function readRange(agent: AgentEndpoint, path: string, start: number, end: number, opts: ClientOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  let pos = start;
  while (pos < end) {
    // a short read is not the end (io::read may return less, as the pailer knows: jquery.pailer.js:193-195)
    const c = await readFileChunk(agent, path, pos, Math.min(FILES_READ_MAX, end - pos), opts);
    if (c.data.length === 0) break;
    parts.push(c.data);
    pos += c.data.length;
  }
  return Buffer.concat(parts);
}

/**
 * Where the last `lines` lines of the file start, reading backwards from `size` in chunks, at most `maxBytes`. A final
 * newline ends the last line; it does not start an empty one.
 */
async function tailStart(agent: AgentEndpoint, path: string, size: number, lines: number, maxBytes: number, opts: ClientOptions, attempt = 0): Promise<{ start: number; bytes: Buffer; capped: boolean }> {
  if (lines <= 0 || size === 0) return { start: size, bytes: Buffer.alloc(0), capped: false };
  const parts: Buffer[] = [];
  let from = size;
  let newlines = 0;
  let held = 0;
  while (from > 0 && size - from < maxBytes) {
    const start = Math.max(0, from - FILES_READ_MAX, size - maxBytes);
    const chunk = await readRange(agent, path, start, from, opts);
    if (chunk.length < from - start) {
      // the file shrank under us: what was read is no longer its end — start again at the new end, a few times at most
      // (an agent whose sizes keep contradicting its reads would otherwise keep us here)
      if (attempt >= 2) throw new ClusterError('http', `${agent.hostname}: ${path} keeps shrinking while it is read (the agent's sizes and reads disagree): try again`);
      return tailStart(agent, path, await fileSize(agent, path, opts), lines, maxBytes, opts, attempt + 1);
    }
    parts.unshift(chunk);
    held += chunk.length;
    from = start;
    for (let i = chunk.length - 1; i >= 0; i--) {
      if (chunk[i] !== 0x0a) continue;
      // the file's last byte being a newline ends the last line; it does not count as a line of its own
      if (start + i === size - 1) continue;
      if (++newlines === lines) {
        const buf = Buffer.concat(parts);
        const at = start + i + 1 - from;
        return { start: start + i + 1, bytes: buf.subarray(at), capped: false };
      }
    }
  }
  const buf = Buffer.concat(parts, held);
  if (from === 0) return { start: 0, bytes: buf, capped: false };
  // the byte cap reached before enough lines: start at a line's start, not inside a line (or a UTF-8 character)
  const nl = buf.indexOf(0x0a);
  const skip = nl >= 0 && nl < buf.length - 1 ? nl + 1 : 0;
  return { start: from + skip, bytes: buf.subarray(skip), capped: true };
}

/**
 * The task's log: where it is (`onSource`), its last `tail` lines, then — with `follow` — what is appended, polling
 * every `pollMs` from the offset reached until `signal` aborts. Each poll asks the size first: a size below the offset
 * reached means the file was truncated or replaced (log rotation), and reading starts again at 0 (`onTruncated`).
 * Errors are ClusterErrors (one line, the next step); an abort during a follow ends it without one.
 */
export async function readTaskLog(req: TaskLogRequest): Promise<TaskLogResult> {
  const secrets = new Secrets().addAll(req.secrets).addCredentials(req.mesos.credentials);
  const opts: ClientOptions = {
    timeoutMs: req.mesos.timeoutMs,
    connectTimeoutMs: req.mesos.timeoutMs !== undefined ? Math.min(req.mesos.timeoutMs, 5000) : undefined,
    insecure: req.mesos.insecure,
    signal: req.signal,
  };
  const lines = new LogLines(secrets, req.onText);
  const { agent, agentOpts, source: where } = await locateTaskLog(req, opts);
  const size = await fileSize(agent, where.path, agentOpts);
  const source: TaskLogSource = { ...where, size };
  req.onSource?.(source);
  let end = size;
  let capped = false;
  try {
    const t = await tailStart(agent, where.path, size, req.tail ?? DEFAULT_TAIL, MAX_TAIL_BYTES, agentOpts);
    capped = t.capped;
    end = t.start + t.bytes.length;
    lines.push(t.bytes);
    if (!req.follow) {
      lines.flush();
      return { source, end, capped, stopped: 'end' };
    }
    const pollMs = req.pollMs ?? DEFAULT_POLL_MS;
    for (;;) {
      await sleep(pollMs, req.signal);
      if (req.signal?.aborted) break;
      const now = await fileSize(agent, where.path, agentOpts);
      if (now < end) {
        lines.flush();
        req.onTruncated?.({ path: where.path, size: now, offset: end });
        end = 0;
      }
      while (end < now && !req.signal?.aborted) {
        const c = await readFileChunk(agent, where.path, end, Math.min(FILES_READ_MAX, now - end), agentOpts);
        if (c.data.length === 0) break; // shrank meanwhile: the next poll's size says so
        lines.push(c.data);
        end += c.data.length;
      }
    }
  } catch (e) {
    if (!(req.follow && cancelled(e))) throw e;
  }
  lines.flush();
  return { source, end, capped, stopped: 'aborted' };
}
