// `SYSDIG_MESOS_DEBUG=1` printed an internal error's stack as it was (cli.ts, the last handler): the stack
// starts with the error's message, and a message quoting a URI with its password, or a known secret, went to
// stderr unmasked — the one output door that skipped the masking. It now goes through debugStack (cli/fail.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugStack } from '../../server/src/cli/fail';
import { Secrets } from '../../server/src/service/secrets';
import { assertAbsent } from './helpers';

function thrown(message: string): Error {
  try {
    throw new TypeError(message);
  } catch (e) {
    return e as Error;
  }
}

test('the debug stack masks URI user-info, user:password@host words and known secrets, and keeps the frames', () => {
  const key = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
  const e = thrown(`cannot read http://admin:Zq9s3cretPW@mesos.local:5050/state (via proxy ops:Pr0xyPass@10.0.0.1) with key ${key}`);
  assert.ok(e.stack!.includes('Zq9s3cretPW'), 'the stack holds the message');
  const known = new Secrets().add(key).addUri('http://admin:Zq9s3cretPW@mesos.local:5050');
  const out = debugStack(e, known);
  assertAbsent('Zq9s3cretPW', { out });
  assertAbsent('Pr0xyPass', { out });
  assertAbsent(key, { out });
  assert.match(out, /^TypeError: cannot read http:\/\/admin:\*\*\*@mesos\.local:5050\/state \(via proxy ops:\*\*\*@10\.0\.0\.1\) with key \*\*\*/);
  // still a stack: the frames are kept, one per line
  assert.match(out, /\n {4}at .*attack-debug-stack/);
});

test('a password in user-info is masked even when no secret is known; a thrown non-Error is shown as text', () => {
  const out = debugStack(thrown('GET https://u:S3cr3tValue@marathon:8443/v2/apps failed'), new Secrets());
  assertAbsent('S3cr3tValue', { out });
  assert.match(out, /https:\/\/u:\*\*\*@marathon:8443/);
  assert.equal(debugStack('odd http://u:S3cr3tValue@h:1', new Secrets()), 'odd http://u:***@h:1');
});

test('control characters in the message cannot forge lines of output', () => {
  const out = debugStack(thrown('bad\r\u001b[2Kforged'), new Secrets());
  assert.ok(!out.includes('\r') && !out.includes('\u001b'), JSON.stringify(out.slice(0, 80)));
});
