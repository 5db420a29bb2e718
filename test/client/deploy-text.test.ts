// The deploy command's texts (plain logic, no VS Code): confirmation, refusal, progress, outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmation, outcomeText, progressIncrement, refusal, stallRefusal } from '../../client/src/deploy-text';
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
