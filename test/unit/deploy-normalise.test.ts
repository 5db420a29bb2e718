import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffApps, normaliseApp, SERVER_OWNED } from '../../server/src/cluster/deploy/index';
import { lineDiff } from '../../server/src/cli/line-diff';
import { corpusJson } from '../cluster/fake/common';

test('normaliseApp: server-owned fields, empty values and defaults go; keys sorted; id absolute', () => {
  const served = corpusJson('marathon-api/examples-v1.4.13/app_list.json').apps[0];
  for (const k of ['version', 'versionInfo', 'tasksRunning', 'deployments']) assert.ok(k in served, `the corpus app has ${k}`);
  const n = normaliseApp(served);
  for (const k of SERVER_OWNED) assert.ok(!(k in n), k);
  assert.equal(n.backoffSeconds, undefined, 'default 1 removed');
  assert.equal(n.maxLaunchDelaySeconds, undefined, 'default 3600 removed');
  assert.deepEqual(Object.keys(n), [...Object.keys(n)].sort());
  assert.equal(normaliseApp({ id: 'a/b/' }).id, '/a/b');
  assert.deepEqual(normaliseApp({ id: 'x', cmd: null, env: {}, constraints: [], executor: '', instances: 1, cpus: 1, mem: 128 }), { id: '/x' });
});

test('diffApps: PUT merges — a field the file leaves out keeps Marathon\'s value, so it is no change', () => {
  const current = { id: '/a', cmd: 'sleep 1', instances: 2, labels: { x: '1' }, version: '2026-01-01T00:00:00.000Z', tasksRunning: 2 };
  const same = diffApps(current, { id: 'a', cmd: 'sleep 1' });
  assert.equal(same.unchanged, true);
  assert.equal(same.before, same.after);
  const more = diffApps(current, { id: 'a', cmd: 'sleep 1', instances: 3 });
  assert.equal(more.unchanged, false);
  assert.match(lineDiff(more.before, more.after), /^- {3}"instances": 2,\n\+ {3}"instances": 3,$/m);
});

test('diffApps: 1.5+ returns networks for docker.network; the same app diffs empty, a real network change does not', () => {
  const sent = { id: 'a', container: { type: 'DOCKER', docker: { image: 'i', network: 'HOST' } } };
  const current = { id: '/a', container: { type: 'DOCKER', docker: { image: 'i', privileged: false, parameters: [] }, volumes: [] }, networks: [{ mode: 'host' }], portDefinitions: [] };
  assert.equal(diffApps(current, sent).unchanged, true);
  const bridge = diffApps(current, { ...sent, container: { type: 'DOCKER', docker: { image: 'i', network: 'BRIDGE' } } });
  assert.equal(bridge.unchanged, false);
  assert.match(bridge.after, /"mode": "container\/bridge"/);
});

test('diffApps: secret variables are masked on both sides and named when they change', () => {
  const current = { id: '/a', env: { ACCESS_KEY: 'old-key-1234', OTHER: 'v' } };
  const d = diffApps(current, { id: 'a', env: { ACCESS_KEY: 'new-key-5678', OTHER: 'v' } });
  assert.equal(d.unchanged, false);
  assert.deepEqual(d.secretsChanged, ['ACCESS_KEY']);
  assert.ok(!/old-key|new-key/.test(d.before + d.after));
  assert.match(d.before, /"ACCESS_KEY": "\*\*\*"/);
});

test('lineDiff: unchanged runs collapse to …, removals before additions', () => {
  const a = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4,', '  "e": 5,', '  "f": 6', '}'].join('\n');
  const b = a.replace('"f": 6', '"f": 7');
  assert.equal(lineDiff(a, b, 1), ['  …', '    "e": 5,', '-   "f": 6', '+   "f": 7', '  }'].join('\n'));
});
