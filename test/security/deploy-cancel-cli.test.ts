// Hostile timing, CLI: Ctrl-C (a real SIGINT to `node dist/cli.js deploy … --yes`) while Marathon is slow to
// answer. Issue 10 §3: during planning it must mean no write at all; during follow it must end the process
// within 1 s, closing the request in flight. The fake holds the request and tells the test it arrived, so
// the signal lands exactly while the CLI waits — no sleeps decide the timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marathon, placeholderKeyApp, requestsTo } from '../cluster/deploy-helpers';
import type { HeldRequest } from '../cluster/fake/hold';
import { files, startCli } from './cli-child';

/** how long a slow Marathon takes to answer a held request once the Ctrl-C came (then it answers) */
// generous: the suite runs on 2 busy cores; what matters is that Ctrl-C, not the late answer, ends the run
const LATE_ANSWER_MS = 5000;

function writes(m: Parameters<typeof requestsTo>[0]) {
  return [...requestsTo(m, 'POST', '/'), ...requestsTo(m, 'PUT', '/'), ...requestsTo(m, 'DELETE', '/')];
}

/** resolves when the held request's connection closed, or after `ms` (then it is still open) */
function closedWithin(h: HeldRequest, ms: number): Promise<boolean> {
  return Promise.race([h.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
}

test('Ctrl-C while the plan is fetched (GET /v2/apps/{id} held): the GET is aborted, nothing is ever written, even when Marathon answers late', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, hold: [{ method: 'GET', path: '/v2/apps/sysdig-agent' }] });
  const f = files({ 'sysdig.json': placeholderKeyApp });
  const child = startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes']);
  const held = await m.holds.arrived();
  const sigint = performance.now();
  child.proc.kill('SIGINT');
  const closed = await closedWithin(held, LATE_ANSWER_MS);
  // Marathon answers after all (a slow leader): a CLI that ignored the Ctrl-C would now plan and POST.
  held.release();
  const r = await child.exited;
  assert.deepEqual(
    writes(m).map((w) => `${w.method} ${w.url}`),
    [],
    'no POST, PUT or DELETE reached Marathon',
  );
  assert.ok(closed && held.clientClosed, 'the CLI closed the GET in flight when Ctrl-C came');
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^Not deployed \(cancelled\): cancelled before anything was sent: nothing was written to Marathon$/m);
  assert.doesNotMatch(r.stdout, /^Sent:/m);
  assert.ok(r.at - sigint < LATE_ANSWER_MS, `exited ${Math.round(r.at - sigint)} ms after Ctrl-C`);
});

test('Ctrl-C during planning, --format json: the report says cancelled and no deployment', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader', hold: [{ method: 'GET', path: '/v2/leader' }] });
  const f = files({ 'sysdig.json': placeholderKeyApp });
  const child = startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes', '--format', 'json']);
  const held = await m.holds.arrived();
  child.proc.kill('SIGINT');
  await closedWithin(held, LATE_ANSWER_MS);
  held.release();
  const r = await child.exited;
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.outcome, 'cancelled');
  assert.equal(rep.ok, false);
  assert.equal(rep.deploymentId, null);
  assert.equal(r.code, 1);
  assert.deepEqual(writes(m), []);
  assert.ok(held.clientClosed);
});

test('Ctrl-C while following (GET /v2/deployments held): the process exits within 1 s and the socket in flight is closed', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, hold: [{ method: 'GET', path: '/v2/deployments' }] });
  const f = files({ 'sysdig.json': placeholderKeyApp });
  // --timeout well above 1 s: before the fix, Ctrl-C took effect only when the held poll timed out
  const child = startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes', '--timeout', '8000']);
  const held = await m.holds.arrived();
  assert.equal(requestsTo(m, 'POST', '/v2/apps').length, 1, 'the hold is in follow: the app was sent');
  const sigint = performance.now();
  child.proc.kill('SIGINT');
  const closed = await closedWithin(held, 1000);
  const r = await child.exited;
  held.release();
  assert.ok(closed && held.clientClosed, 'the poll in flight was closed within 1 s');
  assert.ok(r.at - sigint < LATE_ANSWER_MS, `exited ${Math.round(r.at - sigint)} ms after Ctrl-C`);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^Not deployed \(cancelled\): stopped following after \d+ s: the deployment keeps running on Marathon; to roll it back: DELETE \/v2\/deployments\//m);
  assert.equal(requestsTo(m, 'POST', '/v2/apps').length, 1, 'one write, before the Ctrl-C');
});
