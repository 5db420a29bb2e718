import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpGet } from 'node:http';
import { request } from '../../server/src/cluster/http';
import { clusterWithAgents, fixedApp, marathon } from './deploy-helpers';

// The fake agents against the Mesos source they follow (git tag 1.11.0 of apache/mesos): src/files/files.cpp
// (`/files/read`, `/files/browse`), src/slave/http.cpp (`/state`), 3rdparty/libprocess/src/process.cpp (the delegate
// that makes `/state` answer as `/slave(1)/state`). Each assertion is a behaviour of that source; the raw bytes are
// read here, not through our client, so that the fake is checked, not the client's reading of it.

const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

async function setup() {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['10.0.2.121', '10.0.6.244'], clock: 'manual' }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: appDef } } });
  const { mesos, agents } = await clusterWithAgents(m);
  const task = m.store.apps.get('/sysdig-agent')!.tasks[0];
  const agent = agents.servers.get(task.agent.id)!;
  return { m, mesos, agents, task, agent, dir: agents.sandbox(task.id) };
}

/** status and raw body bytes */
function raw(url: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts), headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

test('fake agent /files/read follows files.cpp __read/_read: offset -1 → size; past the end → the offset echoed; 16-page cap; raw bytes', async () => {
  const { agents, task, agent, dir } = await setup();
  const content = Buffer.concat([Buffer.from('a'.repeat(70_000)), Buffer.from('€', 'utf8').subarray(0, 2)]); // ends inside a character
  agents.write(task.id, 'stdout', content);
  const read = (q: string) => raw(`${agent.url}/files/read?path=${encodeURIComponent(`${dir}/stdout`)}${q}`);
  // offset -1 answers the size with no data, keys in std::map order
  assert.equal((await read('&offset=-1')).body.toString(), `{"data":"","offset":${content.length}}`);
  // no offset at all is offset -1 (`off_t offset = -1` unless the query has one)
  assert.equal((await read('')).body.toString(), `{"data":"","offset":${content.length}}`);
  // at or past the end: the offset asked, no data
  assert.equal((await read(`&offset=${content.length + 5}&length=10`)).body.toString(), `{"data":"","offset":${content.length + 5}}`);
  // no length (or -1): to the end, capped at 16 pages
  for (const q of ['&offset=0', '&offset=0&length=-1', '&offset=0&length=1000000']) {
    const j = JSON.parse((await read(q)).body.toString('latin1')) as { data: string; offset: number };
    assert.deepEqual([j.data.length, j.offset], [65536, 0], q);
  }
  // the last bytes: the cut character goes out as its raw bytes, unescaped (rapidjson without encoding validation)
  const tail = await read(`&offset=${content.length - 3}&length=3`);
  assert.deepEqual(tail.body, Buffer.concat([Buffer.from('{"data":"a'), Buffer.from([0xe2, 0x82]), Buffer.from(`","offset":${content.length - 3}}`)]));
  // the same file under the virtual path /frameworks/<fw>/executors/<id>/runs/latest (slave.cpp attaches three paths)
  const fw = dir.split('/frameworks/')[1].split('/')[0];
  const virtual = await raw(`${agent.url}/files/read?path=${encodeURIComponent(`/frameworks/${fw}/executors/${task.id}/runs/latest/stdout`)}&offset=-1`);
  assert.equal(virtual.body.toString(), `{"data":"","offset":${content.length}}`);
});

test('fake agent /files/read errors as files.cpp: 400 texts for bad parameters and a directory, 404 with an empty body when not attached', async () => {
  const { agents, task, agent, dir } = await setup();
  const cases: [string, number, string][] = [
    ['', 400, "Expecting 'path=value' in query.\n"],
    ['path=', 400, "Expecting 'path=value' in query.\n"],
    [`path=${encodeURIComponent(`${dir}/stdout`)}&offset=abc`, 400, "Failed to parse offset: Failed to convert 'abc' to number.\n"],
    [`path=${encodeURIComponent(`${dir}/stdout`)}&offset=-2`, 400, 'Negative offset provided: -2.\n'],
    [`path=${encodeURIComponent(`${dir}/stdout`)}&offset=0&length=-5`, 400, 'Negative length provided: -5.\n'],
    [`path=${encodeURIComponent(dir)}&offset=0`, 400, 'Cannot read a directory.\n'],
    [`path=${encodeURIComponent(`${dir}/nothing-here`)}&offset=0`, 404, ''],
    [`path=${encodeURIComponent('/etc/passwd')}&offset=0`, 404, ''],
  ];
  for (const [q, status, body] of cases) {
    const r = await raw(`${agent.url}/files/read?${q}`);
    assert.deepEqual([r.status, r.body.toString()], [status, body], q);
  }
  agents.gc(task.id);
  const gone = await raw(`${agent.url}/files/read?path=${encodeURIComponent(`${dir}/stdout`)}&offset=-1`);
  assert.deepEqual([gone.status, gone.body.length], [404, 0]);
  assert.equal((await raw(`${agent.url}/files/browse?path=${encodeURIComponent(dir)}`)).status, 404);
});

test('fake agent /state (= /slave(1)/state): the executor of a command task has its id and the sandbox directory; ended → completed; /files/browse lists the sandbox', async () => {
  const { m, agents, task, agent, dir, mesos } = await setup();
  const st = JSON.parse((await request(`${agent.url}/state`)).body);
  assert.deepEqual(JSON.parse((await request(`${agent.url}/slave(1)/state`)).body), st);
  assert.equal((await raw(`${agent.url}/state.json`)).status, 404); // 1.11.0 routes only /state
  assert.equal(st.pid, `slave(1)@127.0.0.1:${agent.port}`);
  assert.equal(st.hostname, '10.0.2.121');
  const fw = st.frameworks[0];
  assert.deepEqual([fw.id, fw.name, st.frameworks.length, st.completed_frameworks.length], [mesos.marathonFrameworkId, 'marathon', 1, 0]);
  const ex = fw.executors[0];
  assert.deepEqual([ex.id, ex.directory, ex.tasks.map((t: { id: string; state: string }) => [t.id, t.state]), ex.completed_tasks, fw.completed_executors], [task.id, dir, [[task.id, 'TASK_RUNNING']], [], []]);
  assert.equal(dir, `/var/lib/mesos/slaves/${task.agent.id}/frameworks/${mesos.marathonFrameworkId}/executors/${task.id}/runs/${ex.container}`);
  // the master's state names this agent by that pid
  const master = JSON.parse((await request(`${mesos.url}/master/state`)).body) as { slaves: { id: string; pid: string }[] };
  assert.equal(master.slaves.find((s) => s.id === task.agent.id)!.pid, st.pid);
  const listing = JSON.parse((await request(`${agent.url}/files/browse?path=${encodeURIComponent(dir)}`)).body) as { path: string; size: number; mode: string }[];
  assert.deepEqual(listing.map((e) => [e.path, e.mode]), [[`${dir}/stderr`, '-rw-r--r--'], [`${dir}/stdout`, '-rw-r--r--']]);
  // the app scaled to 0: the task is killed; the framework's last executor ended → a completed framework
  await request(`${m.url}/v2/apps/sysdig-agent`, { method: 'PUT', body: JSON.stringify({ instances: 0 }), contentType: 'application/json' });
  m.store.advance(3);
  const after = JSON.parse((await request(`${agent.url}/state`)).body);
  assert.deepEqual([after.frameworks, after.completed_frameworks.length], [[], 1]);
  const done = after.completed_frameworks[0].completed_executors[0];
  assert.deepEqual([done.directory, done.tasks, done.completed_tasks.map((t: { state: string }) => t.state)], [dir, [], ['TASK_KILLED']]);
  // the sandbox of an ended executor stays readable until garbage-collected
  agents.append(task.id, 'stdout', 'last words\n');
  assert.equal(JSON.parse((await request(`${agent.url}/files/read?path=${encodeURIComponent(`${dir}/stdout`)}&offset=0`)).body).data, 'last words\n');
});

test('fake agent with --authenticate_http_readonly: /state and /files/* answer 401 in the realm mesos-agent-readonly, empty body', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['10.0.2.121'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: appDef } } });
  const { agents } = await clusterWithAgents(m, { user: 'ops', password: 'agentpw' });
  const agent = [...agents.servers.values()][0];
  for (const p of ['/state', '/slave(1)/state', '/files/read?path=/x&offset=-1', '/files/browse?path=/x']) {
    const r = await raw(`${agent.url}${p}`);
    assert.deepEqual([r.status, r.headers['www-authenticate'], r.body.length], [401, 'Basic realm="mesos-agent-readonly"', 0], p);
  }
  const ok = await request(`${agent.url}/state`, { credentials: { user: 'ops', password: 'agentpw' } });
  assert.equal(ok.status, 200);
});
