// "Show Task Log"'s document model (client/src/task-log-model.ts), without `vscode`: the header, the line cap, the
// stream a task opens on and the document's path.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultStream, MAX_LOG_LINES, TaskLogBuffer, taskLogPath } from '../../client/src/task-log-model';

const ref = { cluster: 'prod eu', taskId: 'sysdig-agent.1a2b', hostname: '10.0.6.244' };
const source = { taskId: 'sysdig-agent.1a2b', hostname: '10.0.6.244', address: '10.0.6.244:5051', path: '/var/lib/mesos/slaves/S1/frameworks/F/executors/sysdig-agent.1a2b/runs/C/stdout', stream: 'stdout' as const, taskState: 'TASK_RUNNING', completed: false, size: 12 };

describe('task log document', () => {
  test('the header names the task, host, cluster and file, then says it follows until the tab is closed', () => {
    const b = new TaskLogBuffer(ref, 'stdout', true);
    assert.deepEqual(b.header(), ['stdout of task sysdig-agent.1a2b on 10.0.6.244 — cluster prod eu', 'reading…']);
    b.source = source;
    b.phase = { kind: 'following' };
    b.append('one\ntwo\n');
    assert.equal(
      b.text(),
      `stdout of task sysdig-agent.1a2b on 10.0.6.244 — cluster prod eu\nfile: ${source.path} (agent 10.0.6.244:5051, TASK_RUNNING)\nfollowing — close the tab to stop\n${'─'.repeat(40)}\none\ntwo\n`,
    );
    b.phase = { kind: 'failed', message: "the task's sandbox is gone (garbage-collected by the agent)" };
    assert.equal(b.header().at(-1), "failed: the task's sandbox is gone (garbage-collected by the agent)");
    b.phase = { kind: 'stopped' };
    assert.equal(b.header().at(-1), 'stopped following');
    b.source = { ...source, completed: true, taskState: 'TASK_FAILED' };
    assert.match(b.header()[1], /TASK_FAILED, the executor ended: the file no longer grows\)$/);
  });

  test('only the last MAX_LOG_LINES lines are kept, and the header says how many were dropped', () => {
    assert.equal(MAX_LOG_LINES, 5000);
    const b = new TaskLogBuffer(ref, 'stderr', true, 3);
    b.append('1\n2\n');
    b.append('3\n4\n5\n');
    assert.equal(b.kept, 3);
    assert.ok(b.text().endsWith('─\n3\n4\n5\n'));
    assert.ok(b.header().includes('only the last 3 lines are kept: 2 older line(s) dropped'));
    // a line arriving in two pieces is one line
    b.append('6a');
    b.append('6b\n');
    assert.ok(b.text().endsWith('─\n4\n5\n6a6b\n'));
  });

  test('notes (why this task, a truncation) go into the header, the last few', () => {
    const b = new TaskLogBuffer(ref, 'stdout', false);
    for (let i = 1; i <= 7; i++) b.note(`n${i}`);
    b.phase = { kind: 'ended' };
    assert.deepEqual(b.header().slice(1), ['note: n3', 'note: n4', 'note: n5', 'note: n6', 'note: n7', 'read once (not following)']);
  });

  test('a failed task opens on stderr, any other on stdout; one document per task and stream', () => {
    assert.equal(defaultStream({ failed: true }), 'stderr');
    assert.equal(defaultStream({}), 'stdout');
    assert.equal(taskLogPath(ref, 'stderr'), '/prod%20eu/sysdig-agent.1a2b stderr.log');
    assert.equal(taskLogPath({ cluster: 'a/b', taskId: null }, 'stdout'), '/a%2Fb/task stdout.log');
  });
});
