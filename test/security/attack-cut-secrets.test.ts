// Secrets cut short without the `…` mark (issue 10 §1, found after the fixes). The masking masks the start
// of a secret that a cut leaves behind only when the cut is marked `…` (secrets.ts); errors.ts `cut` marks
// it, but other quotes of outside text were cut bare: "the answer is not JSON (…, starts with "<40
// characters>")", Marathon's `details` string of a 400, and a task failure's message in a stall reason.
// A server (or a task) that echoes the credentials there showed their first characters in clear.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen } from '../cluster/fake/common';
import { assertAbsent, cli } from './helpers';
import { stallReason } from '../../server/src/cluster/deploy/stall';
import { Secrets } from '../../server/src/service/secrets';

const PW = 'LongSecretPassword99';

// Answers 200 with a text page that repeats the decoded credentials after `pad` characters: a login
// page or a debugging proxy that is not the Mesos/Marathon API.
async function echo200(pad: number) {
  const s = await listen((req, res) => {
    const h = req.headers.authorization ?? '';
    const decoded = Buffer.from(h.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${'.'.repeat(pad)}hello ${decoded} welcome`);
  });
  after(() => s.close());
  return s;
}

test('a non-JSON answer cut at 40 characters in the middle of the echoed credentials: not even their start shows', async () => {
  // "hello " is 6 characters and "admin:" 6 more: the cut falls 4, 8 and 12 characters into the password
  for (const into of [4, 8, 12]) {
    const s = await echo200(40 - 12 - into);
    const uri = `http://admin:${PW}@${s.url.replace(/^http:\/\//, '')}`;
    const text = await cli(['check', '--mesos', uri, '--marathon', uri, '--timeout', '2000']);
    const json = await cli(['check', '--mesos', uri, '--marathon', uri, '--timeout', '2000', '--format', 'json']);
    // the fake was asked, and its answer was reported as not JSON
    assert.match(text.stdout, /the answer is not JSON/);
    assert.ok(JSON.parse(json.stdout).checks.some((c: { message: string }) => /not JSON/.test(c.message)));
    assertAbsent(PW.slice(0, 4), { 'check text': text.stdout + text.stderr, 'check json': json.stdout });
  }
});

test("a task failure's message cut at 200 characters in the middle of the access key: the stall reason masks its start", () => {
  const key = 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55';
  const known = new Secrets().add(key);
  for (const into of [4, 10, 20]) {
    const message = `${'x'.repeat(200 - into)}${key} and more`;
    const reason = known.maskText(stallReason({ message, state: 'TASK_FAILED' }, undefined) ?? '');
    assert.match(reason, /last task failed: TASK_FAILED/);
    assertAbsent(key.slice(0, 4), { 'stall reason': reason });
  }
});

test('an unreadable redirect Location cut at 100 characters in the middle of the echoed credentials: not even their start shows', async () => {
  // "http://[" is 8 characters and "admin:" 6 more: the cut falls 4, 8 and 12 characters into the password
  for (const into of [4, 8, 12]) {
    const s = await listen((req, res) => {
      const decoded = Buffer.from((req.headers.authorization ?? '').replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      res.writeHead(302, { location: `http://[${'.'.repeat(100 - 14 - into)}${decoded}` });
      res.end();
    });
    after(() => s.close());
    const uri = `http://admin:${PW}@${s.url.replace(/^http:\/\//, '')}`;
    const text = await cli(['check', '--mesos', uri, '--marathon', uri, '--timeout', '2000']);
    assert.match(text.stdout, /redirect to an unreadable Location/);
    assertAbsent(PW.slice(0, 4), { 'check text': text.stdout + text.stderr });
  }
});
