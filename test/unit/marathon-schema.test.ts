import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { marathonAppFiles, readCorpus, SCHEMA_PATH, vendorGuideAppFilled } from '../corpus/marathon-fixtures';
import { parseJson } from '../../server/src/service/documents/json-document';
import { marathonId } from '../../server/src/service/rules/marathon/marathon-id';
import type { Finding } from '../../server/src/service/types';

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

function errors(value: unknown): string[] {
  validate(value);
  return (validate.errors ?? []).map((e: ErrorObject) =>
    e.keyword === 'additionalProperties' ? `${e.instancePath || '/'} unknown ${(e.params as { additionalProperty: string }).additionalProperty}` : `${e.instancePath || '/'} ${e.keyword}`,
  );
}

/** Fields Marathon silently drops, found in apps it accepted: only these may fail the schema. */
const IGNORED_BY_MARATHON: Record<string, string[]> = {
  'marathon-examples.Docker.json': ['/container unknown forcePullImage'],
  'marathon-system-tests.pinger-bridge-app.json': ['/container/docker unknown requirePorts'],
  'marathon-system-tests.private-ucr-docker-app.json': ['/container/docker unknown forcePull'],
};

test('marathon schema: is draft-07 and compiles with ajv 8', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(typeof validate, 'function');
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, ['id']);
});

const { accepted, rejected, allFields } = marathonAppFiles();

for (const f of [...accepted, ...allFields]) {
  test(`marathon schema: accepts ${f} (apart from fields Marathon ignores)`, () => {
    assert.deepEqual(errors(JSON.parse(readCorpus('marathon-apps', f))), IGNORED_BY_MARATHON[f] ?? []);
  });
}

const REJECTED_BY_SCHEMA: Record<string, string[]> = {
  'rejected.issue-1023.id-with-underscore.json': ['/id pattern'],
  'rejected.issue-1632.instances-as-string.update.json': ['/ required', '/instances type'],
  'rejected.issue-3161.constraint-operator-lowercase.json': ['/constraints/0/1 enum'],
  'rejected.issue-3338.healthcheck-portindex-negative.json': ['/healthChecks/0/portIndex minimum'],
  // Marathon refuses these two for reasons a schema cannot express (marathon-cmd-args reports them).
  'rejected.issue-4978.empty-container.json': [],
  'rejected.issue-536.no-cmd-args-or-container.json': [],
};

for (const f of rejected) {
  test(`marathon schema: ${f}`, () => {
    assert.ok(f in REJECTED_BY_SCHEMA, `new rejected file ${f}: add its expectation`);
    assert.deepEqual(errors(JSON.parse(readCorpus('marathon-apps', f))), REJECTED_BY_SCHEMA[f]);
  });
}

test('marathon schema: accepts the vendor guide app once its placeholders are filled', () => {
  assert.deepEqual(errors(JSON.parse(vendorGuideAppFilled())), []);
});

test('marathon schema: accepts the sysdig-cloud-scripts agent apps once the instance placeholder is filled', () => {
  for (const f of ['draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig.json', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json']) {
    const text = readCorpus('marathon-sysdig', f).replace('YOUR-NUMBER-OF-INSTANCES-HERE', '2');
    assert.deepEqual(errors(JSON.parse(text)), [], f);
  }
});

test('marathon schema: every property has a description (hover text)', () => {
  const missing: string[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') {
      for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
        if (typeof v.description !== 'string' || v.description.length < 8) missing.push(`${path}/${k}`);
      }
    }
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}/${k}/${i}`));
      else visit(v, `${path}/${k}`);
    }
  };
  visit(schema, '#');
  assert.deepEqual(missing, []);
});

test('marathon schema: objects Marathon defines are closed (unknown-key reads them)', () => {
  const p = schema.properties;
  for (const o of [
    schema,
    p.container,
    p.container.properties.docker,
    p.container.properties.volumes.items,
    p.healthChecks.items,
    p.readinessChecks.items,
    p.upgradeStrategy,
    p.portDefinitions.items,
    p.networks.items,
    p.fetch.items,
    p.residency,
    p.ipAddress,
    schema.definitions.portMapping,
  ]) {
    assert.equal(o.additionalProperties, false, JSON.stringify(Object.keys(o.properties ?? {})));
  }
  assert.ok(typeof schema.definitions.pathId.patternErrorMessage === 'string');
});

test('marathon schema: the id pattern agrees with the marathon-id rule', () => {
  const ids = [
    'sysdig-agent', '/sysdig-agent', '/monitoring/sysdig-agent', 'a', '/a/b/c/', 'a.b-c.d', '../x', './x', 'x/..', 'a1', '1a',
    'Sysdig', 'dsdsd_dsd', '-a', 'a-', 'a.-b', 'a-.b', 'a..b', '.a', 'a.', 'a b', 'ä', 'a//b', '/', 'app/Tasks',
  ];
  const pattern = new RegExp(schema.definitions.pathId.pattern, 'u');
  for (const id of ids) {
    const doc = parseJson(JSON.stringify({ id, cmd: 'x' }));
    const found: Finding[] = [];
    marathonId.check({ doc, settings: { agentProfile: 'guide-2016', rules: {} }, report: (f) => found.push({ ...f, ruleId: 'marathon-id', severity: f.severity ?? 'error' }) > 0 });
    const ruleOk = !found.some((f) => f.severity === 'error');
    assert.equal(pattern.test(id), ruleOk, `id ${JSON.stringify(id)}: schema ${pattern.test(id)}, rule ${ruleOk}`);
  }
});
