// The deploy command's texts (plain logic, no VS Code): confirmation, refusal, progress, outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmation, outcomeText, progressIncrement, refusal, rollbackOutcome, rollbackWaitEnd, rollbackWaitTitle, stallRefusal } from '../../client/src/deploy-text';
import type { DeployPlanResult } from '../../server/src/lsp/constants';

type Plan = Extract<DeployPlanResult, { kind: 'plan' }>;
const create: Plan = { kind: 'plan', planId: 'p', action: 'create', appId: '/sysdig-agent', instances: 3, marathon: 'http://ops:pw@m:8080', source: 'config', leader: 'm:8080', filled: ['ACCESS_KEY'] };

test('confirmation names Marathon (password masked), its leader, the app, what is filled; the button says what happens', () => {
  const c = confirmation(create);
  assert.equal(c.message, 'Create /sysdig-agent on Marathon http://ops:***@m:8080 (leader m:8080)?');
  assert.match(c.detail, /3 instance\(s\) \(POST \/v2\/apps\)/);
  assert.match(c.detail, /ACCESS_KEY/);
  assert.equal(c.button, 'Deploy');
  const u = confirmation({ ...create, action: 'update', via: 'standby:8080', secretsChanged: ['ACCESS_KEY'], runningDeployments: ['d1'], filled: [] });
  assert.equal(u.button, 'Update');
  assert.match(u.message, /through the standby standby:8080/);
  assert.match(u.detail, /PUT \/v2\/apps\/sysdig-agent/);
  assert.match(u.detail, /Secret value\(s\) change: ACCESS_KEY \(not shown\)/);
  assert.match(u.detail, /locked/);
  // past a rollback of ours that cannot finish: the confirmation says the write is forced, not that it may be refused
  const forced = confirmation({ ...create, action: 'update', runningDeployments: ['rb1'], filled: [] }, 'rb1');
  assert.match(forced.detail, /Sent with \?force=true: the rollback rb1 is cancelled where it stands\./);
  assert.doesNotMatch(forced.detail, /may refuse/);
});

test('refusal lists the first problems with file:line and points at the access key command when the key is missing', () => {
  const problems = Array.from({ length: 10 }, (_v, i) => ({ ruleId: 'placeholder', message: i === 0 ? 'ACCESS_KEY is not set' : `p${i}`, range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } }));
  const r = refusal({ kind: 'refused', problems }, 'sysdig.json');
  assert.equal(r.message, 'Not deployed: sysdig.json has 10 problem(s) to fix first.');
  assert.match(r.detail, /^sysdig\.json:1: placeholder: ACCESS_KEY is not set/);
  assert.match(r.detail, /… and 2 more/);
  assert.match(r.detail, /Set Sysdig access key/);
});

test('progress increments add up to the share of tasks running, never backwards', () => {
  const p = (running: number) => ({ progressToken: 't', message: 'm', running, healthy: 0, instances: 4 });
  let done = 0;
  for (const r of [0, 1, 1, 3, 2, 4]) done += progressIncrement(p(r), done);
  assert.equal(done, 100);
  assert.equal(progressIncrement({ ...p(0), instances: 0 }, 0), 0);
});

test('outcomes: success is info, cancel a warning, timeout and failure errors with the reason', () => {
  assert.deepEqual(outcomeText({ outcome: 'success', message: 'deployed: 3 of 3', running: 3, instances: 3 }, '/a'), { level: 'info', message: 'deployed: 3 of 3' });
  assert.equal(outcomeText({ outcome: 'cancelled', message: '', running: 0, instances: 3 }, '/a').level, 'warning');
  assert.match(outcomeText({ outcome: 'timeout', message: 'TASK_FAILED on a1', running: 0, instances: 3 }, '/a').message, /did not finish: TASK_FAILED/);
  assert.match(outcomeText({ outcome: 'failed', message: 'removed', running: 0, instances: 3 }, '/a').message, /failed: removed/);
});

test('an update that can never finish is refused with the fix and a way to send anyway; may-stall and unknown are named in the confirmation; ignored fields too', () => {
  const stalls: Plan = { ...create, action: 'update', stall: { verdict: 'stalls', reason: 'no node has room', fix: 'add "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}' } };
  const r = stallRefusal(stalls)!;
  assert.equal(r.message, 'Not sent: this update of /sysdig-agent can never finish.');
  assert.match(r.detail, /no node has room\.\n\nFix: add "upgradeStrategy"/);
  assert.deepEqual([r.fixButton, r.anywayButton], ['Use Kill-First Strategy', 'Send Anyway']);
  assert.equal(stallRefusal({ ...stalls, stall: { verdict: 'finishes', reason: 'room', fix: '' } }), undefined);
  const may = confirmation({ ...stalls, stall: { verdict: 'may-stall', reason: 'only 1 of 3', fix: 'kill-first' }, ignored: ['/command', '/container/docker/foo'] });
  assert.match(may.detail, /This update may stall: only 1 of 3\. Fix: kill-first\./);
  assert.match(may.detail, /Marathon will ignore `command`; it is not kept\./);
  assert.match(may.detail, /Marathon will ignore `container\.docker\.foo`; it is not kept\./);
  assert.match(confirmation({ ...stalls, stall: { verdict: 'unknown', reason: 'no Mesos URI', fix: 'kill-first' } }).detail, /could not be predicted: no Mesos URI/);
  const blocked = outcomeText({ outcome: 'blocked', message: 'blocked: offers declined: InsufficientCpus 3/3 — …', running: 0, instances: 3 }, '/sysdig-agent');
  assert.deepEqual(blocked, { level: 'error', message: 'Deployment of /sysdig-agent is blocked: offers declined: InsufficientCpus 3/3 — …' });
});

test('a rollback ends in one sentence: the version it returned to and the tasks; a removed app; a stop, a stall or a failure with the next step', () => {
  const of = { appId: '/sysdig-agent', action: 'update' as const, previousVersion: '2026-01-01T00:00:00.000Z', version: '2026-01-01T00:00:09.000Z' };
  const ok = { outcome: 'success' as const, message: '/sysdig-agent rolled back: 3 of 3 task(s) running', running: 3, instances: 3 };
  assert.deepEqual(rollbackOutcome(ok, of), {
    level: 'info',
    message: '/sysdig-agent rolled back to the definition of version 2026-01-01T00:00:00.000Z (now version 2026-01-01T00:00:09.000Z): 3 of 3 task(s) running.',
  });
  assert.equal(rollbackOutcome(ok, { ...of, previousVersion: undefined }).message, '/sysdig-agent rolled back to its previous definition (now version 2026-01-01T00:00:09.000Z): 3 of 3 task(s) running.');
  assert.deepEqual(rollbackOutcome({ ...ok, running: 0 }, { ...of, action: 'create' }), { level: 'info', message: '/sysdig-agent rolled back: removed (it did not exist before this deploy).' });
  const stopped = rollbackOutcome({ outcome: 'cancelled', message: 'cancelled', running: 0, instances: 3, listed: true }, of);
  assert.equal(stopped.level, 'warning');
  assert.match(stopped.message, /^Stopped following the rollback of \/sysdig-agent: it goes on in Marathon and keeps \/sysdig-agent locked until it ends; the next deploy waits for it\.$/);
  for (const outcome of ['timeout', 'blocked'] as const) {
    const r = rollbackOutcome({ outcome, message: 'not finished after 600 s — Marathon keeps trying', running: 1, instances: 3 }, of);
    assert.equal(r.level, 'error');
    assert.match(r.message, /^The rollback of \/sysdig-agent did not finish: not finished after 600 s — Marathon keeps trying\. It keeps \/sysdig-agent locked: the next deploy waits for it and, if it still cannot finish, offers Force Update\.$/);
  }
  const failed = rollbackOutcome({ outcome: 'failed', message: 'unauthorized at http://ops:pw@m:8080', running: 0, instances: 3 }, of);
  assert.equal(failed.level, 'error');
  assert.match(failed.message, /failed: unauthorized at http:\/\/ops:\*\*\*@m:8080\. Look at \/sysdig-agent on Marathon before deploying again\.$/);
});

test('the wait for a rollback of ours: done plans again, a stop sends nothing, a rollback that cannot finish offers Force Update with what it costs', () => {
  assert.equal(rollbackWaitTitle('/a'), 'Waiting for the rollback of /a to finish');
  assert.deepEqual(rollbackWaitEnd({ outcome: 'success', message: '', running: 3, instances: 3 }, '/a', 'd1'), { kind: 'done', message: 'The rollback of /a finished (3 of 3 task(s) running): planning this deploy again.' });
  const stop = rollbackWaitEnd({ outcome: 'cancelled', message: '', running: 0, instances: 3, listed: true }, '/a', 'd1');
  assert.equal(stop.kind, 'stopped');
  assert.match(stop.message, /nothing was sent/);
  for (const outcome of ['blocked', 'timeout', 'failed'] as const) {
    const stuck = rollbackWaitEnd({ outcome, message: 'offers declined: InsufficientCpus 3/3', running: 0, instances: 3 }, '/a', 'd1');
    assert.ok(stuck.kind === 'stuck');
    assert.equal(stuck.message, 'The rollback of /a (deployment d1) cannot finish: offers declined: InsufficientCpus 3/3.');
    assert.equal(stuck.button, 'Force Update');
    assert.match(stuck.detail, /keeps \/a locked.*Force Update cancels the rollback where it stands.*\?force=true/);
  }
});
