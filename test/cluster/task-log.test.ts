import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secrets } from '../../server/src/service/secrets';
import { safeLogText } from '../../server/src/service/safe-text';
import { HOLD_BACK, LogLines, MAX_PENDING } from '../../server/src/cluster/log-lines';
import { executorOfTask, type AgentState } from '../../server/src/cluster/mesos-agent';
import { readTaskLog, type TaskLogSource } from '../../server/src/cluster/task-log';
import { clusterWithAgents, fixedApp, marathon } from './deploy-helpers';

// The pieces of `logs` that the editor's "Show task log" calls too: readTaskLog (against the fakes), the line
// assembly that masks, the executor lookup, and the CLI's printing of a log's text.

const appDef = JSON.parse(fixedApp) as Record<string, unknown>;

function collect(secrets = new Secrets()) {
  const out: string[] = [];
  return { lines: new LogLines(secrets, (t) => out.push(t)), out };
}

test('LogLines: a secret cut by a chunk boundary is masked; whole lines only until flush', () => {
  const { lines, out } = collect(new Secrets().add('s3cr3t-key-42'));
  lines.push(Buffer.from('one\nkey=s3cr3t'));
  assert.deepEqual(out, ['one\n']);
  lines.push(Buffer.from('-key-42 done\nhalf'));
  assert.deepEqual(out, ['one\n', 'key=*** done\n']);
  lines.flush();
  assert.deepEqual(out, ['one\n', 'key=*** done\n', 'half']);
});

test('LogLines: a UTF-8 character cut by a chunk boundary arrives whole; an endless line goes out past MAX_PENDING, its end held back', () => {
  const { lines, out } = collect();
  const euro = Buffer.from('€\n');
  lines.push(euro.subarray(0, 1));
  lines.push(euro.subarray(1));
  assert.deepEqual(out, ['€\n']);
  lines.push(Buffer.alloc(MAX_PENDING + 10, 0x61));
  assert.equal(out[1].length, MAX_PENDING + 10 - HOLD_BACK);
  lines.flush();
  assert.equal(out[2].length, HOLD_BACK);
});

test('safeLogText: newlines and tabs kept, escape sequences and a CI workflow command defused', () => {
  assert.equal(safeLogText('a\tb\nc\x1b[31mred\r\n::error ::x\n  ::warning\n:: ok'), 'a\tb\nc\\x1b[31mred\\r\n\\x3a:error ::x\n  \\x3a:warning\n\\x3a: ok');
  assert.equal(safeLogText('plain: text\n'), 'plain: text\n');
});

test('executorOfTask: the executor listing the task, a live one before a completed one; else the executor of the task\'s id', () => {
  const ex = (id: string, completed: boolean, tasks: string[], done: string[] = []) => ({ frameworkId: 'f', id, directory: `/d/${id}/${completed}`, tasks: tasks.map((t) => ({ id: t })), completedTasks: done.map((t) => ({ id: t })), completed });
  const st: AgentState = { url: 'x', executors: [ex('e1', true, [], ['t1']), ex('e2', false, ['t1']), ex('t9', true, [])] };
  assert.equal(executorOfTask(st, 't1')!.directory, '/d/e2/false');
  assert.equal(executorOfTask(st, 't9')!.id, 't9');
  assert.equal(executorOfTask(st, 'nope'), undefined);
});

test('readTaskLog (the view\'s API): the source before any text, the tail, a follow stopped by the signal', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['10.0.2.121'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: appDef } } });
  const { mesos, agents } = await clusterWithAgents(m);
  const task = m.store.apps.get('/sysdig-agent')!.tasks[0];
  agents.write(task.id, 'stdout', 'a\nb\nc\n');
  const events: string[] = [];
  let source: TaskLogSource | undefined;
  const r = await readTaskLog({ mesos: { base: mesos.url }, agentId: task.agent.id, taskId: task.id, tail: 2, onSource: (s) => ((source = s), events.push('source')), onText: (t) => events.push(t) });
  assert.deepEqual(events, ['source', 'b\nc\n']);
  assert.deepEqual([source!.path, source!.size, source!.taskState, source!.completed, r.stopped, r.end], [`${agents.sandbox(task.id)}/stdout`, 6, 'TASK_RUNNING', false, 'end', 6]);
  // tail 0 and follow: nothing, then the appended text, then the abort ends it without an error
  const ac = new AbortController();
  const got: string[] = [];
  const following = readTaskLog({ mesos: { base: mesos.url }, agentId: task.agent.id, taskId: task.id, tail: 0, follow: true, pollMs: 20, signal: ac.signal, onText: (t) => got.push(t) });
  await new Promise((res) => setTimeout(res, 100));
  agents.append(task.id, 'stdout', 'd\n');
  for (let i = 0; i < 200 && got.join('') !== 'd\n'; i++) await new Promise((res) => setTimeout(res, 10));
  ac.abort();
  const end = await following;
  assert.deepEqual([got.join(''), end.stopped, end.end], ['d\n', 'aborted', 8]);
  // an agent the master does not list: one line
  await assert.rejects(readTaskLog({ mesos: { base: mesos.url }, agentId: 'nope-S9', taskId: task.id, onText: () => undefined }), /the agent nope-S9 is not registered with the Mesos master \(1 agent\(s\) are\)/);
});
