import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../../server/src/cluster/http';
import { marathon } from './deploy-helpers';
import type { MarathonProfile } from './fake/marathon';

/** The fake's POST validation per version (marathon-validation.ts): status, message and details as each Marathon gives them. */

const PROFILES: MarathonProfile[] = ['0.15', '1.4', '1.5', '1.6', '1.7'];
const docker = { type: 'DOCKER', docker: { image: 'sysdig/agent', network: 'HOST' } };

async function postAll(body: object): Promise<Record<MarathonProfile, { status: number; body: any }>> {
  const out = {} as Record<MarathonProfile, { status: number; body: any }>;
  for (const profile of PROFILES) {
    const m = await marathon({ profile, role: 'leader' });
    const r = await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify(body), contentType: 'application/json' });
    out[profile] = { status: r.status, body: JSON.parse(r.body) };
  }
  return out;
}

test('lower-case constraint operator: 400 "Invalid JSON" from the reader ≤1.4 (v0.15.7 Formats.scala:487-499, v1.4.13 json/Formats.scala:922-938), 500 from ConstraintConversion in 1.5+ (v1.5.15 raml/ConstraintConversion.scala:21-37)', async () => {
  const r = await postAll({ id: 'sysdig-agent', container: docker, constraints: [['hostname', 'unique']] });
  assert.deepEqual(r['0.15'], { status: 400, body: { message: 'Invalid JSON', details: [{ path: '/constraints(0)', errors: ['Constraint operator must be one of the following: [UNIQUE, LIKE, CLUSTER, GROUP_BY, UNLIKE]'] }] } });
  assert.deepEqual(r['1.4'], { status: 400, body: { message: 'Invalid JSON', details: [{ path: '/constraints(0)', errors: ['Constraint operator must be one of the following: [UNIQUE, LIKE, CLUSTER, GROUP_BY, UNLIKE, MAX_PER]'] }] } });
  for (const p of ['1.5', '1.6', '1.7'] as const) assert.deepEqual(r[p], { status: 500, body: { message: 'illegal constraint specification hostname,unique' } }, p);
});

test('an operator no case makes valid: 400 "Invalid JSON" ≤1.4, 422 "Object is not valid" 1.5+ (SchedulingValidation.scala:115)', async () => {
  const r = await postAll({ id: 'x', cmd: 'sleep 1', constraints: [['hostname', 'NEAR']] });
  assert.equal(r['1.4'].status, 400);
  for (const p of ['1.5', '1.6', '1.7'] as const) {
    assert.equal(r[p].status, 422, p);
    assert.equal(r[p].body.message, 'Object is not valid');
    assert.deepEqual(r[p].body.details[0].path, '/constraints(0)');
  }
});

test('bad id: 422 "Object is not valid" "must fully match" ≤1.4 (v1.4.13 state/PathId.scala:119); 422 "Invalid JSON" error.pattern from the RAML reader 1.5+ (v1.5.15 types/stringTypes.raml:20-24, project/RamlTypeGenerator.scala:262)', async () => {
  const r = await postAll({ id: 'Sysdig_Agent', container: docker });
  assert.equal(r['0.15'].status, 422);
  assert.equal(r['0.15'].body.details[0].attribute, 'id');
  assert.equal(r['1.4'].status, 422);
  assert.equal(r['1.4'].body.message, 'Object is not valid');
  assert.match(r['1.4'].body.details[0].errors[0], /^must fully match regular expression/);
  for (const p of ['1.5', '1.6', '1.7'] as const) assert.deepEqual(r[p], { status: 422, body: { message: 'Invalid JSON', details: [{ path: '/id', errors: ['error.pattern'] }] } }, p);
});

test('missing id is refused by the reader: 400 ≤1.4, 422 1.5+ (v1.5.15 MarathonExceptionMapper.scala:57-64), error.path.missing — never an app "/"', async () => {
  const r = await postAll({ cmd: 'sleep 1' });
  for (const p of PROFILES) {
    assert.deepEqual(r[p], { status: p === '0.15' || p === '1.4' ? 400 : 422, body: { message: 'Invalid JSON', details: [{ path: '/id', errors: ['error.path.missing'] }] } }, p);
  }
});

test('fractional instances: Play IntReads "error.expected.int", 400 ≤1.4, 422 1.5+', async () => {
  const r = await postAll({ id: 'x', cmd: 'sleep 1', instances: 1.5 });
  for (const p of PROFILES) assert.deepEqual(r[p].body.details, [{ path: '/instances', errors: ['error.expected.int'] }], p);
  assert.deepEqual([r['1.4'].status, r['1.5'].status], [400, 422]);
});

test('minimumHealthCapacity 2: accord "between 0.0 and 1.0" 422 ≤1.4 (v1.4.13 state/UpgradeStrategy.scala:25-28); RAML maximum 1 → error.max 1.5+ (v1.5.15 types/app.raml:46-53)', async () => {
  const r = await postAll({ id: 'x', cmd: 'sleep 1', upgradeStrategy: { minimumHealthCapacity: 2 } });
  assert.deepEqual(r['1.4'], { status: 422, body: { message: 'Object is not valid', details: [{ path: '/upgradeStrategy/minimumHealthCapacity', errors: ['got 2.0, expected between 0.0 and 1.0'] }] } });
  assert.equal(r['0.15'].status, 422);
  for (const p of ['1.5', '1.6', '1.7'] as const) assert.deepEqual(r[p], { status: 422, body: { message: 'Invalid JSON', details: [{ path: '/upgradeStrategy/minimumHealthCapacity', errors: ['error.max'] }] } }, p);
});

test('cpus 0: accepted ≤1.4 (only negatives refused); RAML minimum 0.001 → 422 error.min 1.5+ (v1.5.15 types/app.raml:147-153)', async () => {
  const r = await postAll({ id: 'x', cmd: 'sleep 1', cpus: 0 });
  assert.deepEqual([r['0.15'].status, r['1.4'].status], [201, 201]);
  for (const p of ['1.5', '1.6', '1.7'] as const) assert.deepEqual(r[p], { status: 422, body: { message: 'Invalid JSON', details: [{ path: '/cpus', errors: ['error.min'] }] } }, p);
});

test('unknown fields are dropped: never stored, never returned — in the 201 body, GET /v2/apps/{id} and GET /v2/apps (Play reads only the fields it names)', async () => {
  for (const profile of PROFILES) {
    const m = await marathon({ profile, role: 'leader' });
    const posted = await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify({ id: 'weird', cmd: 'sleep 1', command: 'x', cpu: 2, tasksRunning: 7 }), contentType: 'application/json' });
    assert.equal(posted.status, 201, profile);
    const app = JSON.parse((await request(`${m.url}/v2/apps/weird`)).body).app;
    const listed = JSON.parse((await request(`${m.url}/v2/apps`)).body).apps[0];
    for (const body of [JSON.parse(posted.body), app, listed]) {
      assert.equal('command' in body || 'cpu' in body, false, profile);
      assert.equal(body.tasksRunning, 0, 'a server field is the server\'s');
    }
  }
});

test('unknown fields are dropped at every level the reader closes (container, docker, upgradeStrategy: additionalProperties false in the version\'s AppDefinition schema); env and labels keep any key', async () => {
  for (const profile of ['1.4', '1.7'] as const) {
    const m = await marathon({ profile, role: 'leader' });
    const body = { id: 'nested', container: { ...docker, docker: { ...docker.docker, foo: 1 }, bar: 2 }, upgradeStrategy: { minimumHealthCapacity: 0.5, minimumHealthCapcity: 0 }, env: { ANY: 'x' }, labels: { any: 'y' } };
    assert.equal((await request(`${m.url}/v2/apps`, { method: 'POST', body: JSON.stringify(body), contentType: 'application/json' })).status, 201, profile);
    const app = JSON.parse((await request(`${m.url}/v2/apps/nested`)).body).app;
    assert.equal('foo' in app.container.docker || 'bar' in app.container, false, profile);
    assert.deepEqual(app.upgradeStrategy, { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 }, 'the misspelt key is dropped, the other one defaulted');
    assert.deepEqual([app.env, app.labels], [{ ANY: 'x' }, { any: 'y' }]);
  }
});
