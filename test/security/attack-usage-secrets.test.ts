// Secrets in the CLI's own error lines (issue 10 §1, found after the fixes): a bad argument is reported
// by quoting it — `check takes no FILE (…): X`, `unknown command X`, `cannot read X`, `--timeout must be
// …, not X` — and a careless user passes a URI with its password exactly there (`check URI` without
// `--mesos`, a URI after `--config`). The line went to stderr and, under --format json, to stdout
// unmasked: straight into a CI log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAbsent, cli } from './helpers';

const PASSWORD = 'Us4ge-s3cret-pw';
const URI = `http://admin:${PASSWORD}@127.0.0.1:1`;

const cases: { name: string; args: string[]; reason: RegExp }[] = [
  { name: 'check with the URI as a FILE', args: ['check', URI], reason: /check takes no FILE/ },
  { name: 'the URI as the command', args: [URI], reason: /unknown command/ },
  { name: 'deploy with the URI as its FILE', args: ['deploy', URI], reason: /cannot read/ },
  { name: '--config given the URI', args: ['check', '--config', URI], reason: /cannot read/ },
  { name: '--timeout given the URI', args: ['check', '--timeout', URI], reason: /--timeout must be/ },
  { name: '--format given the URI', args: ['check', '--format', URI], reason: /--format must be/ },
];

// a URI typed without its scheme, or with it mistyped, in the same places
for (const [form, uri] of [
  ['no scheme', `admin:${PASSWORD}@127.0.0.1:1`],
  ['protocol-relative', `//admin:${PASSWORD}@127.0.0.1:1`],
  ['one slash', `http:/admin:${PASSWORD}@127.0.0.1:1`],
] as const) {
  for (const args of [['check', uri], ['check', '--config', uri], ['check', '--format', 'json', uri]]) {
    test(`usage secrets: a URI with ${form} in \`${args.slice(0, -1).join(' ')}\`: the password masked`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr.split('\n')[0], /^sysdig-mesos: .*:\*\*\*@127\.0\.0\.1:1/);
      assertAbsent(PASSWORD, { stdout: r.stdout, stderr: r.stderr });
    });
  }
}

for (const c of cases) {
  for (const format of ['text', 'json'] as const) {
    test(`usage secrets: ${c.name} (${format}): one line, exit 2, the password masked`, async () => {
      // `--format json` before the case's own arguments: a `--format` given the URI comes later and wins
      const r = await cli(format === 'json' ? [c.args[0], '--format', 'json', ...c.args.slice(1)] : c.args);
      assert.equal(r.code, 2, r.stderr);
      const first = r.stderr.split('\n')[0];
      assert.match(first, c.reason);
      // the user and host still tell the user which argument was wrong
      assert.match(first, /admin:\*\*\*@127\.0\.0\.1:1/);
      assertAbsent(PASSWORD, { stdout: r.stdout, stderr: r.stderr });
      if (format === 'json' && !c.args.includes('--format')) assert.match(JSON.parse(r.stdout).error, c.reason);
    });
  }
}
