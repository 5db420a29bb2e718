import { ClusterError, showUrl } from './errors';
import { parseJson, request, statusError, type HttpResponse } from './http';
import type { ClientOptions } from './mesos';

/**
 * A Mesos agent's own HTTP endpoints, as the Mesos source at 1.11.0 serves them: `/state` (src/slave/http.cpp
 * `Http::state`) for the executors and their sandbox `directory`, and the `files` process (src/files/files.cpp) for
 * the sandbox's files. Typed, over the one HTTP client (timeouts, size cap, abort signal); no policy about which task
 * — that is task-log.ts and logs.ts.
 */

const AGENT_CREDS = 'the Mesos credentials: user:password@ in --mesos or mesos_state_uri, or mesos_user/mesos_password';

/** `/files/read` never answers more than 16 pages (files.cpp `_read`: `std::min(length, os::pagesize() * 16)`). */
export const FILES_READ_MAX = 16 * 4096;

/**
 * The most a `/files/read` answer may weigh: 64 KiB of data, each byte at worst a 6-character `\u00XX` escape, and the
 * JSON around it. More is not Mesos: the request is cut there (a hostile or broken agent cannot fill our memory).
 */
const READ_ANSWER_MAX = FILES_READ_MAX * 6 + 4096;

/** An agent as the master names it: its pid's `ip:port` is where it listens (mesos.ts `MesosAgent.address`). */
export interface AgentEndpoint {
  /** `http://ip:port` (the master's scheme: agents of a TLS cluster speak TLS) */
  base: string;
  /** Mesos' agent id */
  id: string;
  hostname: string;
  /** the pid's process name (`slave(1)`), when it names one: `/state` is then asked as `/slave(1)/state`, as the web UI does */
  processId?: string;
}

export interface AgentTask {
  id: string;
  state?: string;
}

export interface AgentExecutor {
  frameworkId: string;
  frameworkName?: string;
  /** a command task's executor has the task's id (src/slave/slave.cpp:6774 `getExecutorInfo` at 1.11.0) */
  id: string;
  /** the sandbox: `<work_dir>/slaves/<agent>/frameworks/<fw>/executors/<executor>/runs/<container>` (src/slave/paths.cpp `getExecutorRunPath`) */
  directory: string;
  container?: string;
  /** `tasks` and `queued_tasks` (running or about to) */
  tasks: AgentTask[];
  /** `completed_tasks` (terminal) */
  completedTasks: AgentTask[];
  /** listed under `completed_executors` (of a live or a completed framework): the executor ended */
  completed: boolean;
}

export interface AgentState {
  url: string;
  id?: string;
  hostname?: string;
  executors: AgentExecutor[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)) : []);

function agentError(res: HttpResponse): ClusterError {
  return statusError(res, 'Mesos', AGENT_CREDS);
}

function tasksOf(v: unknown): AgentTask[] {
  return list(v)
    .map((t) => ({ id: str(t.id) ?? '', state: str(t.state) }))
    .filter((t) => t.id !== '');
}

/**
 * `GET /state` on the agent. The agent's libprocess hands every path that names no process to its `slave(1)` process
 * (3rdparty/libprocess/src/process.cpp:2715-2732, the delegate set by src/slave/main.cpp `process::initialize(id, …)`),
 * so `/state` is `/slave(1)/state`. Frameworks and completed frameworks, each with `executors` and
 * `completed_executors`, each executor with its `directory`, `tasks`, `queued_tasks` and `completed_tasks`
 * (src/slave/http.cpp `FrameworkWriter`, `ExecutorWriter`). 503 while the agent recovers.
 */
export async function agentState(agent: AgentEndpoint, opts: ClientOptions = {}): Promise<AgentState> {
  // the web UI asks `/<process>/state` (src/webui/app/controllers.js `agentURLPrefix(agent, true)`): exact even where
  // several agents share one host:port (mesos-local); a process name of other characters is not put in a path
  const prefix = agent.processId && /^[A-Za-z0-9_.-]+\(\d+\)$/.test(agent.processId) ? `/${agent.processId}` : '';
  const res = await request(`${agent.base}${prefix}/state`, { ...opts, followRedirects: false });
  if (res.status !== 200) throw agentError(res);
  const raw = parseJson<unknown>(res, 'Mesos');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ClusterError('not-json', `${showUrl(res.url)}: the answer is JSON but not an object: this is not a Mesos agent's state — check the agent's address (${agent.hostname})`, { url: showUrl(res.url), status: res.status });
  }
  const r = raw as Record<string, unknown>;
  const executors: AgentExecutor[] = [];
  for (const fw of [...list(r.frameworks), ...list(r.completed_frameworks)]) {
    const frameworkId = str(fw.id) ?? '';
    const frameworkName = str(fw.name);
    for (const [key, completed] of [['executors', false], ['completed_executors', true]] as const) {
      for (const e of list(fw[key])) {
        const directory = str(e.directory);
        if (!directory) continue;
        executors.push({
          frameworkId,
          frameworkName,
          id: str(e.id) ?? '',
          directory,
          container: str(e.container),
          tasks: [...tasksOf(e.tasks), ...tasksOf(e.queued_tasks)],
          completedTasks: tasksOf(e.completed_tasks),
          completed,
        });
      }
    }
  }
  return { url: res.url, id: str(r.id), hostname: str(r.hostname), executors };
}

/**
 * The executor that ran `taskId`: the one listing it among its tasks, else (a command task) the one of the same id.
 * A live executor wins over a completed one: a relaunched executor id reuses nothing, but be exact all the same.
 */
export function executorOfTask(state: AgentState, taskId: string): AgentExecutor | undefined {
  const has = (e: AgentExecutor) => e.tasks.some((t) => t.id === taskId) || e.completedTasks.some((t) => t.id === taskId);
  const found = state.executors.filter(has);
  const pick = (xs: AgentExecutor[]) => xs.find((e) => !e.completed) ?? xs[0];
  return pick(found) ?? pick(state.executors.filter((e) => e.id === taskId));
}

export interface FileChunk {
  /** the offset the agent answered: the file's size for an offset −1 request, else the offset asked */
  offset: number;
  /** the bytes read (at most the length asked and FILES_READ_MAX) */
  data: Buffer;
}

/** A JSON string read from a `latin1` body is one character per byte; one with a `\uXXXX` above 0xFF came from a re-encoder. */
function bytesOf(data: string): Buffer {
  return /[^\x00-\xff]/.test(data) ? Buffer.from(data, 'utf8') : Buffer.from(data, 'latin1');
}

/**
 * `GET /files/read?path=…&offset=…&length=…` (src/files/files.cpp `FilesProcess::__read` at 1.11.0): offset −1 answers
 * `{"offset": <size>, "data": ""}`; an offset at or past the end answers that offset with no data; otherwise at most
 * `length` bytes (capped at 16 pages) from `offset`, fewer when the read is short. 404 with an empty body when the path
 * is not attached (a sandbox garbage-collected, detached by src/slave/slave.cpp `detachFile`), 400 for a bad parameter
 * or a directory, 403 when the principal may not read the sandbox (`authorizeSandboxAccess`), 401 in the realm
 * `mesos-agent-readonly` with --authenticate_http_readonly (src/slave/main.cpp: `new Files(READONLY_HTTP_AUTHENTICATION_REALM, …)`).
 *
 * An answer that is not what Mesos would send — more data than asked, an offset other than the one asked — is one
 * `ClusterError`, never used: a follow trusting it could loop or print the file twice.
 */
export async function readFileChunk(agent: AgentEndpoint, path: string, offset: number, length: number, opts: ClientOptions = {}): Promise<FileChunk> {
  const asked = offset === -1 ? 0 : Math.min(length, FILES_READ_MAX);
  const q = `path=${encodeURIComponent(path)}&offset=${offset}${offset === -1 ? '' : `&length=${asked}`}`;
  const res = await request(`${agent.base}/files/read?${q}`, { ...opts, followRedirects: false, bodyEncoding: 'latin1', maxBytes: Math.min(opts.maxBytes ?? READ_ANSWER_MAX, READ_ANSWER_MAX) });
  const where = showUrl(`${agent.base}/files/read`);
  if (res.status === 404) {
    throw new ClusterError('not-found', `${where}: 404 for ${path}: the sandbox is gone from the agent on ${agent.hostname} — Mesos removes a finished task's sandbox after --gc_delay (or the agent's work directory was cleaned); its output is lost, read a task that still runs (sysdig-mesos status lists them)`, { url: where, status: 404 });
  }
  if (res.status !== 200) throw agentError(res);
  const j = parseJson<unknown>(res, 'Mesos');
  const o = j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  const bad = (why: string) => new ClusterError('not-json', `${where}: ${why}: this is not a Mesos agent's /files/read answer — check the agent's address (${agent.hostname})`, { url: where, status: res.status });
  if (!o || typeof o.offset !== 'number' || !Number.isSafeInteger(o.offset) || o.offset < 0 || typeof o.data !== 'string') throw bad('no "offset" and "data"');
  const data = bytesOf(o.data);
  if (offset === -1) {
    if (data.length > 0) throw bad('data with the size');
  } else {
    if (o.offset !== offset) throw bad(`offset ${o.offset} where ${offset} was asked`);
    if (data.length > asked) throw bad(`${data.length} bytes where at most ${asked} were asked`);
  }
  return { offset: o.offset, data };
}

/** The file's size: `/files/read` with offset −1 (the web UI's pailer does the same, src/webui/assets/libs/jquery.pailer.js:128). */
export async function fileSize(agent: AgentEndpoint, path: string, opts: ClientOptions = {}): Promise<number> {
  return (await readFileChunk(agent, path, -1, 0, opts)).offset;
}

export interface FileEntry {
  path: string;
  size?: number;
  mode?: string;
  mtime?: number;
}

/** `GET /files/browse?path=…`: a directory's entries, `path` `size` `mode` `mtime` … (src/common/http.cpp `model(const FileInfo&)`). */
export async function browseDirectory(agent: AgentEndpoint, path: string, opts: ClientOptions = {}): Promise<FileEntry[]> {
  const res = await request(`${agent.base}/files/browse?path=${encodeURIComponent(path)}`, { ...opts, followRedirects: false, maxBytes: Math.min(opts.maxBytes ?? 4 * 1024 * 1024, 4 * 1024 * 1024) });
  if (res.status === 404) {
    const where = showUrl(`${agent.base}/files/browse`);
    throw new ClusterError('not-found', `${where}: 404 for ${path}: the sandbox is gone from the agent on ${agent.hostname}`, { url: where, status: 404 });
  }
  if (res.status !== 200) throw agentError(res);
  return list(parseJson<unknown>(res, 'Mesos')).map((e) => ({ path: str(e.path) ?? '', size: typeof e.size === 'number' ? e.size : undefined, mode: str(e.mode), mtime: typeof e.mtime === 'number' ? e.mtime : undefined }));
}
