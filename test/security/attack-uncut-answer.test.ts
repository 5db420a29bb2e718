// A server's answer quoted whole (issue 10 §1/§6, found after the fixes): the README promises that a
// server's answer is cut to 160 characters in a message, marked `…` (the mark is also what lets the masking
// find the start of a secret the cut leaves behind). `check` quoted Marathon's /ping answer whole: a
// /ping answering a megabyte made a check line, the JSON report's message and the editor's notification a
// megabyte long.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { listen } from '../cluster/fake/common';
import { cli } from './helpers';

test('a /ping answering 100,000 characters is quoted cut to 160, marked …', async () => {
  const s = await listen((req, res) => {
    res.writeHead(req.url === '/ping' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(req.url === '/ping' ? `pong ${'x'.repeat(100_000)}` : 'not here');
  });
  after(() => s.close());
  const args = ['check', '--mesos', 'http://127.0.0.1:1', '--marathon', s.url, '--timeout', '2000'];
  const text = await cli(args);
  const json = await cli([...args, '--format', 'json']);
  const line = text.stdout.split('\n').find((l) => l.includes('marathon.ping'));
  assert.ok(line, text.stdout.slice(0, 500));
  assert.match(line, /\/ping answered "pong x+…" in \d+ ms/);
  assert.ok(line.length < 400, `${line.length} characters`);
  const ping = JSON.parse(json.stdout).checks.find((c: { id: string }) => c.id === 'marathon.ping');
  assert.equal(ping.status, 'pass');
  assert.ok(ping.message.length < 400, `${ping.message.length} characters`);
});
