// A bad argument that gave an internal error (issue 10 §7, found after the fixes): a host the agent's
// URI grammar reads (letters, digits, dots) but a URL cannot hold — a mistyped IPv4 address such as
// `1.2.3.4.5` or `999.999.999.999` — with credentials made `check` end with "internal error: TypeError:
// Invalid URL", exit 2 and no report: the credentials' trust was bound to the URI with `new URL`, which
// threw. Now nothing is trusted for it and the request fails on its own, as one check line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAbsent, cli, file } from './helpers';

const PW = 'Inv4lid-host-pw';

for (const host of ['1.2.3.4.5', '999.999.999.999']) {
  const uri = `http://admin:${PW}@${host}:5050`;
  const cases: [string, string[]][] = [
    ['--mesos', ['--mesos', uri, '--marathon', 'http://127.0.0.1:1']],
    ['--marathon', ['--mesos', 'http://127.0.0.1:1', '--marathon', uri]],
    ['the config', ['--config', file('dragent.yaml', `mesos_state_uri: ${uri}\nmarathon_uris: [${uri}]\n`)]],
  ];
  for (const [where, args] of cases) {
    test(`check with ${host} (credentials, from ${where}): a failed check line, exit 1, never an internal error`, async () => {
      const text = await cli(['check', ...args, '--timeout', '1000']);
      const json = await cli(['check', ...args, '--timeout', '1000', '--format', 'json']);
      for (const r of [text, json]) {
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.doesNotMatch(r.stdout + r.stderr, /internal error/);
      }
      assert.match(text.stdout, new RegExp(`FAIL .*http://${host.replace(/\./g, '\\.')}:5050/\\S+: not a URL`));
      const report = JSON.parse(json.stdout);
      assert.ok(report.checks.some((c: { status: string; message: string }) => c.status === 'fail' && /not a URL/.test(c.message)));
      assertAbsent(PW, { 'check text': text.stdout + text.stderr, 'check json': json.stdout + json.stderr });
    });
  }
}
