// What the editor shows after a cluster check: log lines and the notification (plain logic, no VS Code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNotice, checkTitles, OPEN_FILE_ACTION, reportLines, SHOW_OUTPUT_ACTION } from '../../client/src/cluster-report';
import { maskUserInfo } from '../../server/src/service/agent-uri';
import type { ClusterCheckResult } from '../../server/src/lsp/constants';

const base: ClusterCheckResult = {
  ok: true,
  summary: 'Mesos 1.2.0 leader 10.0.0.1:5050: 3 agent(s), /master/state.json present',
  sections: [{ title: 'Mesos http://ops:***@10.0.0.1:5050 (from dragent.yaml)', checks: [{ id: 'mesos.reachable', status: 'pass', message: 'answered' }] }],
  mesosLeader: '10.0.0.1:5050',
  marathonLeaders: [],
  agents: 3,
  appDeployed: null,
  appTasks: null,
  diagnostics: [],
};

test('log lines: one per check with its mark, the leaders, and no password even if one slipped in', () => {
  const r = { ...base, sections: [{ title: 'Mesos http://ops:hunter2@h:5050', checks: [{ id: 'mesos.auth', status: 'fail' as const, message: 'http://ops:hunter2@h:5050 answered 401' }] }] };
  const lines = reportLines('Mesos', r, 42);
  assert.equal(lines[0], 'Check Mesos connectivity (42 ms): passed');
  assert.ok(lines.some((l) => /^ {4}FAIL {2}mesos\.auth/.test(l)));
  assert.ok(lines.includes('  Mesos leader: 10.0.0.1:5050'));
  assert.ok(!lines.join('\n').includes('hunter2'));
  assert.ok(reportLines('Marathon', { ...base, marathonLeaders: ['m:8080'] }, 1).includes('  Marathon leader: m:8080'));
});

test('"Confirm the agents are running" says so in its progress and log, not "Checking Mesos connectivity" (issue 11 §7)', () => {
  assert.deepEqual(checkTitles('Mesos', 'confirm-agents'), { label: 'Confirm the agents are running', progress: 'Confirming the agents are running…' });
  assert.deepEqual(checkTitles('Mesos'), { label: 'Check Mesos connectivity', progress: 'Checking Mesos connectivity…' });
  const r = { ok: true, summary: 's', sections: [], mesosLeader: null, marathonLeaders: [], agents: 1, appDeployed: true, appTasks: 1, diagnostics: [] };
  assert.match(reportLines('Mesos', r, 5, checkTitles('Mesos', 'confirm-agents').label)[0], /^Confirm the agents are running \(5 ms\): passed$/);
});

test('notification: info when all pass, warning with warnings, error with a link to the file when a diagnostic was placed', () => {
  assert.deepEqual(checkNotice(base, true), { level: 'info', message: base.summary, actions: [SHOW_OUTPUT_ACTION] });
  const warned = { ...base, sections: [{ title: 't', checks: [{ id: 'mesos.agents', status: 'warn' as const, message: 'no agents' }] }] };
  assert.equal(checkNotice(warned, true).level, 'warning');
  const failed = {
    ...base,
    ok: false,
    summary: 'Check Mesos failed: http://ops:pw@h:5050 answered 401',
    diagnostics: [{ uri: 'file:///w/dragent.yaml', items: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, severity: 1 as const, message: 'x', code: 'mesos.auth', source: 'sysdig-mesos', href: 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/checks.md#mesosauth' }] }],
  };
  const n = checkNotice(failed, true);
  assert.equal(n.level, 'error');
  assert.deepEqual(n.actions, [SHOW_OUTPUT_ACTION, OPEN_FILE_ACTION]);
  assert.equal(n.message, 'Check Mesos failed: http://ops:***@h:5050 answered 401');
  assert.deepEqual(checkNotice(failed, false).actions, [SHOW_OUTPUT_ACTION]);
});

test('maskUserInfo masks every scheme://user:password@ and leaves the rest', () => {
  assert.equal(maskUserInfo('a http://u:p@h:1/x and HTTPS://v:q%40r@k b'), 'a http://u:***@h:1/x and HTTPS://v:***@k b');
  // user-info without `:` may be a token alone: masked whole
  assert.equal(maskUserInfo('http://u@h http://[fd00::1]:5050'), 'http://***@h http://[fd00::1]:5050');
});
