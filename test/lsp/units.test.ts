// The server's own small modules, without a process: settings, which documents are ours, diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings, defaultServerSettings } from '../../server/src/lsp/settings';
import { documentKind, fileKind, uriPath } from '../../server/src/lsp/kind';
import { MAX_DIAGNOSTICS, toDiagnostics } from '../../server/src/lsp/diagnostics';
import { ValidationScheduler } from '../../server/src/lsp/scheduler';
import { describeError } from '../../server/src/lsp/log';
import { LineIndex } from '../../server/src/service/text/line-index';
import type { Finding } from '../../server/src/service/types';

test('settings: nested and dotted forms, aliases, bad values fall back with a problem each', () => {
  const problems: string[] = [];
  const s = normalizeSettings(
    { agentProfile: 'latest', rules: { syntax: 'off', placeholder: 'Warning', a: 'information', b: false, c: 'loud' }, 'files.dragent': 'x.yaml', files: { marathonApp: ['*.app.json', 3] } },
    problems,
  );
  assert.equal(s.service.agentProfile, 'latest');
  assert.deepEqual(s.service.rules, { syntax: 'off', placeholder: 'warning', a: 'info', b: 'off' });
  assert.deepEqual(s.patterns.dragent, ['x.yaml']);
  assert.deepEqual(s.patterns.marathonApp, ['*.app.json']);
  assert.equal(problems.length, 2, problems.join('; '));

  assert.deepEqual(normalizeSettings(null), defaultServerSettings());
  const p2: string[] = [];
  assert.deepEqual(normalizeSettings('nonsense', p2), defaultServerSettings());
  assert.equal(p2.length, 1);
  const p3: string[] = [];
  assert.equal(normalizeSettings({ agentProfile: 'guide-2017', rules: [] }, p3).service.agentProfile, 'guide-2016');
  assert.equal(p3.length, 2);
});

test('settings: diagnostics.workspace, nested or dotted, on by default; a wrong value is the default with a problem', () => {
  assert.equal(defaultServerSettings().workspaceDiagnostics, true);
  assert.equal(normalizeSettings({ diagnostics: { workspace: false } }).workspaceDiagnostics, false);
  assert.equal(normalizeSettings({ 'diagnostics.workspace': false }).workspaceDiagnostics, false);
  const problems: string[] = [];
  assert.equal(normalizeSettings({ diagnostics: { workspace: 'no' } }, problems).workspaceDiagnostics, true);
  assert.deepEqual(problems, ['diagnostics.workspace must be true or false']);
});

test('fileKind: a file on disk by its path, a .json no pattern names only by content (\'sniff\' without it)', () => {
  const d = defaultServerSettings().patterns;
  const app = '{"id": "/a", "cmd": "sleep 1"}';
  assert.equal(fileKind('/w/dragent.yaml', undefined, d), 'dragent');
  assert.equal(fileKind('/w/sysdig.json', undefined, d), 'marathon-app');
  assert.equal(fileKind('/w/app.json', undefined, d), 'sniff');
  assert.equal(fileKind('/w/app.json', app, d), 'marathon-app');
  assert.equal(fileKind('/w/package.json', '{"name": "x"}', d), undefined);
  assert.equal(fileKind('/w/values.yaml', undefined, d), undefined, 'a YAML file is never read to be sniffed');
  assert.equal(fileKind('/w/deploy/eu/agent.yaml', undefined, { dragent: ['deploy/**/agent.yaml'], marathonApp: [] }), 'dragent');
});

test('kind: default names, user globs with paths, JSON sniffing by extension or language id', () => {
  const d = defaultServerSettings().patterns;
  const app = '{"id": "/a", "cmd": "sleep 1"}';
  assert.equal(documentKind('file:///etc/dragent.yaml', 'yaml', '', d), 'dragent');
  assert.equal(documentKind('file:///etc/dragent.prod.yml', 'yaml', '', d), 'dragent');
  assert.equal(documentKind('file:///etc/sysdig.json', 'json', '', d), 'marathon-app');
  assert.equal(documentKind('file:///etc/other.yaml', 'yaml', 'a: 1', d), undefined);
  assert.equal(documentKind('file:///etc/app.json', 'json', app, d), 'marathon-app');
  assert.equal(documentKind('untitled:Untitled-1', 'jsonc', app, d), 'marathon-app');
  assert.equal(documentKind('untitled:Untitled-1', 'plaintext', app, d), undefined);
  assert.equal(documentKind('file:///etc/package.json', 'json', '{"name": "x"}', d), undefined);
  const custom = { dragent: ['deploy/**/agent.yaml', '*.agent.yml'], marathonApp: [] };
  assert.equal(documentKind('file:///repo/deploy/eu/1/agent.yaml', 'yaml', '', custom), 'dragent');
  assert.equal(documentKind('file:///repo/deploy/agent.yaml', 'yaml', '', custom), 'dragent');
  assert.equal(documentKind('file:///repo/other/agent.yaml', 'yaml', '', custom), undefined);
  assert.equal(documentKind('file:///repo/x.agent.yml', 'yaml', '', custom), 'dragent');
  assert.equal(documentKind('file:///repo/dragent.yaml', 'yaml', '', custom), undefined);
  assert.equal(documentKind('file:///repo/sysdig.json', 'json', '{}', custom), undefined);
  assert.equal(uriPath('file:///C%3A/x%20y/dragent.yaml'), '/C:/x y/dragent.yaml');
  assert.equal(uriPath('file:///bad%E0%A4%A/dragent.yaml').endsWith('/dragent.yaml'), true);
  assert.equal(uriPath('not a uri'), 'not a uri');
});

test('diagnostics: UTF-16 positions over CRLF, CR and astral characters; fixes carried in data; capped count', () => {
  const text = 'a: 😀x\r\nb: y\rc: z\n';
  const lines = new LineIndex(text);
  const x = text.indexOf('x');
  const z = text.indexOf('z');
  const findings: Finding[] = [
    { ruleId: 'r1', severity: 'warning', message: 'm1', start: x, end: x + 1, fixes: [{ title: 'fix it', preferred: true, edits: [{ start: x, end: x + 1, newText: 'X' }] }] },
    { ruleId: 'r2', severity: 'hint', message: 'm2', start: z, end: text.length },
  ];
  const [d1, d2] = toDiagnostics(lines, findings, 7);
  assert.deepEqual(d1.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } });
  assert.equal(d1.severity, 2);
  assert.equal(d1.code, 'r1');
  assert.equal(d1.source, 'sysdig-mesos');
  assert.equal(d1.codeDescription?.href, 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md#r1');
  assert.deepEqual(d1.data, { version: 7, fixes: [{ title: 'fix it', preferred: true, edits: [{ range: d1.range, newText: 'X' }] }] });
  assert.deepEqual(d2.range, { start: { line: 2, character: 3 }, end: { line: 3, character: 0 } });
  assert.equal(d2.severity, 4);
  assert.equal(d2.data, undefined);

  const many: Finding[] = Array.from({ length: MAX_DIAGNOSTICS + 5 }, (_, i) => ({ ruleId: 'r', severity: 'error', message: `m${i}`, start: 0, end: 0 }));
  const capped = toDiagnostics(lines, many, 1);
  assert.equal(capped.length, MAX_DIAGNOSTICS + 1);
  assert.match(String(capped[MAX_DIAGNOSTICS].message), /^5 more finding/);
});

test('scheduler: runs each queued document once, on a quiet turn, and waits while messages arrive', async () => {
  let activity = 0;
  const runs: string[] = [];
  const s = new ValidationScheduler(
    () => activity,
    (uri) => runs.push(uri),
    () => undefined,
  );
  s.add('a');
  s.add('b');
  s.add('a');
  // messages keep arriving for a few turns: nothing runs yet
  for (let i = 0; i < 5; i++) {
    activity++;
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(runs.length, 0, 'nothing runs while messages arrive');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(runs, ['a', 'b']);
  // a failing run is reported and does not stop the queue
  const errors: string[] = [];
  const s2 = new ValidationScheduler(
    () => 0,
    (uri) => {
      if (uri === 'bad') throw new Error('boom');
      runs.push(uri);
    },
    (uri) => errors.push(uri),
  );
  s2.add('bad');
  s2.add('c');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(errors, ['bad']);
  assert.deepEqual(runs, ['a', 'b', 'c']);
  s2.stop();
  s2.add('d');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(runs, ['a', 'b', 'c']);
});

test('error descriptions are one line, short, and keep a few frames', () => {
  const e = new Error('line one\nline two ' + 'x'.repeat(1000));
  const d = describeError(e);
  assert.ok(!d.includes('\n'));
  assert.ok(d.length < 1000, String(d.length));
  assert.match(d, /^Error: line one line two x+…/);
  assert.match(d, /at /);
  assert.equal(describeError('plain'), 'plain');
  assert.equal(describeError({ toString: () => { throw new Error('no'); } }), 'unprintable error');
});
