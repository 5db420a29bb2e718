import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { projectRoot } from '../helpers/paths';
import { startFakeMarathon, type FakeMarathon, type FakeMarathonOptions } from './fake/marathon';
import { startFakeMesos, type FakeMesos, type FakeMesosOptions } from './fake/mesos';
import { startFakeAgents, type FakeAgents, type FakeAgentTask } from './fake/mesos-agent';

/** Shared by the deploy-*.test.ts files: fakes closed after the file, the example app, secret checks. */

export const root = projectRoot();
/** The fixed example app: a valid sysdig.json with a (made-up) access key. */
export const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
export const guideApp = readFileSync(join(root, 'examples', 'guide', 'sysdig.json'), 'utf8');
export const FILE_KEY = '3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c';
/** what tests pass as SYSDIG_ACCESS_KEY: must never be printed */
export const SECRET_KEY = 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55';
export const PASSWORD = 'marathonpw';

/** The fixed app with its access key replaced by the guide's placeholder (to be filled at send time). */
export const placeholderKeyApp = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE');

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});

export async function marathon(o: FakeMarathonOptions): Promise<FakeMarathon> {
  const m = await startFakeMarathon(o);
  closers.push(() => m.close());
  return m;
}

/** No secret in any text the engine or the CLI produced. */
export function assertNoSecrets(text: string, secrets: readonly string[] = [SECRET_KEY, FILE_KEY, PASSWORD]): void {
  for (const s of secrets) assert.ok(!text.includes(s), `secret ${s.slice(0, 6)}… in:\n${text}`);
}

/** The requests the fake saw with this method and path prefix. */
export function requestsTo(m: FakeMarathon, method: string, pathPrefix: string) {
  return m.requests.filter((r) => r.method === method && r.url.startsWith(pathPrefix));
}

/**
 * A fake Mesos master for the same cluster as the fake Marathon `m`: its agents are Marathon's (hostnames, ids,
 * resources), each one's `used_resources` is what the tasks on it take, and the marathon framework's `tasks` are the
 * tasks Marathon placed (agent ids, states), read at every request — as a real master reports the tasks the Marathon
 * framework runs. The master itself is 127.0.0.1: a Marathon agent of that hostname is a node both master and agent.
 * Offers carry ports 31000-32000 (Mesos's default range).
 */
export async function mesosOf(m: FakeMarathon, profile: '1.2' | '0.27' = '1.2', more: Partial<FakeMesosOptions> = {}): Promise<FakeMesos> {
  const mesos = await startFakeMesos({
    ...more,
    profile,
    role: 'leader',
    agents: () =>
      m.store.agents.map((a) => {
        const on = [...m.store.apps.values()].flatMap((x) => x.tasks).filter((t) => t.agent.id === a.id);
        const sum = (k: 'cpus' | 'mem' | 'disk') => on.reduce((n, t) => n + (Number(t[k]) || 0), 0);
        return { id: a.id, hostname: a.hostname, resources: { cpus: a.cpus, mem: a.mem, disk: a.disk, ports: '[31000-32000]' }, used: { cpus: sum('cpus'), mem: sum('mem'), disk: sum('disk'), ports: '' } };
      }),
    // the marathon framework's tasks are the ones the fake Marathon placed, in the state Marathon shows them
    frameworkTasks: () =>
      [...m.store.apps.values()].flatMap((x) =>
        x.tasks.map((t) => ({
          id: t.id,
          name: t.appId.split('/').filter(Boolean).reverse().join('.'),
          slaveId: t.agent.id,
          state: t.phase === 'running' ? 'TASK_RUNNING' : t.phase === 'killing' ? 'TASK_KILLING' : 'TASK_STAGING',
          resources: { cpus: Number(t.cpus) || 0, mem: Number(t.mem) || 0, disk: Number(t.disk) || 0 },
        })),
      ),
  });
  closers.push(() => mesos.close());
  return mesos;
}

/** The tasks of the fake Marathon as its agents run them: the live ones, and each app's last failure (TASK_FAILED). */
export function agentTasksOf(m: FakeMarathon): FakeAgentTask[] {
  const name = (appId: string) => appId.split('/').filter(Boolean).reverse().join('.');
  const out: FakeAgentTask[] = [];
  for (const app of m.store.apps.values()) {
    for (const t of app.tasks) {
      out.push({ id: t.id, name: name(t.appId), agentId: t.agent.id, state: t.phase === 'running' ? 'TASK_RUNNING' : t.phase === 'killing' ? 'TASK_KILLING' : 'TASK_STAGING', resources: { cpus: Number(t.cpus) || 0, mem: Number(t.mem) || 0, disk: Number(t.disk) || 0 } });
    }
    const f = app.lastTaskFailure;
    if (f?.taskId && f.slaveId && !out.some((t) => t.id === f.taskId)) out.push({ id: f.taskId, name: name(String(f.appId ?? app.def.id)), agentId: f.slaveId, state: 'TASK_FAILED' });
  }
  return out;
}

/**
 * The fake Marathon's cluster with agents that answer: a Mesos master (mesosOf) whose agents' pids name fake agents on
 * 127.0.0.1 (fake/mesos-agent.ts), each running the sandboxes of the tasks Marathon placed on it. Each agent keeps its
 * own hostname (10.0.x.y, Marathon's placement) while its pid's IP is 127.0.0.1 — the master's: coverage.ts tells
 * nodes apart by hostname where the IP is loopback, so only an agent named like the master is the master's node.
 */
export async function clusterWithAgents(m: FakeMarathon, auth?: { user: string; password: string }): Promise<{ mesos: FakeMesos; agents: FakeAgents }> {
  let agents: FakeAgents | undefined;
  const mesos = await mesosOf(m, '1.2', { agentPid: (id) => agents?.pid(id), auth });
  agents = await startFakeAgents({ agents: m.store.agents.map((a) => ({ id: a.id, hostname: a.hostname })), tasks: () => agentTasksOf(m), frameworkId: mesos.marathonFrameworkId ?? 'marathon-framework', auth });
  closers.push(() => agents!.close());
  return { mesos, agents };
}
