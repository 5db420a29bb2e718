// `sysdig-mesos/taskLog`, the request behind the view's "Show Task Log", over real LSP stdio against the fakes on
// 127.0.0.1 (a Marathon fake placing the agent app, a Mesos fake whose agents serve the tasks' sandboxes as a Mesos
// 1.11.0 agent does). The text comes as `sysdig-mesos/taskLogText` notifications; no secret in any of them or the log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { TASK_LOG_REQUEST, TASK_LOG_TEXT_NOTIFICATION, type TaskLogParams, type TaskLogResult, type TaskLogTextParams } from '../../server/src/lsp/constants';
import { clusterWithAgents, FILE_KEY, fixedApp, marathon } from '../cluster/deploy-helpers';
import { clientPool } from './client-pool';
import type { LspClient } from './lsp-client';

const { client } = clientPool();
const appDef = JSON.parse(fixedApp) as Record<string, unknown>;
const APP = { uri: 'file:///w/sysdig.json', text: fixedApp };
const MESOS_PW = 'mesos-pw-31';
const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];

async function cluster(o: { auth?: boolean; stuck?: boolean } = {}) {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: HOSTS, clock: 'manual', stuck: o.stuck ? ['/sysdig-agent'] : [] }, apps: { '/sysdig-agent': { instances: 2, taskHosts: HOSTS.slice(0, 2), definition: appDef } } });
  const { mesos, agents } = await clusterWithAgents(m, o.auth ? { user: 'mon', password: MESOS_PW } : undefined);
  const taskOn = (host: string) => m.store.apps.get('/sysdig-agent')!.tasks.find((t) => t.host === host)!.id;
  const reads = () => [...agents.servers.values()].flatMap((s) => s.requests).filter((q) => q.url.startsWith('/files/read')).length;
  return { m, mesos, agents, taskOn, reads };
}

let ids = 0;
/** sends the request; collects its notifications (by logId) */
function read(c: LspClient, p: Omit<TaskLogParams, 'logId'>, token?: CancellationTokenSource) {
  const logId = `log-${++ids}`;
  const got: TaskLogTextParams[] = [];
  c.connection.onNotification(TASK_LOG_TEXT_NOTIFICATION, (n: TaskLogTextParams) => {
    if (n.logId === logId) got.push(n);
  });
  const answer = (token ? c.connection.sendRequest(TASK_LOG_REQUEST, { ...p, logId }, token.token) : c.connection.sendRequest(TASK_LOG_REQUEST, { ...p, logId })) as Promise<TaskLogResult>;
  const text = () => got.map((n) => n.text ?? '').join('');
  const check = () => {
    const all = JSON.stringify(got) + c.logs.map((l) => l.message).join('\n') + c.stderr;
    for (const s of [FILE_KEY, MESOS_PW]) assert.ok(!all.includes(s), `secret ${s.slice(0, 4)}… in a notification or the log`);
  };
  return { answer, got, text, check };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(25);
  }
}

describe('taskLog over LSP', () => {
  test('tail: the last N lines of stdout, the source first (task, host, file), the access key masked', async () => {
    const k = await cluster();
    const id = k.taskOn('10.0.6.244');
    k.agents.write(id, 'stdout', `one\ntwo\nkey ${FILE_KEY}\nthree\n`);
    const c = await client();
    const r = read(c, { mesos: k.mesos.url, marathon: k.m.url, app: APP, taskId: id, stream: 'stdout', tail: 3 });
    assert.deepEqual(await r.answer, { kind: 'log', stopped: 'end' });
    r.check();
    assert.equal(r.text(), 'two\nkey ***\nthree\n');
    const src = r.got.find((n) => n.source)!.source!;
    assert.equal(r.got.findIndex((n) => n.source), 0);
    assert.deepEqual([src.taskId, src.hostname, src.stream, src.taskState, src.completed], [id, '10.0.6.244', 'stdout', 'TASK_RUNNING', false]);
    assert.equal(src.path, `${k.agents.sandbox(id)}/stdout`);
    // the source is said once, as data (the editor's header), not again as a note
    assert.ok(!r.got.some((n) => n.note), JSON.stringify(r.got));
  });

  test('stderr of a named cluster: the command executor\'s lines', async () => {
    const k = await cluster({ auth: true });
    const id = k.taskOn('10.0.2.121');
    const c = await client();
    const named = { name: 'dev', mesos: k.mesos.url, marathon: k.m.url, mesosUser: 'mon', credentials: { mesos: { user: 'mon', password: MESOS_PW } } };
    const r = read(c, { named, app: APP, taskId: id, stream: 'stderr' });
    assert.deepEqual(await r.answer, { kind: 'log', stopped: 'end' });
    r.check();
    assert.match(r.text(), new RegExp(`Starting task ${id.replace('.', '\\.')}\\n$`));
  });

  test('follow: appended text arrives; $/cancelRequest stops the polling and answers stopped: aborted', async () => {
    const k = await cluster();
    const id = k.taskOn('10.0.2.121');
    k.agents.write(id, 'stdout', 'first\n');
    const c = await client();
    const cts = new CancellationTokenSource();
    const r = read(c, { mesos: k.mesos.url, marathon: k.m.url, app: APP, taskId: id, stream: 'stdout', follow: true }, cts);
    await until(() => r.text() === 'first\n');
    k.agents.append(id, 'stdout', `second with ${FILE_KEY}\n`);
    await until(() => r.text() === 'first\nsecond with ***\n');
    cts.cancel();
    assert.deepEqual(await r.answer, { kind: 'log', stopped: 'aborted' });
    const after = k.reads();
    await wait(1500); // more than a poll: nothing more is asked
    assert.equal(k.reads(), after);
    r.check();
    assert.ok(c.logs.some((l) => l.message.includes(`task log ${id} (stdout): follow stopped`)));
  });

  test('a sandbox garbage-collected (404): a failed answer saying it is gone and what to do', async () => {
    const k = await cluster();
    const id = k.taskOn('10.0.2.121');
    k.agents.gc(id);
    const c = await client();
    const r = read(c, { mesos: k.mesos.url, marathon: k.m.url, app: APP, taskId: id, stream: 'stdout' });
    const a = await r.answer;
    assert.equal(a.kind, 'failed');
    assert.equal(a.kind === 'failed' && a.message, "the task's sandbox is gone (garbage-collected by the agent) — its output is lost; open the log of a task that still runs (refresh the view)");
  });

  test('credentials refused (401 from Mesos): a failed answer naming where to set them; no password anywhere', async () => {
    const k = await cluster({ auth: true });
    const id = k.taskOn('10.0.2.121');
    const c = await client();
    const named = { name: 'dev', mesos: k.mesos.url, marathon: k.m.url, credentials: { mesos: { user: 'mon', password: 'not-' + MESOS_PW } } };
    const r = read(c, { named, app: APP, taskId: id, stream: 'stdout' });
    const a = await r.answer;
    r.check();
    assert.equal(a.kind, 'failed');
    assert.match(a.kind === 'failed' ? a.message : '', /401.*Set Cluster Credentials…" for dev/);
    assert.ok(!(a.kind === 'failed' && a.message.includes('not-' + MESOS_PW)));
  });

  test('a task the app does not have: a failed answer; bad params: an error', async () => {
    const k = await cluster();
    const c = await client();
    const r = read(c, { mesos: k.mesos.url, marathon: k.m.url, app: APP, taskId: 'sysdig-agent.nope', stream: 'stdout' });
    const a = await r.answer;
    assert.equal(a.kind, 'failed');
    assert.match(a.kind === 'failed' ? a.message : '', /^task sysdig-agent\.nope is not a task of \/sysdig-agent/);
    await assert.rejects(c.connection.sendRequest(TASK_LOG_REQUEST, { logId: 'x', taskId: 't', stream: 'both' }), /stream \(stdout or stderr\) are required/);
  });
});
