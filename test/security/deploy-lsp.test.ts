// Hostile timing and settings in the editor, over real LSP stdio (issue 10 §3): the editor's Cancel is
// `$/cancelRequest`. On deployPlan while Marathon is slow it must abort the request in flight and keep no
// plan, so nothing can be written; on deployFollow it must abort the poll in flight within 1 s. Settings
// that turn `placeholder` off shape the Problems panel, never what is sent. And the plan's `redacted` is
// the POST body, masked only for the secrets the tool knows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import {
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_SEND_REQUEST,
  type DeployFollowResult,
  type DeployPlanResult,
  type DeploySendResult,
} from '../../server/src/lsp/constants';
import { marathon, placeholderKeyApp, requestsTo, SECRET_KEY } from '../cluster/deploy-helpers';
import type { FakeMarathon } from '../cluster/fake/marathon';
import type { HeldRequest } from '../cluster/fake/hold';
import { clientPool } from '../lsp/client-pool';

const { client } = clientPool();
const APP_URI = 'file:///w/sysdig.json';

function writes(m: FakeMarathon) {
  return m.requests.filter((r) => r.method !== 'GET');
}

function closedWithin(h: HeldRequest, ms: number): Promise<boolean> {
  return Promise.race([h.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
}

describe('deploy over LSP, hostile', () => {
  test('$/cancelRequest on deployPlan while GET /v2/apps/{id} is held: RequestCancelled, the GET closed, no plan, nothing written', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', hold: [{ method: 'GET', path: '/v2/apps/sysdig-agent' }] });
    const c = await client();
    const cts = new CancellationTokenSource();
    const planning = c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, marathon: m.url }, cts.token) as Promise<DeployPlanResult>;
    const outcome = planning.then(
      (r) => ({ answered: r }),
      (e: unknown) => ({ error: e }),
    );
    const held = await m.holds.arrived();
    cts.cancel();
    const closed = await closedWithin(held, 2000);
    // a slow Marathon answers after all: a server that ignored the cancel would now hand out a plan
    held.release();
    const r = await outcome;
    assert.ok('error' in r, `answered a plan after Cancel: ${JSON.stringify(r)}`);
    assert.ok(r.error instanceof ResponseError && r.error.code === LSPErrorCodes.RequestCancelled, String(r.error));
    assert.ok(closed && held.clientClosed, 'the GET in flight was aborted');
    assert.deepEqual(writes(m), []);
  });

  test('$/cancelRequest on deployFollow while GET /v2/deployments is held: answered cancelled within 1 s, the poll closed', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', hold: [{ method: 'GET', path: '/v2/deployments' }] });
    const c = await client();
    const p = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, marathon: m.url })) as DeployPlanResult;
    if (p.kind !== 'plan') return assert.fail(JSON.stringify(p));
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    if (sent.kind !== 'sent') return assert.fail(JSON.stringify(sent));
    const cts = new CancellationTokenSource();
    const following = c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: p.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: 'h1', pollMs: 20 }, cts.token) as Promise<DeployFollowResult>;
    const held = await m.holds.arrived();
    const t0 = performance.now();
    cts.cancel();
    const r = await following;
    const answeredMs = performance.now() - t0;
    const closed = await closedWithin(held, Math.max(0, 1000 - answeredMs));
    held.release();
    assert.equal(r.outcome, 'cancelled', JSON.stringify(r));
    assert.ok(answeredMs < 1000, `answered ${Math.round(answeredMs)} ms after Cancel`);
    assert.ok(closed && held.clientClosed, 'the poll in flight was closed');
    assert.equal(requestsTo(m, 'POST', '/v2/apps').length, 1);
  });

  test('editor settings with placeholder off: deployPlan refuses the guide placeholder and says the rule being off does not matter', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader' });
    const c = await client({ configuration: true, config: () => ({ rules: { placeholder: 'off' } }) });
    const r = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, marathon: m.url })) as DeployPlanResult;
    assert.equal(r.kind, 'refused', JSON.stringify(r));
    if (r.kind !== 'refused') return;
    const p = r.problems.find((x) => x.ruleId === 'placeholder');
    assert.ok(p, JSON.stringify(r.problems));
    assert.match(p.message, /is not sent even though the rule is off/);
    assert.equal(m.requests.length, 0);
  });

  test('the plan\'s redacted body is the POST body, masked only for the key the editor filled in', async () => {
    const m = await marathon({ profile: '1.4', role: 'leader' });
    const c = await client();
    const p = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: APP_URI, text: placeholderKeyApp }, accessKey: SECRET_KEY, marathon: m.url })) as DeployPlanResult;
    if (p.kind !== 'plan') return assert.fail(JSON.stringify(p));
    const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: p.planId })) as DeploySendResult;
    assert.equal(sent.kind, 'sent', JSON.stringify(sent));
    const posts = requestsTo(m, 'POST', '/v2/apps');
    assert.equal(posts.length, 1);
    assert.ok(posts[0].body.includes(`ACCESS_KEY=${SECRET_KEY}`));
    assert.equal(p.redacted, posts[0].body.split(SECRET_KEY).join('***'));
  });
});
