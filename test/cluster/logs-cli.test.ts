import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli';
import { request } from '../../server/src/cluster/http';
import { startCli } from '../security/cli-child';
import { clusterWithAgents, FILE_KEY, fixedApp, marathon, root, SECRET_KEY } from './deploy-helpers';

// `sysdig-mesos logs` against the fakes on 127.0.0.1: the Marathon fake places the agent app's tasks, the Mesos fake
// lists its agents with pids naming fake agents (fake/mesos-agent.ts), each serving the sandboxes of the tasks on it
// as a Mesos 1.11.0 agent does (src/slave/http.cpp `Http::state`, src/files/files.cpp `/files/read`).

const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-logs-'));
let n = 0;
function file(name: string, text: string): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
}
const appFile = file('sysdig.json', fixedApp);
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;
const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];
const PASSWORDS = ['mesospw', 'marathonpw'];

async function logs(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await runCli(['logs', ...args], { cwd: root, killAfterMs: 30_000, env: { PATH: process.env.PATH ?? '', SYSDIG_ACCESS_KEY: SECRET_KEY, ...env } });
  for (const s of [...PASSWORDS, SECRET_KEY, FILE_KEY]) {
    assert.ok(!r.stdout.includes(s), `secret ${s.slice(0, 4)}… in stdout:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(s), `secret ${s.slice(0, 4)}… in stderr:\n${r.stderr}`);
  }
  return r;
}

/** A cluster of `agentHosts` with the agent app on `taskHosts`, agents that answer, and the CLI's cluster flags. */
async function cluster(agentHosts: string[], taskHosts: string[], o: { stuck?: boolean; auth?: boolean } = {}) {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts, clock: 'manual', stuck: o.stuck ? ['/sysdig-agent'] : [] }, apps: { '/sysdig-agent': { instances: taskHosts.length, taskHosts, definition: appDef } } });
  const { mesos, agents } = await clusterWithAgents(m, o.auth ? { user: 'ops', password: 'mesospw' } : undefined);
  const mesosUri = o.auth ? `http://ops:mesospw@127.0.0.1:${mesos.port}` : mesos.url;
  const flags = ['--mesos', mesosUri, '--marathon', m.url, '--app', appFile];
  const taskOn = (host: string) => m.store.apps.get('/sysdig-agent')!.tasks.find((t) => t.host === host)!.id;
  return { m, mesos, agents, flags, taskOn };
}

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

test('logs --host H --tail N: the last N lines of the task\'s stdout on that host; stderr says which task, host and file', async () => {
  const c = await cluster(HOSTS, HOSTS);
  const id = c.taskOn('10.0.6.244');
  c.agents.write(id, 'stdout', numbered(1, 300));
  const r = await logs([...c.flags, '--host', '10.0.6.244', '--tail', '5']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, numbered(296, 300));
  const dirOf = c.agents.sandbox(id);
  assert.match(dirOf, new RegExp(`^/var/lib/mesos/slaves/[^/]+/frameworks/${c.mesos.marathonFrameworkId}/executors/${id.replace('.', '\\.')}/runs/[0-9a-f-]{36}$`));
  assert.equal(r.stderr, `sysdig-mesos: stdout of task ${id} on 10.0.6.244 (TASK_RUNNING, agent 127.0.0.1:${c.agents.servers.get(c.m.store.agents[1].id)!.port}): ${dirOf}/stdout, ${numbered(1, 300).length} bytes\n`);
  // the size asked with offset -1, then the tail read backwards from it
  const reads = c.agents.servers.get(c.m.store.agents[1].id)!.requests.filter((q) => q.url.startsWith('/files/read'));
  assert.match(reads[0].url, /offset=-1$/);
  // the default: the last 100 lines
  const d = await logs([...c.flags, '--host', '10.0.6.244']);
  assert.equal(d.stdout, numbered(201, 300));
});

test('logs --task ID and --stderr: that task\'s stderr (the command executor\'s lines)', async () => {
  const c = await cluster(HOSTS, HOSTS);
  const id = c.taskOn('10.0.7.17');
  const r = await logs([...c.flags, '--task', id, '--stderr']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`executor\\.cpp:194\\] Subscribed executor on 10\\.0\\.7\\.17\\n.*executor\\.cpp:722\\] Starting task ${id.replace('.', '\\.')}\\n$`));
  assert.match(r.stderr, new RegExp(`^sysdig-mesos: stderr of task ${id.replace('.', '\\.')} on 10\\.0\\.7\\.17 .*/stderr, \\d+ bytes\\n$`));
  const unknown = await logs([...c.flags, '--task', 'sysdig-agent.nope']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /^sysdig-mesos: task sysdig-agent\.nope is not a task of \/sysdig-agent \(its tasks run on 10\.0\.2\.121, 10\.0\.6\.244, 10\.0\.7\.17: pick one with --host\); Marathon knows only the running tasks and the last failure\n$/);
});

test('logs without --host/--task: the only task is read; several → exit 2 listing the hosts', async () => {
  const one = await cluster(HOSTS, ['10.0.2.121']);
  one.agents.write(one.taskOn('10.0.2.121'), 'stdout', 'hello from the agent\n');
  const r = await logs(one.flags);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello from the agent\n');

  const three = await cluster(HOSTS, HOSTS);
  const a = await logs(three.flags);
  assert.equal(a.code, 2);
  assert.equal(a.stdout, '');
  assert.equal(a.stderr, 'sysdig-mesos: /sysdig-agent has 3 tasks: choose one with --host (10.0.2.121, 10.0.6.244, 10.0.7.17) or --task ID\n');
});

test('logs --host: an agent without a task → "not monitored", exit 2; not an agent → the agents listed; a master+agent node is read like any', async () => {
  const c = await cluster([...HOSTS, '127.0.0.1'], ['10.0.2.121', '127.0.0.1']);
  const none = await logs([...c.flags, '--host', '10.0.7.17']);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, 'sysdig-mesos: no task of /sysdig-agent on 10.0.7.17: the node is not monitored (sysdig-mesos status says why); its tasks run on 10.0.2.121, 127.0.0.1\n');
  const stranger = await logs([...c.flags, '--host', 'db-1']);
  assert.equal(stranger.code, 2);
  assert.equal(stranger.stderr, 'sysdig-mesos: db-1 is not a Mesos agent (the agents: 10.0.2.121, 10.0.6.244, 10.0.7.17, 127.0.0.1)\n');
  // the agent without a task has no framework on it (src/slave/slave.cpp removeFramework): its /state says so
  const idle = c.m.store.agents.find((a) => a.hostname === '10.0.7.17')!;
  const st = JSON.parse((await request(`${c.agents.servers.get(idle.id)!.url}/state`)).body) as { frameworks: unknown[]; completed_frameworks: unknown[]; hostname: string; pid: string };
  assert.deepEqual([st.frameworks, st.completed_frameworks, st.hostname, st.pid], [[], [], '10.0.7.17', `slave(1)@127.0.0.1:${c.agents.servers.get(idle.id)!.port}`]);
  const both = c.taskOn('127.0.0.1');
  c.agents.write(both, 'stdout', 'on the master node\n');
  const r = await logs([...c.flags, '--host', '127.0.0.1']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'on the master node\n');
});

test('logs --host of a node whose task failed: no task runs there, so the failed task\'s stderr — the reason — with a note', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121', '10.0.6.244'], { stuck: true });
  const put = await request(`${c.m.url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify({ instances: 3 }), contentType: 'application/json' });
  assert.equal(put.status, 200);
  c.m.store.advance(2); // the third task is placed on 10.0.7.17 and fails as it starts
  const failure = c.m.store.apps.get('/sysdig-agent')!.lastTaskFailure!;
  assert.equal(failure.host, '10.0.7.17');
  c.agents.append(failure.taskId, 'stderr', `+ /docker-entrypoint.sh ACCESS_KEY=${FILE_KEY}\nError: could not reach collector with key ${SECRET_KEY}\n`);
  const r = await logs([...c.flags, '--host', '10.0.7.17', '--stderr']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\+ \/docker-entrypoint\.sh ACCESS_KEY=\*\*\*\nError: could not reach collector with key \*\*\*\n$/);
  const notes = r.stderr.trimEnd().split('\n');
  assert.match(notes[0], /^sysdig-mesos: no task of \/sysdig-agent runs there; its last task failure \(TASK_FAILED at \S+\) ran this task$/);
  assert.match(notes[1], new RegExp(`^sysdig-mesos: stderr of task ${failure.taskId.replace('.', '\\.')} on 10\\.0\\.7\\.17 \\(TASK_FAILED, agent 127\\.0\\.0\\.1:\\d+, the executor ended\\): `));
});

test('logs: a sandbox garbage-collected (404 from /files/read) → one line saying it is gone and what to do, exit 2', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121', '10.0.6.244'], { stuck: true });
  await request(`${c.m.url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify({ instances: 3 }), contentType: 'application/json' });
  c.m.store.advance(2);
  const failure = c.m.store.apps.get('/sysdig-agent')!.lastTaskFailure!;
  c.agents.gc(failure.taskId);
  const r = await logs([...c.flags, '--task', failure.taskId, '--stderr']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.stderr); // the note (the last failure), then the one error line
  assert.match(lines[1], /^sysdig-mesos: http:\/\/127\.0\.0\.1:\d+\/files\/read: 404 for \/var\/lib\/mesos\/slaves\/\S+\/stderr: the sandbox is gone from the agent on 10\.0\.7\.17 — Mesos removes a finished task's sandbox after --gc_delay \(or the agent's work directory was cleaned\); its output is lost, read a task that still runs \(sysdig-mesos status lists them\)$/);
});

test('logs: Mesos credentials go to the agent too (realm mesos-agent-readonly), masked everywhere; secrets in the task output masked', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121'], { auth: true });
  const id = c.taskOn('10.0.2.121');
  c.agents.write(id, 'stdout', `mesos_state_uri: http://ops:mesospw@10.0.0.1:5050\nkey ${SECRET_KEY} and ${FILE_KEY}\nplain line\n`);
  const r = await logs(c.flags);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'mesos_state_uri: http://ops:***@10.0.0.1:5050\nkey *** and ***\nplain line\n');
  const agent = c.agents.servers.get(c.m.store.agents[0].id)!;
  assert.ok(agent.requests.length > 0 && agent.requests.every((q) => q.headers.authorization === `Basic ${Buffer.from('ops:mesospw').toString('base64')}`));
  // without credentials the master refuses first: the one line names the realm and the way on
  const no = await logs(['--mesos', c.mesos.url, '--marathon', c.m.url]);
  assert.equal(no.code, 2);
  assert.match(no.stderr, /^sysdig-mesos: http:\/\/127\.0\.0\.1:\d+\/master\/state\.json: 401 Unauthorized \(realm "mesos-master-readonly"\): Mesos requires credentials/);
});

test('logs: a long file read in 64 KiB chunks — the tail spans chunks, a character cut by a chunk arrives whole', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121']);
  const id = c.taskOn('10.0.2.121');
  // 3-byte characters, so that some 64 KiB boundary falls inside one
  const line = (i: number) => `${String(i).padStart(5, '0')} ${'€'.repeat(40)}\n`;
  const text = Array.from({ length: 3000 }, (_, i) => line(i)).join('');
  assert.ok(Buffer.byteLength(text) > 4 * 65536);
  c.agents.write(id, 'stdout', text);
  const r = await logs([...c.flags, '--tail', '2500']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, Array.from({ length: 2500 }, (_, i) => line(i + 500)).join(''));
  const reads = c.agents.servers.get(c.m.store.agents[0].id)!.requests.filter((q) => q.url.startsWith('/files/read') && !q.url.endsWith('offset=-1'));
  assert.ok(reads.length >= 4, `${reads.length} reads`);
  for (const q of reads) assert.ok(Number(new URL(q.url, 'http://x').searchParams.get('length')) <= 65536, q.url);
});

test('logs --follow: the tail, then what is appended, until Ctrl-C (exit 0, nothing after); a truncation reads from the start', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121']);
  const id = c.taskOn('10.0.2.121');
  c.agents.write(id, 'stdout', numbered(1, 10));
  const child = startCli(['logs', ...c.flags, '--follow', '--tail', '3'], { SYSDIG_MESOS_POLL_MS: '50' });
  const waitFor = async (re: RegExp, what: () => string) => {
    const t0 = Date.now();
    while (!re.test(what())) {
      if (Date.now() - t0 > 10_000) assert.fail(`waited for ${re} in:\n${what()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor(/line 10\n$/, child.out);
  assert.equal(child.out(), numbered(8, 10));
  c.agents.append(id, 'stdout', 'line 11\nline 1'); // a line still being written stays back until its newline
  await waitFor(/line 11\n$/, child.out);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(child.out(), numbered(8, 11));
  c.agents.append(id, 'stdout', '2\n');
  await waitFor(/line 12\n$/, child.out);
  // truncated (or rotated), then written again: read from its start
  c.agents.truncate(id, 'stdout');
  await new Promise((r) => setTimeout(r, 200));
  c.agents.write(id, 'stdout', 'after rotation\n');
  await waitFor(/after rotation\n$/, child.out);
  child.proc.kill('SIGINT');
  const end = await child.exited;
  assert.equal(end.code, 0, end.stderr);
  assert.equal(end.stdout, `${numbered(8, 12)}after rotation\n`);
  assert.match(end.stderr, /^sysdig-mesos: stdout of task .*\nsysdig-mesos: \S+\/stdout is now 0 bytes, shorter than the 87 read: truncated or rotated — reading from its start\n$/);
});

test('logs: in --help; bad usage is one line and exit 2 (both --host and --task, a bad --tail, a FILE, an option of another command)', async () => {
  const help = await runCli(['--help'], { cwd: root });
  assert.match(help.stdout, /sysdig-mesos logs \[--config dragent\.yaml \| --mesos URI --marathon URI \| --cluster NAME\] \[--app sysdig\.json\]\n\s+\[--clusters-file \.sysdig-mesos\.json\] \[--host H \| --task ID\] \[--stderr\] \[--tail N\] \[--follow\]/);
  assert.match(help.stdout, /^logs: the agent app's task output/m);
  const cases: [string[], RegExp][] = [
    [['--host', 'a', '--task', 'b'], /^sysdig-mesos: --host and --task name a task each: give one of them$/m],
    [['--tail', 'ten'], /^sysdig-mesos: --tail must be a whole number of lines from 0 to 1000000, not ten$/m],
    [['--tail', '-1'], /^sysdig-mesos: --tail must be a whole number of lines from 0 to 1000000, not -1$/m],
    [['sysdig.json'], /^sysdig-mesos: logs takes no FILE \(use --config and --app\): sysdig\.json$/m],
    [['--yes'], /^sysdig-mesos: unknown option --yes for logs$/m],
  ];
  for (const [args, re] of cases) {
    const r = await logs(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, re);
  }
  // logs writes no report: --format is another command's (asked for as JSON, the error comes as JSON, as everywhere)
  const f = await logs(['--format', 'json']);
  assert.equal(f.code, 2);
  assert.deepEqual(JSON.parse(f.stdout), { error: 'unknown option --format for logs', exitCode: 2 });
});

test('logs: an app Marathon does not have → one line naming it and the way on, exit 2', async () => {
  const c = await cluster(HOSTS, ['10.0.2.121']);
  const other = file('other.json', JSON.stringify({ ...appDef, id: '/monitoring/sysdig' }));
  const r = await logs(['--mesos', c.mesos.url, '--marathon', c.m.url, '--app', other]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'sysdig-mesos: Marathon has no app /monitoring/sysdig: deploy it (sysdig-mesos deploy), or name the app\'s file with --app\n');
});
