// Hostile input: passwords that are JSON words or report keys. Before the fix the reports were masked by
// text replacement inside the serialised JSON: a Marathon password `false` or `null` made `deploy` crash
// with exit 2 after a successful deploy, and a password `marathon` renamed the report's `marathon` key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secrets, MASK } from '../../server/src/service/secrets';
import { APP, assertAbsent, cli, file, marathon } from './helpers';

test('maskDeep: keys, numbers, booleans and null are never touched; strings are; enumerations stay', () => {
  const s = new Secrets().add('false', 'null', 'marathon', '1', 'pass');
  const v = { ok: false, marathon: { uri: 'http://u:marathon@h', source: 'flag', n: 1, x: null }, checks: [{ id: 'marathon.ping', status: 'pass', message: 'marathon says 1 pass' }], one: '1' };
  const m = s.maskDeep(v);
  assert.deepEqual(m, { ok: false, marathon: { uri: 'http://u:***@h', source: 'flag', n: 1, x: null }, checks: [{ id: 'marathon.ping', status: 'pass', message: '*** says 1 ***' }], one: MASK });
  assert.deepEqual(v.marathon.uri, 'http://u:marathon@h', 'the original is left as it was');
});

test('maskText: forms of a secret — percent-encoded, JSON-escaped, in a Basic header — are masked', () => {
  const pw = 'p@ss"w\\rd';
  const s = new Secrets().addCredentials({ user: 'ops', password: pw });
  const basic = Buffer.from(`ops:${pw}`).toString('base64');
  for (const t of [`a ${pw} b`, `a ${encodeURIComponent(pw)} b`, `a ${JSON.stringify(pw)} b`, `Basic ${basic}`]) {
    const out = s.maskText(t);
    assertAbsent(pw, { out });
    assertAbsent(encodeURIComponent(pw), { out });
    assertAbsent(JSON.stringify(pw).slice(1, -1), { out });
    assertAbsent(basic, { out });
  }
});

for (const pw of ['false', 'null', 'true', 'marathon', 'ok', '1']) {
  test(`deploy --yes --format json with the Marathon password ${JSON.stringify(pw)}: exit 0, valid JSON, keys and values intact`, async () => {
    const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, auth: { user: 'ops', password: pw } });
    const app = file('sysdig.json', APP);
    const r = await cli(['deploy', app, '--marathon', m.url.replace('http://', `http://ops:${pw}@`), '--yes', '--format', 'json'], { SYSDIG_ACCESS_KEY: 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.outcome, 'success');
    assert.equal(report.action, 'create');
    assert.equal(report.marathon, `http://ops:***@127.0.0.1:${m.port}`);
    assert.deepEqual(Object.keys(report), ['ok', 'file', 'marathon', 'source', 'leader', 'via', 'appId', 'action', 'unchanged', 'diff', 'ignored', 'stall', 'filled', 'problems', 'rejected', 'deploymentId', 'version', 'outcome', 'reason', 'progress', 'undo']);
    assert.equal(report.via, null);
    assert.equal(report.progress.running, 3);
    assert.equal(report.progress.instances, 3);
    assert.equal(report.leader, `127.0.0.1:${m.port}`);
  });
}

test('check --format json with the Mesos/Marathon passwords "marathon" and "false": keys and values intact, passwords masked', async () => {
  const f = file('dragent.yaml', 'customerid: x\nmesos_state_uri: http://ops:marathon@127.0.0.1:1\nmarathon_uris: [http://ops:false@127.0.0.1:1]\nmesos_user: ops\nmesos_password: null\n');
  const r = await cli(['check', '--config', f, '--timeout', '500', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['ok', 'mesos', 'marathon', 'app', 'checks']);
  assert.equal(report.ok, false);
  assert.equal(report.mesos.uri, 'http://ops:***@127.0.0.1:1');
  assert.equal(report.marathon.uri, 'http://ops:***@127.0.0.1:1');
  assert.equal(report.marathon.source, 'config');
  assert.equal(report.mesos.reachable, false);
  assert.ok(report.checks.some((c: { id: string }) => c.id === 'marathon.ping'));
});
