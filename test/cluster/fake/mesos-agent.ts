import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen, type Listening } from './common';

/**
 * Fake Mesos agents: one HTTP server per agent on 127.0.0.1, each answering on the address the master's state names
 * in its pid (`slave(1)@127.0.0.1:PORT`; the hostname stays the agent's own, as a real agent's pid carries the IP its
 * libprocess listens on). Read from the Mesos source at 1.11.0 (git tag 1.11.0 of apache/mesos):
 *
 * - `/state` and `/slave(1)/state`: libprocess hands a path that names no process to the delegate `slave(1)`
 *   (3rdparty/libprocess/src/process.cpp:2715-2732; src/slave/main.cpp `process::initialize(id, …)`). The body is
 *   src/slave/http.cpp `Http::state`: id, pid, hostname, `frameworks` and `completed_frameworks`, each framework
 *   (`FrameworkWriter`) with `executors` and `completed_executors`, each executor (`ExecutorWriter`) with id, name,
 *   source, container, `directory`, resources, `tasks`, `queued_tasks`, `completed_tasks`. A command task's executor
 *   has the task's id (src/slave/slave.cpp:6774 `getExecutorInfo`); its directory is
 *   `<work_dir>/slaves/<agent>/frameworks/<fw>/executors/<executor>/runs/<container>` (src/slave/paths.cpp
 *   `getExecutorRunPath`). A framework whose last executor ended is a completed framework (`removeFramework`). No
 *   `/state.json`: 1.11.0 routes only `/state` (src/slave/slave.cpp:876).
 * - `/files/read` (src/files/files.cpp `FilesProcess::__read` and `_read`): `path` required (400 "Expecting
 *   'path=value' in query.\n"); `offset` absent means −1; `offset` or `length` unparsable → 400 "Failed to parse …",
 *   below −1 → 400 "Negative … provided"; `length` −1 is no length. Offset −1 answers `{"data":"","offset":<size>}`;
 *   an offset at or past the end answers that offset with no data; else at most `length` bytes (to the end when
 *   none), capped at 16 pages (`os::pagesize() * 16`, 64 KiB here), the answer's `offset` the one asked. Keys in
 *   std::map order (`data`, `offset`); the bytes go into the JSON string unchecked (stout jsonify.hpp: rapidjson
 *   without kWriteValidateEncodingFlag), only `"` `\` and controls escaped. A directory → 400 "Cannot read a
 *   directory.\n"; a path not attached (a sandbox garbage-collected: `detachFile`) or a file not there → 404 with
 *   an empty body.
 * - `/files/browse`: a sorted listing of `{path, nlink, size, mtime, mode, uid, gid}` (src/common/http.cpp
 *   `model(const FileInfo&)`), 404 when not attached.
 * - Each sandbox is attached at its real path and at `/frameworks/<fw>/executors/<executor>/runs/latest`
 *   (src/slave/slave.cpp:10400-10448, the three `files->attach` calls).
 * - `auth`: the agent's `--authenticate_http_readonly`: `/state` and `/files/*` want Basic credentials in the realm
 *   `mesos-agent-readonly` (src/slave/constants.hpp:178; src/slave/main.cpp:660 `new Files(READONLY_HTTP_AUTHENTICATION_REALM, …)`),
 *   401 with an empty body otherwise, the decoded value split on `:` into exactly two parts (as the master fake).
 * - gzip when asked and the body is ≥ 1024 bytes (libprocess encoder.hpp), as the master fake.
 *
 * What the sandboxes hold is the test's: `write`/`append` (a growing file, for a follow), `truncate`, `gc` (the sandbox
 * gone). A new sandbox's `stderr` starts with the command executor's first log lines (src/launcher/executor.cpp:194,
 * :722 log "Subscribed executor on …", "Starting task …" through glog, which writes to stderr); `stdout` is empty.
 */

export type FakeTaskState = 'TASK_STAGING' | 'TASK_RUNNING' | 'TASK_KILLING' | 'TASK_FAILED' | 'TASK_KILLED' | 'TASK_FINISHED';
const TERMINAL = new Set<FakeTaskState>(['TASK_FAILED', 'TASK_KILLED', 'TASK_FINISHED']);

export interface FakeAgentTask {
  id: string;
  /** the TaskInfo name (Marathon: the app id reversed and dot-joined) */
  name: string;
  agentId: string;
  state: FakeTaskState;
  resources?: { cpus: number; mem: number; disk: number };
}

export interface FakeAgentsOptions {
  agents: { id: string; hostname: string }[];
  /** the tasks on the agents now, read at each request; a task seen before and gone from here ended (TASK_KILLED) */
  tasks(): FakeAgentTask[];
  /** the framework that launched them (Marathon's) */
  frameworkId: string;
  frameworkName?: string;
  auth?: { user: string; password: string };
  /** --work_dir (default /var/lib/mesos) */
  workDir?: string;
}

interface Sandbox {
  task: FakeAgentTask;
  agentId: string;
  containerId: string;
  directory: string;
  files: Map<string, Buffer>;
  gone: boolean;
}

export interface FakeAgents {
  /** each agent's server, by agent id */
  servers: Map<string, Listening>;
  /** what the master's state names as the agent's pid: `slave(1)@127.0.0.1:PORT` */
  pid(agentId: string): string | undefined;
  /** the sandbox (executor directory) of a task the agents know */
  sandbox(taskId: string): string;
  write(taskId: string, file: string, content: string | Buffer): void;
  append(taskId: string, file: string, content: string | Buffer): void;
  /** the file's content from now on is empty (a `> stdout` truncation, or a rotation) */
  truncate(taskId: string, file: string): void;
  /** the sandbox garbage-collected: detached (404), its executor still listed in `/state` as a real agent keeps it */
  gc(taskId: string): void;
  close(): Promise<void>;
}

export const FILES_READ_MAX = 16 * 4096;

export async function startFakeAgents(options: FakeAgentsOptions): Promise<FakeAgents> {
  const workDir = options.workDir ?? '/var/lib/mesos';
  const sandboxes = new Map<string, Sandbox>();
  const servers = new Map<string, Listening>();
  const hostnameOf = new Map(options.agents.map((a) => [a.id, a.hostname]));

  /** Every task seen gets its sandbox; one no longer listed ended (its last state kept if terminal, else killed). */
  function sync(): void {
    const now = new Map(options.tasks().map((t) => [t.id, t]));
    for (const t of now.values()) {
      const s = sandboxes.get(t.id);
      if (s) {
        s.task = { ...t };
        continue;
      }
      const containerId = randomUUID();
      const directory = `${workDir}/slaves/${t.agentId}/frameworks/${options.frameworkId}/executors/${t.id}/runs/${containerId}`;
      const host = hostnameOf.get(t.agentId) ?? '?';
      const stderr = `I0101 00:00:00.000000     7 executor.cpp:194] Subscribed executor on ${host}\nI0101 00:00:00.000100     7 executor.cpp:722] Starting task ${t.id}\n`;
      sandboxes.set(t.id, { task: { ...t }, agentId: t.agentId, containerId, directory, files: new Map([['stdout', Buffer.alloc(0)], ['stderr', Buffer.from(stderr)]]), gone: false });
    }
    for (const s of sandboxes.values()) if (!now.has(s.task.id) && !TERMINAL.has(s.task.state)) s.task = { ...s.task, state: 'TASK_KILLED' };
  }

  function known(taskId: string): Sandbox {
    sync();
    const s = sandboxes.get(taskId);
    if (!s) throw new Error(`fake agents: no task ${taskId}`);
    return s;
  }

  function taskJson(s: Sandbox) {
    const r = s.task.resources ?? { cpus: 0.5, mem: 512, disk: 0 };
    return { id: s.task.id, name: s.task.name, framework_id: options.frameworkId, executor_id: '', slave_id: s.agentId, state: s.task.state, resources: { cpus: r.cpus, mem: r.mem, disk: r.disk, gpus: 0 }, statuses: [{ state: s.task.state, timestamp: 1767225600 }] };
  }

  function executorJson(s: Sandbox) {
    const ended = TERMINAL.has(s.task.state);
    return {
      id: s.task.id,
      name: `Command Executor (Task: ${s.task.id}) (Command: sh -c '...')`,
      source: s.task.id,
      container: s.containerId,
      directory: s.directory,
      resources: { cpus: 0.1, mem: 32, disk: 0, gpus: 0 },
      tasks: ended ? [] : [taskJson(s)],
      queued_tasks: [],
      completed_tasks: ended ? [taskJson(s)] : [],
    };
  }

  function state(agentId: string, port: number) {
    sync();
    // a garbage-collected sandbox's executor stays listed: the agent keeps completed executors in memory
    // (Framework::completedExecutors, --max_completed_executors_per_framework), their `directory` included
    const mine = [...sandboxes.values()].filter((s) => s.agentId === agentId);
    const live = mine.filter((s) => !TERMINAL.has(s.task.state));
    const ended = mine.filter((s) => TERMINAL.has(s.task.state));
    const fw = (executors: Sandbox[], completed: Sandbox[]) => ({
      id: options.frameworkId,
      name: options.frameworkName ?? 'marathon',
      user: 'root',
      failover_timeout: 604800,
      checkpoint: true,
      hostname: '127.0.0.1',
      role: '*',
      executors: executors.map(executorJson),
      completed_executors: completed.map(executorJson),
    });
    return {
      version: '1.11.0',
      build_date: '2020-11-19 15:06:47',
      build_time: 1605798407,
      build_user: 'root',
      start_time: 1767225600,
      id: agentId,
      pid: `slave(1)@127.0.0.1:${port}`,
      hostname: hostnameOf.get(agentId),
      capabilities: ['MULTI_ROLE', 'HIERARCHICAL_ROLE', 'RESERVATION_REFINEMENT'],
      resources: { cpus: 4, mem: 15360, disk: 100000, gpus: 0, ports: '[31000-32000]' },
      attributes: {},
      master_hostname: '127.0.0.1',
      log_dir: '/var/log/mesos',
      flags: { work_dir: workDir, port: String(port), authenticate_http_readonly: options.auth ? 'true' : 'false', gc_delay: '1weeks' },
      // a framework is on the agent while it has executors; when the last ends it becomes a completed framework
      frameworks: live.length > 0 ? [fw(live, ended)] : [],
      completed_frameworks: live.length === 0 && ended.length > 0 ? [fw([], ended)] : [],
    };
  }

  /** files.cpp `resolve`: the longest attached prefix, then the rest inside it; undefined when not attached or absent. */
  function resolve(path: string): { s: Sandbox; file?: string } | undefined {
    sync();
    const clean = path.replace(/\/+$/, '');
    for (const s of sandboxes.values()) {
      if (s.gone) continue;
      const latest = `/frameworks/${options.frameworkId}/executors/${s.task.id}/runs/latest`;
      for (const root of [s.directory, latest]) {
        if (clean === root) return { s };
        if (clean.startsWith(`${root}/`)) {
          const file = clean.slice(root.length + 1);
          return s.files.has(file) ? { s, file } : undefined;
        }
      }
    }
    return undefined;
  }

  /** numify: an integer in decimal, or an error text as stout words it */
  function numify(v: string): number | string {
    return /^-?\d+$/.test(v.trim()) ? Number(v) : `Failed to convert '${v}' to number`;
  }

  function handle(agentId: string, req: IncomingMessage, res: ServerResponse, self: Listening): void {
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname;
    const send = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      const b = typeof body === 'string' ? Buffer.from(body) : body;
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && b.length >= 1024) {
        const z = gzipSync(b);
        res.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': String(z.length) });
        return void res.end(z);
      }
      res.writeHead(status, { ...headers, 'content-length': String(b.length) });
      res.end(b);
    };
    const text = (status: number, body: string) => send(status, body ? { 'content-type': 'text/plain; charset=utf-8' } : {}, body);
    const json = (obj: unknown) => send(200, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(obj), 'latin1'));
    const routes = ['/state', '/slave(1)/state', '/files/read', '/files/browse'];
    if (path === '/health') return text(200, '');
    if (!routes.includes(path)) return text(404, '');
    if (options.auth) {
      const parts = basicCredentials(req)?.split(':');
      if (!parts || parts.length !== 2 || parts[0] !== options.auth.user || parts[1] !== options.auth.password) return send(401, { 'www-authenticate': 'Basic realm="mesos-agent-readonly"' }, '');
    }
    if (path === '/state' || path === '/slave(1)/state') return json(state(agentId, self.port));
    const p = u.searchParams.get('path');
    if (!p) return text(400, "Expecting 'path=value' in query.\n");
    if (path === '/files/browse') {
      const r = resolve(p);
      if (!r) return text(404, '');
      if (r.file) return json([]); // a file is listed as nothing below it
      const entries = [...r.s.files.entries()].sort(([a], [b]) => a.localeCompare(b));
      return json(entries.map(([name, data]) => ({ path: `${p.replace(/\/+$/, '')}/${name}`, nlink: 1, size: data.length, mtime: 1767225600, mode: '-rw-r--r--', uid: 'root', gid: 'root' })));
    }
    let offset = -1;
    if (u.searchParams.has('offset')) {
      const n = numify(u.searchParams.get('offset')!);
      if (typeof n === 'string') return text(400, `Failed to parse offset: ${n}.\n`);
      if (n < -1) return text(400, `Negative offset provided: ${n}.\n`);
      offset = n;
    }
    let length: number | undefined;
    if (u.searchParams.has('length')) {
      const n = numify(u.searchParams.get('length')!);
      if (typeof n === 'string') return text(400, `Failed to parse length: ${n}.\n`);
      if (n < -1) return text(400, `Negative length provided: ${n}.\n`);
      if (n > -1) length = n;
    }
    let from = offset;
    if (offset === -1) {
      from = 0;
      length = 0;
    }
    const r = resolve(p);
    if (!r) return text(404, '');
    if (!r.file) return text(400, 'Cannot read a directory.\n');
    const data = r.s.files.get(r.file)!;
    const size = data.length;
    const answer = (chunk: Buffer) => json({ data: chunk.toString('latin1'), offset: offset === -1 ? size : offset });
    if (from >= size) return answer(Buffer.alloc(0));
    if (length === undefined) length = size - from;
    if (length === 0) return answer(Buffer.alloc(0));
    return answer(data.subarray(from, from + Math.min(length, FILES_READ_MAX)));
  }

  for (const a of options.agents) {
    const s = await listen((req, res, self) => handle(a.id, req, res, self));
    servers.set(a.id, s);
  }

  const put = (taskId: string, file: string, data: Buffer) => known(taskId).files.set(file, data);
  return {
    servers,
    pid: (agentId) => (servers.has(agentId) ? `slave(1)@127.0.0.1:${servers.get(agentId)!.port}` : undefined),
    sandbox: (taskId) => known(taskId).directory,
    write: (taskId, file, content) => put(taskId, file, Buffer.from(content)),
    append: (taskId, file, content) => put(taskId, file, Buffer.concat([known(taskId).files.get(file) ?? Buffer.alloc(0), Buffer.from(content)])),
    truncate: (taskId, file) => put(taskId, file, Buffer.alloc(0)),
    gc: (taskId) => void (known(taskId).gone = true),
    close: async () => {
      for (const s of servers.values()) await s.close();
    },
  };
}
