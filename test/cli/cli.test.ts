import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

const root = projectRoot();
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-cli-'));
const bad = join(dir, 'dragent.yaml');
writeFileSync(bad, '# x\nmesos_state_uri: https://m:5050\n');
const good = join(dir, 'good.dragent.yaml');
writeFileSync(good, 'mesos_state_uri: http://m:5050\n');
const other = join(dir, 'notes.txt');
writeFileSync(other, 'mesos_state_uri: https://m:5050\n');

test('text format: file:line:col severity code message, exit 1 on errors', () => {
  const r = run(['lint', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:18 error https-unsupported .+$`, 'm'));
});

test('exit 0 without errors', () => {
  const r = run(['lint', good]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});

test('json format: 1-based positions and the documented fields', () => {
  const r = run(['lint', '--format', 'json', bad]);
  assert.equal(r.code, 1);
  const arr = JSON.parse(r.stdout);
  assert.deepEqual(arr[0], {
    file: bad,
    line: 2,
    column: 18,
    endLine: 2,
    endColumn: 23,
    severity: 'error',
    code: 'https-unsupported',
    message: arr[0].message,
  });
  assert.ok(arr.every((f: { severity: string }) => ['error', 'warning', 'info', 'hint'].includes(f.severity)));
});

test('sarif 2.1.0 with rule metadata and help', () => {
  const r = run(['lint', '--format=sarif', bad]);
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  const run0 = s.runs[0];
  const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'https-unsupported');
  assert.ok(rule.help.text.length > 50);
  assert.ok(rule.shortDescription.text);
  const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'https-unsupported');
  assert.equal(res.level, 'error');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 2, startColumn: 18, endLine: 2, endColumn: 23 });
  assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'https-unsupported');
});

test('--kind lints a file whose name says nothing', () => {
  assert.equal(run(['lint', other]).code, 2);
  const r = run(['lint', '--kind', 'dragent', other]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /https-unsupported/);
});

test('--profile latest turns https into a warning', () => {
  const r = run(['lint', '--profile', 'latest', bad]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /warning https-unsupported/);
});

test('bad usage and unreadable files exit 2 with one clear line', () => {
  for (const args of [[], ['lint'], ['frobnicate', bad], ['lint', '--format', 'xml', bad], ['lint', '--kind', 'k8s', bad], ['lint', '--nope', bad]]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], /^sysdig-mesos: /);
  }
  const r = run(['lint', join(dir, 'missing.yaml')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /cannot read .*missing\.yaml: ENOENT/);
});

test('the bundled examples: guide files have errors, fixed versions are clean', () => {
  const r = run(['lint', '--format', 'json', 'examples/']);
  assert.equal(r.code, 1);
  const arr: { file: string; code: string; severity: string }[] = JSON.parse(r.stdout);
  assert.deepEqual(arr.filter((f) => f.file.includes('fixed')), []);
  const guide = new Set(arr.filter((f) => f.severity === 'error').map((f) => `${f.file.replace(/\\/g, '/')} ${f.code}`));
  for (const want of [
    'examples/guide/dragent.yaml placeholder',
    'examples/guide/delegated.dragent.yaml placeholder',
    'examples/guide/sysdig.json placeholder',
    'examples/guide/sysdig.json smart-quotes',
    'examples/guide/sysdig.json syntax',
  ]) {
    assert.ok(guide.has(want), `missing ${want} in ${[...guide].join(', ')}`);
  }
});

test('.sysdig-mesos.json and disable comments apply to lint, as in the editor', () => {
  const ws = mkdtempSync(join(tmpdir(), 'sysdig-mesos-ws-'));
  writeFileSync(join(ws, 'dragent.yaml'), '# sysdig-mesos-disable-next-line placeholder\ncustomerid: YOUR-KEY-HERE\nmesos_state_uri: https://m:5050\nnmemdump: {enabled: true}\n');
  const before = run(['lint', '--format', 'json', 'dragent.yaml'], ws);
  const codes = JSON.parse(before.stdout).map((f: { code: string }) => f.code);
  assert.deepEqual(codes.sort(), ['https-unsupported', 'unknown-key']);
  writeFileSync(join(ws, '.sysdig-mesos.json'), JSON.stringify({ rules: { 'https-unsupported': 'off' }, agentProfile: 'latest' }));
  const after = run(['lint', '--format', 'json', 'dragent.yaml'], ws);
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual(JSON.parse(after.stdout).map((f: { code: string }) => f.code), ['unknown-key']);
  writeFileSync(join(ws, '.sysdig-mesos.json'), '{"rules": {"https-unsupported": "loud"}}');
  const bad = run(['lint', 'dragent.yaml'], ws);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^sysdig-mesos: \.sysdig-mesos\.json: /);
});
