// The write itself under cancel (deploy engine): cancelled before sendApp means no POST reaches Marathon;
// cancelled while the POST is in flight aborts it and says that Marathon may have applied it (the answer,
// with the deployment id, is lost) instead of claiming nothing happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marathonTarget, planDeploy, prepareApp, sendApp } from '../../server/src/cluster/deploy/index';
import { ClusterError } from '../../server/src/cluster/errors';
import { marathon, placeholderKeyApp, requestsTo, SECRET_KEY } from '../cluster/deploy-helpers';

function prepared() {
  const r = prepareApp(placeholderKeyApp, { secrets: { accessKey: SECRET_KEY } });
  assert.ok(r.ok);
  return r as Extract<typeof r, { ok: true }>;
}

test('sendApp with a signal aborted after the plan: no POST, and the error says nothing was sent', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(sendApp(plan, { signal: ac.signal }), (e: unknown) => e instanceof ClusterError && e.kind === 'cancelled' && /nothing was sent/.test((e as Error).message));
  assert.equal(requestsTo(m, 'POST', '/v2/apps').length, 0);
});

test('sendApp cancelled while the POST is held: aborted, and the error says Marathon may have applied it', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', hold: [{ method: 'POST', path: '/v2/apps' }] });
  const plan = await planDeploy(marathonTarget(m.url), prepared());
  const ac = new AbortController();
  const sending = sendApp(plan, { signal: ac.signal }).then(
    () => 'answered',
    (e: unknown) => e,
  );
  const held = await m.holds.arrived();
  ac.abort();
  const e = await sending;
  await held.closed;
  assert.ok(held.clientClosed);
  assert.ok(e instanceof ClusterError && e.kind === 'cancelled', String(e));
  assert.match((e as Error).message, /cancelled while the POST was in flight: Marathon may have applied it — look for a deployment of \/sysdig-agent in GET \/v2\/deployments/);
  assert.ok(!(e as Error).message.includes(SECRET_KEY));
});

test('planDeploy cancelled while GET /v2/leader is held: cancelled, no plan', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader', hold: [{ method: 'GET', path: '/v2/leader' }] });
  const ac = new AbortController();
  const planning = planDeploy(marathonTarget(m.url), prepared(), { signal: ac.signal }).then(
    () => 'planned',
    (e: unknown) => e,
  );
  const held = await m.holds.arrived();
  ac.abort();
  const e = await planning;
  assert.ok(e instanceof ClusterError && e.kind === 'cancelled', String(e));
  await held.closed;
  assert.ok(held.clientClosed);
  assert.equal(requestsTo(m, 'GET', '/v2/apps').length, 0, 'nothing after the cancelled request');
});
