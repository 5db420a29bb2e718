import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeployError, marathonTarget, normaliseDetails, planDeploy, sendApp, type PreparedApp } from '../../server/src/cluster/index';
import { marathonPathRange } from '../../server/src/service/index';
import { corpusJson } from './fake/common';
import { assertNoSecrets, marathon, requestsTo, SECRET_KEY } from './deploy-helpers';

/**
 * Marathon's rejections, per version profile, and their `details` mapped onto the JSON nodes of the
 * file that was sent. prepareApp refuses most of these files already (the linter knows the same
 * rules), so the body is handed to the plan directly: this tests what Marathon says when it disagrees.
 */
function readyFrom(text: string): Extract<PreparedApp, { ok: true }> {
  const id = /"id":\s*"([^"]*)"/.exec(text)?.[1] ?? 'x';
  return { ok: true, appId: '/' + id, instances: 1, body: text, redacted: text, filled: [], missing: [], secretValues: [] };
}

async function rejection(profile: '0.15' | '1.4' | '1.5', text: string): Promise<DeployError> {
  const m = await marathon({ profile, role: 'leader' });
  const plan = await planDeploy(marathonTarget(m.url), readyFrom(text));
  try {
    await sendApp(plan);
  } catch (e) {
    assert.ok(e instanceof DeployError, String(e));
    return e;
  }
  assert.fail('not rejected');
}

const slice = (text: string, path: string) => {
  const r = marathonPathRange(text, path);
  return text.slice(r.start, r.end);
};

const withStringInstances = `{
  "id": "sysdig-agent",
  "instances": "3",
  "container": { "type": "DOCKER", "docker": { "image": "sysdig/agent", "network": "HOST" } }
}`;

test('type error: 400 "Invalid JSON" with details [{path, errors}] in 1.4, 422 in 1.5+; the path lands on the value', async () => {
  for (const [profile, status] of [
    ['1.4', 400],
    ['1.5', 422],
  ] as const) {
    const e = await rejection(profile, withStringInstances);
    assert.equal(e.kind, 'rejected');
    assert.equal(e.info.status, status);
    assert.deepEqual(e.info.details, [{ path: '/instances', errors: ['error.expected.jsnumber'] }]);
    assert.match(e.message, new RegExp(`${status} Marathon rejected the app: Invalid JSON — /instances: error.expected.jsnumber`));
    assert.equal(slice(withStringInstances, '/instances'), '"3"');
  }
});

const badConstraint = `{
  "id": "sysdig-agent",
  "constraints": [["hostname", "unique"]],
  "container": { "type": "DOCKER", "docker": { "image": "sysdig/agent", "network": "HOST" } }
}`;

test('lower-case constraint operator: 400 "Invalid JSON" in 1.4 (the Play reader refuses it, v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:922-938) → the array item', async () => {
  const e = await rejection('1.4', badConstraint);
  assert.equal(e.info.status, 400);
  assert.equal(e.info.marathonMessage, 'Invalid JSON');
  assert.deepEqual(e.info.details, [{ path: '/constraints(0)', errors: ['Constraint operator must be one of the following: [UNIQUE, LIKE, CLUSTER, GROUP_BY, UNLIKE, MAX_PER]'] }]);
  assert.equal(slice(badConstraint, e.info.details![0].path), '["hostname", "unique"]');
});

const badId = `{
  "id": "Sysdig_Agent",
  "container": { "type": "DOCKER", "docker": { "image": "sysdig/agent", "network": "HOST" } }
}`;

test('0.15: 422 details in the {attribute, error} form, normalised to {path, errors}; the attribute maps too', async () => {
  const e = await rejection('0.15', badId);
  assert.equal(e.info.status, 422);
  assert.equal(e.info.details![0].path, 'id');
  assert.match(e.info.details![0].errors[0], /must fully match regular expression/);
  assert.equal(slice(badId, e.info.details![0].path), '"Sysdig_Agent"');
});

test('cmd and args both: 422 at "/" → the app itself (its opening brace); 0.15 calls it "value"', async () => {
  const both = `{ "id": "x", "cmd": "sleep 1", "args": ["sleep", "1"] }`;
  const e = await rejection('1.5', both);
  assert.deepEqual(e.info.details, [{ path: '/', errors: ["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."] }]);
  assert.equal(slice(both, '/'), '{');
  const old = await rejection('0.15', both);
  assert.equal(old.info.details![0].path, 'value');
  assert.equal(slice(both, 'value'), '{');
});

test('Invalid JSON and empty bodies: 400 with a string details kept in the message, no places', async () => {
  const e = await rejection('1.4', '{"id": "x", ');
  assert.equal(e.info.status, 400);
  assert.deepEqual(e.info.details, []);
  assert.match(e.message, /400 Marathon rejected the app: Invalid JSON \(Unexpected end-of-input: expected close marker for Object/);
  const empty = await rejection('1.4', '');
  assert.match(empty.message, /400 Marathon rejected the app: Please specify data in JSON format \(No content to map due to end-of-input\)/);
});

test('normaliseDetails reads every shape Marathon used, including the corpus 422 body', () => {
  assert.deepEqual(normaliseDetails(corpusJson('marathon-api/responses/error.422-object-not-valid.dcos-ui.json')), [{ path: '/group.id.map(_.toPath)', errors: ['Path needs to be top-level'] }]);
  assert.deepEqual(normaliseDetails({ message: 'Object is not valid', details: [{ attribute: 'value', error: 'AppDefinition must …' }] }), [{ path: 'value', errors: ['AppDefinition must …'] }]);
  // 0.7–0.14: top-level errors
  assert.deepEqual(normaliseDetails({ errors: [{ attribute: 'id', error: 'path contains invalid characters' }] }), [{ path: 'id', errors: ['path contains invalid characters'] }]);
  assert.deepEqual(normaliseDetails({ message: 'Invalid JSON', details: 'Unexpected end-of-input' }), []);
  assert.deepEqual(normaliseDetails('nope'), []);
});

test('a 1.5+ parse error quotes the body back: the secret in it is masked in the error', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader' });
  const broken = `{"id": "sysdig-agent", "env": {"ACCESS_KEY": "${SECRET_KEY}"}, `;
  const plan = await planDeploy(marathonTarget(m.url), { ...readyFrom(broken), secretValues: [SECRET_KEY] });
  await assert.rejects(sendApp(plan), (e: unknown) => {
    assert.ok(e instanceof DeployError && e.kind === 'rejected');
    // the body quote is cut whole (a secret shorter than 4 characters could not be found in it by value)
    assert.match(e.message, /Invalid JSON \(Unexpected end-of-input: .*\[Source: \(not shown\)/);
    assertNoSecrets(e.message, [SECRET_KEY]);
    return true;
  });
  // the fake really quoted it back (so the masking was needed)
  assert.ok(requestsTo(m, 'POST', '/v2/apps')[0].body.includes(SECRET_KEY));
});
