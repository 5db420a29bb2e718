import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, corpusJson, listen, type Listening } from './common';

/**
 * A fake Mesos master following mesos-marathon-api.md §2 and §4 ("Fake Mesos master"), its state built
 * from the real captures in corpus/mesos-api/ with the addresses rewritten to this fake's own.
 *
 * Profiles: `0.27` (0.x: a standby answers its own near-empty state naming the leader; no auth on the
 * state; no leader → `/master/redirect` points at itself), `1.2` (1.x: standby 307 with a protocol-
 * relative Location; no leader → 503 `No leader elected`; basic auth with realm `mesos-master-readonly`),
 * `1.8` (1.x, and `/master/state.json` is gone: 404).
 */
export type MesosProfile = '0.27' | '1.2' | '1.8';

export interface FakeMesosOptions {
  profile: MesosProfile;
  role: 'leader' | 'standby' | 'no-leader';
  /** the leading master (standby role): host and port that the redirect/state names */
  leader?: { host: string; port: number };
  /** `user:password` required on read-only endpoints (1.x profiles only, as real masters) */
  auth?: { user: string; password: string };
  /** webui_url of each active `marathon` framework (default: keep the capture's one) */
  marathons?: string[];
  /** replace the agents (slaves) by these host names (each cloned from the capture's first agent) */
  agentHosts?: string[];
  /**
   * the agents with their resources, read at each request (a cluster shared with the fake Marathon: what its tasks
   * use shows in `used_resources`). Each is cloned from the capture's first agent with these values set.
   */
  agents?: () => FakeMesosAgent[];
  /**
   * the tasks the (first) marathon framework runs, read at each request (a cluster shared with the fake Marathon: the
   * tasks its placement put on the agents). Each is written as the master models a task, 1.2.0 src/common/http.cpp:635-661
   * `json(JSON::ObjectWriter*, const Task&)`: id, name, framework_id, executor_id, slave_id, state, resources, statuses;
   * the framework's `tasks` field is written by FullFrameworkWriter (1.2.0 src/master/http.cpp:246-262).
   */
  frameworkTasks?: () => FakeMesosTask[];
  /**
   * the pid an agent's entry names (`slave(1)@ip:port`, where its own endpoints answer: mesos-agent.ts); default
   * `slave(1)@<hostname>:5051`, an address that need not answer
   */
  agentPid?: (agentId: string, hostname: string) => string | undefined;
}

/** A task of the marathon framework on an agent (what Marathon launched there). */
export interface FakeMesosTask {
  id: string;
  /** Marathon names the TaskInfo after the app id reversed and dot-joined (v1.4.13 TaskBuilder.scala:44, PathId.scala:67) */
  name: string;
  slaveId: string;
  state: string;
  resources: { cpus: number; mem: number; disk: number };
}

/** Resources as `/master/slaves` shows them (1.2.0 src/master/http.cpp `model(const Slave&)`): scalars and `ports` ranges. */
export interface FakeMesosAgent {
  id: string;
  hostname: string;
  resources: { cpus: number; mem: number; disk: number; ports: string };
  used: { cpus: number; mem: number; disk: number; ports: string };
}

const STATE_FILE: Record<MesosProfile, string> = {
  '0.27': 'mesos-api/state.mesos-0.27.0.dcos-ui-executor-task.json',
  '1.2': 'mesos-api/state.mesos-1.2.0.dcos-ui-healthy-tasks.json',
  '1.8': 'mesos-api/state.mesos-1.2.0.dcos-ui-healthy-tasks.json',
};

const READ_ONLY = new Set(['state', 'state.json', 'slaves', 'frameworks', 'flags', 'state-summary', 'roles', 'tasks']);

export interface FakeMesos extends Listening {
  /** the id of the (first) marathon framework in the state */
  marathonFrameworkId: string | undefined;
  options: FakeMesosOptions;
}

export async function startFakeMesos(options: FakeMesosOptions): Promise<FakeMesos> {
  const v1 = options.profile !== '0.27';
  const capture = corpusJson(STATE_FILE[options.profile]); // read before listening: a missing corpus leaves no server open
  const fake = (await listen((req, res, self) => handle(req, res, self as FakeMesos))) as FakeMesos;
  fake.options = options;
  const mine = `127.0.0.1:${fake.port}`;
  const leader = options.role === 'leader' ? mine : options.role === 'standby' ? `${options.leader!.host}:${options.leader!.port}` : undefined;

  // The leader's full state, from the capture.
  const full = structuredClone(capture);
  full.hostname = '127.0.0.1';
  full.pid = `master@${mine}`;
  if (options.profile === '1.8') full.version = '1.8.1';
  if (full.flags) full.flags.authenticate_http_readonly = options.auth && v1 ? 'true' : 'false';
  if (leader) {
    full.leader = `master@${leader}`;
    if (v1) full.leader_info = { ...(capture.leader_info ?? {}), id: capture.id, pid: `master@${leader}`, port: Number(leader.split(':')[1]), hostname: leader.split(':')[0] };
  } else {
    delete full.leader;
    delete full.leader_info;
  }
  if (options.agentHosts) {
    const tpl = capture.slaves[0];
    full.slaves = options.agentHosts.map((h, i) => ({ ...structuredClone(tpl), id: `${capture.id}-S${i}`, hostname: h, pid: options.agentPid?.(`${capture.id}-S${i}`, h) ?? `slave(1)@${h}:5051` }));
    full.activated_slaves = full.slaves.length;
  }
  const marathonTpl = capture.frameworks.find((f: { name: string }) => f.name === 'marathon');
  if (options.marathons) {
    const others = full.frameworks.filter((f: { name: string }) => f.name !== 'marathon');
    const ms = options.marathons.map((url, i) => ({ ...structuredClone(marathonTpl), id: i === 0 ? marathonTpl.id : `${marathonTpl.id.replace(/-\d+$/, '')}-${String(100 + i)}`, webui_url: url }));
    full.frameworks = [...ms, ...others];
  }
  fake.marathonFrameworkId = full.frameworks.find((f: { name: string }) => f.name === 'marathon')?.id;

  // A 0.x standby's own state: itself, the leader it knows, nothing registered.
  const standby0 = { ...pick(full, ['version', 'git_sha', 'build_date', 'build_time', 'build_user', 'start_time', 'id', 'hostname', 'log_dir']), pid: `master@${mine}`, activated_slaves: 0, deactivated_slaves: 0, slaves: [], frameworks: [], completed_frameworks: [], orphan_tasks: [], unregistered_frameworks: [] } as Record<string, unknown>;
  if (leader) standby0.leader = `master@${leader}`;

  /** the live agents (options.agents), else the state's */
  function slaves(): unknown[] {
    if (!options.agents) return full.slaves;
    const tpl = capture.slaves[0];
    return options.agents().map((a) => {
      const scalars = (r: FakeMesosAgent['resources']) => ({ cpus: r.cpus, mem: r.mem, disk: r.disk, gpus: 0, ports: r.ports });
      const unreserved = { cpus: a.resources.cpus, mem: a.resources.mem, disk: a.resources.disk, gpus: 0, ports: a.resources.ports };
      return { ...structuredClone(tpl), id: a.id, hostname: a.hostname, pid: options.agentPid?.(a.id, a.hostname) ?? `slave(1)@${a.hostname}:5051`, resources: scalars(a.resources), used_resources: scalars(a.used), offered_resources: { cpus: 0, mem: 0, disk: 0, gpus: 0 }, unreserved_resources: unreserved, reserved_resources: {} };
    });
  }

  /** the frameworks, the first marathon one with the live tasks (options.frameworkTasks), else the state's */
  function frameworks(): unknown[] {
    if (!options.frameworkTasks) return full.frameworks;
    const tasks = options.frameworkTasks();
    let done = false;
    return full.frameworks.map((f: { name: string; id: string }) => {
      if (done || f.name !== 'marathon') return f;
      done = true;
      const statuses = (t: FakeMesosTask) => [{ state: t.state, timestamp: 1767225600 }];
      return {
        ...f,
        tasks: tasks.map((t) => ({ id: t.id, name: t.name, framework_id: f.id, executor_id: '', slave_id: t.slaveId, state: t.state, resources: { cpus: t.resources.cpus, mem: t.resources.mem, disk: t.resources.disk, gpus: 0 }, statuses: statuses(t) })),
      };
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse, self: FakeMesos): void {
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname;
    const name = path === '/version' ? 'version' : /^\/(?:master\/)?([a-z.-]+)$/.exec(path)?.[1];
    const send = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
    const json = (obj: unknown) => {
      const jsonp = u.searchParams.get('jsonp');
      let body = JSON.stringify(obj);
      let type = 'application/json';
      if (jsonp) {
        body = `${jsonp}(${body});`;
        type = 'text/javascript';
      }
      // libprocess encoder.hpp: gzip when asked and the body is ≥ 1024 bytes.
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length >= 1024) {
        const z = gzipSync(body);
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': String(z.length) });
        res.end(z);
        return;
      }
      send(200, { 'content-type': type }, body);
    };
    if (path === '/version') {
      // 0.26+; never behind auth.
      return json({ version: full.version, build_date: full.build_date, build_time: full.build_time, build_user: full.build_user ?? '', git_sha: full.git_sha });
    }
    if (!name || (name === 'state.json' && options.profile === '1.8')) return send(404, {}, '');
    if (name === 'health') return send(200, {}, '');
    if (name === 'redirect') {
      if (path.startsWith('/master/redirect/')) return send(404, {}, '');
      if (!leader) {
        if (v1) return send(503, { 'content-type': 'text/plain; charset=utf-8' }, 'No leader elected');
        return send(307, { location: `//${mine}` }, '');
      }
      return send(307, { location: `//${leader}` }, '');
    }
    if (!READ_ONLY.has(name)) return send(404, {}, '');
    if (v1 && options.auth) {
      const c = basicCredentials(req);
      const parts = c?.split(':');
      if (!parts || parts.length !== 2 || parts[0] !== options.auth.user || parts[1] !== options.auth.password) {
        return send(401, { 'www-authenticate': 'Basic realm="mesos-master-readonly"' }, '');
      }
    }
    if (options.role !== 'leader') {
      if (v1) {
        if (!leader) return send(503, { 'content-type': 'text/plain; charset=utf-8' }, 'No leader elected');
        return send(307, { location: `//${leader}${path}${u.search}` }, '');
      }
      if (name === 'state' || name === 'state.json') return json(standby0);
    }
    switch (name) {
      case 'state':
      case 'state.json':
        return json(options.agents || options.frameworkTasks ? { ...full, slaves: slaves(), frameworks: frameworks() } : full);
      case 'slaves':
        return json(v1 ? { slaves: slaves(), recovered_slaves: [] } : { slaves: slaves() });
      case 'frameworks':
        return json({ frameworks: frameworks(), completed_frameworks: full.completed_frameworks ?? [], unregistered_frameworks: [] });
      case 'flags':
        return json({ flags: full.flags ?? {} });
      default:
        return json({});
    }
  }
  return fake;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}
