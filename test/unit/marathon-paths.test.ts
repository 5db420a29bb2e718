import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, marathonPathRange, parseMarathonPath } from '../../server/src/service/index';
import { projectRoot } from '../helpers/paths';

const fixed = readFileSync(join(projectRoot(), 'examples', 'fixed', 'sysdig.json'), 'utf8');
const guide = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');
const at = (text: string, path: string) => {
  const r = marathonPathRange(text, path);
  return { text: text.slice(r.start, r.end), r };
};

test('parseMarathonPath: 1.0+ paths with (n) indices, 0.15 dotted attributes with [n], the app itself', () => {
  assert.deepEqual(parseMarathonPath('/container/docker/network'), ['container', 'docker', 'network']);
  assert.deepEqual(parseMarathonPath('/constraints(0)'), ['constraints', 0]);
  assert.deepEqual(parseMarathonPath('/portDefinitions(0)/port'), ['portDefinitions', 0, 'port']);
  assert.deepEqual(parseMarathonPath('/constraints(0)(1)'), ['constraints', 0, 1]);
  assert.deepEqual(parseMarathonPath('/constraints(0)/1'), ['constraints', 0, 1]);
  assert.deepEqual(parseMarathonPath('apps[43].value'), ['apps', 43, 'value']);
  assert.deepEqual(parseMarathonPath('container.docker.network'), ['container', 'docker', 'network']);
  assert.deepEqual(parseMarathonPath('id'), ['id']);
  for (const root of ['/', '', 'value', 'self']) assert.deepEqual(parseMarathonPath(root), []);
  // an unreadable piece ends the path: the parent is used
  assert.deepEqual(parseMarathonPath('/group.id.map(_.toPath)'), []);
  assert.equal(formatPath(['portDefinitions', 0, 'port']), '/portDefinitions(0)/port');
  assert.equal(formatPath([]), '/');
});

test('marathonPathRange: scalar → its value, object/array under a key → the key, array item → the item', () => {
  assert.equal(at(fixed, '/container/docker/network').text, '"HOST"');
  assert.equal(at(fixed, '/id').text, '"sysdig-agent"');
  assert.equal(at(fixed, '/instances').text, '3');
  assert.equal(at(fixed, '/constraints(0)').text, '["hostname", "UNIQUE"]');
  assert.equal(at(fixed, '/constraints(0)(1)').text, '"UNIQUE"');
  assert.equal(at(fixed, '/container/docker').text, '"docker"');
  assert.equal(at(fixed, '/container/volumes(2)/hostPath').text, '"/proc"');
  assert.equal(at(fixed, 'container.docker.network').text, '"HOST"');
  const r = at(fixed, '/container/docker/network').r;
  assert.equal(r.exact, true);
  assert.equal(r.found, '/container/docker/network');
  assert.deepEqual(r.startPosition, { line: fixed.split('\n').findIndex((l) => l.includes('"network"')), character: fixed.split('\n').find((l) => l.includes('"network"'))!.indexOf('"HOST"') });
});

test('marathonPathRange: missing pieces fall back to the nearest existing parent; nothing → the app brace', () => {
  const p = at(fixed, '/portDefinitions(0)/port');
  assert.equal(p.r.exact, false);
  assert.equal(p.r.found, '/');
  assert.equal(p.text, '{');
  const d = at(fixed, '/container/docker/portMappings(0)/hostPort');
  assert.equal(d.r.exact, false);
  assert.equal(d.r.found, '/container/docker');
  assert.equal(d.text, '"docker"');
  const i = at(fixed, '/constraints(5)');
  assert.equal(i.r.found, '/constraints');
  assert.equal(i.text, '"constraints"');
  assert.equal(at(fixed, '/group.id.map(_.toPath)').text, '{');
});

test('marathonPathRange: CRLF line ends and a byte order mark keep exact offsets and positions', () => {
  const crlf = fixed.replace(/\n/g, '\r\n');
  const r = at(crlf, '/container/docker/network');
  assert.equal(r.text, '"HOST"');
  const line = fixed.split('\n').findIndex((l) => l.includes('"network"'));
  assert.equal(r.r.startPosition.line, line);
  const bom = '\ufeff' + fixed;
  const b = at(bom, '/id');
  assert.equal(b.text, '"sysdig-agent"');
  assert.equal(b.r.startPosition.line, 1);
});

test('marathonPathRange: duplicate keys → the last one (Jackson keeps the last)', () => {
  const dup = '{"id": "a", "instances": 1, "instances": 2}';
  assert.equal(at(dup, '/instances').text, '2');
});

test('marathonPathRange: the guide\'s broken JSON (unquoted placeholder, typographic quotes) still maps', () => {
  // "instances": YOUR-NUMBER-OF-INSTANCES-HERE is no JSON value: the key is the nearest node
  const inst = at(guide, '/instances');
  assert.equal(inst.text, '"instances"');
  // the params after the smart quotes are still found (the reader repairs the quotes at the same length)
  assert.equal(at(guide, '/container/docker/parameters(1)/value').text, '"ACCESS_KEY=YOUR-ACCESS—KEY-HERE”');
  assert.equal(at(guide, '/container/volumes(0)/mode').text, '"RW"');
  // text that is no JSON at all: the first non-blank character
  const junk = marathonPathRange('  nope', '/id');
  assert.equal(junk.start, 2);
  assert.equal(junk.exact, false);
});
