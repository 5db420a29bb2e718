import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareApp, maskValues } from '../../server/src/cluster/deploy/index';
import { assertNoSecrets, FILE_KEY, fixedApp, guideApp, placeholderKeyApp, SECRET_KEY } from './deploy-helpers';

function ok(r: ReturnType<typeof prepareApp>) {
  assert.ok(r.ok, `refused: ${JSON.stringify(!r.ok && r.problems)}`);
  return r as Extract<typeof r, { ok: true }>;
}
const envParams = (body: string) => (JSON.parse(body).container.docker.parameters as { key: string; value: string }[]).filter((p) => p.key === 'env').map((p) => p.value);

test('prepare: a valid app is sent as it is (id made absolute in appId), the file key masked in what is shown', () => {
  const r = ok(prepareApp(fixedApp));
  assert.equal(r.appId, '/sysdig-agent');
  assert.equal(r.instances, 3);
  assert.deepEqual(JSON.parse(r.body), JSON.parse(fixedApp));
  assert.deepEqual(r.filled, []);
  assert.deepEqual(r.missing, []);
  assert.ok(envParams(r.body).includes(`ACCESS_KEY=${FILE_KEY}`));
  assert.ok(envParams(r.redacted).includes('ACCESS_KEY=***'));
  assertNoSecrets(r.redacted);
  assert.ok(r.secretValues.includes(FILE_KEY));
});

test('prepare: the vendor guide app is refused with its syntax errors and placeholders, each with a line', () => {
  const r = prepareApp(guideApp);
  assert.equal(r.ok, false);
  const problems = (r as Extract<typeof r, { ok: false }>).problems;
  const rules = new Set(problems.map((p) => p.ruleId));
  assert.ok(rules.has('syntax'), JSON.stringify(problems));
  assert.ok(rules.has('placeholder'), JSON.stringify(problems));
  // YOUR-NUMBER-OF-INSTANCES-HERE is on line 6 (0-based 5) of the guide's file
  const lines = guideApp.split('\n');
  const instancesLine = lines.findIndex((l) => l.includes('YOUR-NUMBER-OF-INSTANCES-HERE'));
  assert.ok(problems.some((p) => p.ruleId === 'placeholder' && p.line === instancesLine && lines[p.line].slice(p.character).startsWith('YOUR-NUMBER')));
  // sorted by position
  const order = problems.map((p) => p.line * 1000 + p.character);
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
});

test('prepare: ACCESS_KEY placeholder filled from the secret; without the secret it is a refusal', () => {
  const refused = prepareApp(placeholderKeyApp);
  assert.equal(refused.ok, false);
  assert.ok((refused as Extract<typeof refused, { ok: false }>).problems.some((p) => p.ruleId === 'placeholder' && /access key/.test(p.message)));

  const r = ok(prepareApp(placeholderKeyApp, { secrets: { accessKey: SECRET_KEY } }));
  assert.deepEqual(r.filled, ['ACCESS_KEY']);
  assert.ok(envParams(r.body).includes(`ACCESS_KEY=${SECRET_KEY}`));
  assert.ok(envParams(r.redacted).includes('ACCESS_KEY=***'));
  assertNoSecrets(r.redacted);
  assert.equal(maskValues(`key is ${SECRET_KEY}`, r.secretValues), 'key is ***');
});

test('prepare: a real ACCESS_KEY in the file wins over the secret (only empty or placeholder values are filled)', () => {
  const r = ok(prepareApp(fixedApp, { secrets: { accessKey: SECRET_KEY } }));
  assert.deepEqual(r.filled, []);
  assert.ok(envParams(r.body).includes(`ACCESS_KEY=${FILE_KEY}`));
});

test('prepare: empty ACCESS_KEY and missing COLLECTOR are filled where the app keeps its variables', () => {
  const text = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=').replace(/\s*,\s*\{ "key": "env", "value": "COLLECTOR=collector.example.com" \}/, '');
  assert.ok(!text.includes('COLLECTOR'));
  const refused = prepareApp(text);
  assert.equal(refused.ok, false);
  assert.ok((refused as Extract<typeof refused, { ok: false }>).problems.some((p) => p.ruleId === 'agent-app-access-key'));
  const r = ok(prepareApp(text, { secrets: { accessKey: SECRET_KEY, collector: 'collector.eu.example' } }));
  assert.deepEqual(r.filled.sort(), ['ACCESS_KEY', 'COLLECTOR']);
  assert.deepEqual(envParams(r.body).filter((v) => /^(ACCESS_KEY|COLLECTOR)=/.test(v)), [`ACCESS_KEY=${SECRET_KEY}`, 'COLLECTOR=collector.eu.example']);
});

test('prepare: ${VAR}s in string values are filled from env; a secret-looking one is masked; a missing one is a problem', () => {
  const text = fixedApp.replace('"image": "sysdig/agent"', '"image": "sysdig/agent:${AGENT_TAG}"').replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=${MY_SYSDIG_KEY}');
  const r = ok(prepareApp(text, { env: { AGENT_TAG: '0.93.1', MY_SYSDIG_KEY: SECRET_KEY } }));
  assert.equal(JSON.parse(r.body).container.docker.image, 'sysdig/agent:0.93.1');
  assert.equal(JSON.parse(r.redacted).container.docker.image, 'sysdig/agent:0.93.1');
  assert.ok(envParams(r.body).includes(`ACCESS_KEY=${SECRET_KEY}`));
  assertNoSecrets(r.redacted);
  assert.deepEqual(r.filled, ['AGENT_TAG', 'MY_SYSDIG_KEY']);

  const missing = prepareApp(text, { env: { MY_SYSDIG_KEY: SECRET_KEY } });
  assert.equal(missing.ok, false);
  assert.deepEqual((missing as Extract<typeof missing, { ok: false }>).missing, ['AGENT_TAG']);
  const p = (missing as Extract<typeof missing, { ok: false }>).problems;
  assert.equal(p.length, 1);
  assert.equal(p[0].ruleId, 'deploy-variable');
  assert.match(p[0].message, /"\$\{AGENT_TAG\}" has no value: set the environment variable AGENT_TAG/);
  assert.equal(p[0].line, text.split('\n').findIndex((l) => l.includes('${AGENT_TAG}')));
});

test('prepare: a byte order mark is ignored; a non-object file is refused', () => {
  assert.equal(ok(prepareApp('\ufeff' + fixedApp)).appId, '/sysdig-agent');
  const r = prepareApp('[1, 2]');
  assert.equal(r.ok, false);
  assert.ok((r as Extract<typeof r, { ok: false }>).problems.length > 0);
});
