// A bad setting that changes what is done to production instead of being refused (issue 10 §7, found
// after the fixes): `SYSDIG_MESOS_POLL_MS` (the poll interval of `deploy`'s follow) was read with
// Number(): `abc`, `-5` or `0` made it NaN or ≤ 0, which Node's timer runs after 1 ms, and a value past
// 2^31−1 ms fires at once too — the follow then polled Marathon's leader with two GETs per millisecond
// for up to --wait seconds. Now it is checked like --timeout: one line, exit 2, before anything is sent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen } from '../cluster/fake/common';
import { APP, cli, file } from './helpers';

for (const bad of ['abc', '-5', '0', '1.5', '2147483648']) {
  test(`SYSDIG_MESOS_POLL_MS=${bad}: refused with one line and exit 2, and Marathon is not asked`, async () => {
    const s = await listen((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    after(() => s.close());
    const app = file('sysdig.json', APP);
    for (const format of ['text', 'json']) {
      const r = await cli(['deploy', app, '--marathon', s.url, '--yes', '--format', format], { SYSDIG_ACCESS_KEY: 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55', SYSDIG_MESOS_POLL_MS: bad });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr.split('\n')[0], /^sysdig-mesos: SYSDIG_MESOS_POLL_MS must be a whole number of milliseconds from 1 to 2147483647/);
      if (format === 'json') assert.equal(JSON.parse(r.stdout).exitCode, 2);
    }
    assert.equal(s.requests.length, 0);
  });
}

test('SYSDIG_MESOS_POLL_MS=20 (what the tests use) is accepted', async () => {
  const s = await listen((_req, res) => {
    res.writeHead(500);
    res.end();
  });
  after(() => s.close());
  const r = await cli(['deploy', file('sysdig.json', APP), '--marathon', s.url, '--timeout', '2000'], { SYSDIG_ACCESS_KEY: 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55', SYSDIG_MESOS_POLL_MS: '20' });
  // the plan was asked for (and failed on the 500): the variable did not stop the run
  assert.ok(s.requests.length > 0, r.stderr);
  assert.doesNotMatch(r.stderr, /SYSDIG_MESOS_POLL_MS/);
});
