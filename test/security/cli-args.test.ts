// Hostile arguments and configs (issue 10 §7): every bad one is one line on stderr, exit 2, and a JSON
// object `{error, exitCode}` on stdout under --format json — never an internal error with a stack; and a
// --config with errors is either refused or named with what was used.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedApp, marathon } from '../cluster/deploy-helpers';
import { closedPort } from '../cluster/fake/faults';
import { runCli } from '../helpers/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-hostile-args-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async: the fake Marathon answers from this process. */
function run(args: string[]): Promise<Run> {
  return runCli(args, { cwd: dir, env: { ...process.env, SYSDIG_MESOS_POLL_MS: '20' }, killAfterMs: 20_000 });
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** exit 2; stderr's first line is the reason and there is no stack; under json, stdout is exactly {error, exitCode}. */
function assertOneLine(r: Run, re: RegExp, json = false): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const first = r.stderr.split('\n')[0];
  assert.match(first, /^sysdig-mesos: /);
  assert.match(first, re);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  if (json) {
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { error: first.slice('sysdig-mesos: '.length), exitCode: 2 });
  }
}

const app = file('sysdig.json', fixedApp);

test("deploy --config with the guide's http://[marathon-host]:8080: one line, exit 2, JSON under --format json", async () => {
  const config = file('bracket.yaml', 'marathon_uris:\n  - http://[marathon-host]:8080\n');
  const text = await run(['deploy', app, '--config', config]);
  assertOneLine(text, /bracket\.yaml: the first marathon_uris item: http:\/\/\[marathon-host\]:8080: not a URI the agent can read.*pass --marathon URI/);
  const json = await run(['deploy', app, '--config', config, '--format', 'json']);
  assertOneLine(json, /bracket\.yaml: the first marathon_uris item/, true);
});

test('deploy --config with other unusable marathon_uris items: each one line, exit 2, password masked', async () => {
  for (const uri of ['http://user:s3cretpw@[::1:8080', 'ftp://m:8080', 'http://m:99999', 'http://m a:8080']) {
    const config = file('bad-uri.yaml', `marathon_uris:\n  - ${uri}\n`);
    const r = await run(['deploy', app, '--config', config, '--format', 'json']);
    assertOneLine(r, /bad-uri\.yaml: the first marathon_uris item: /, true);
    assert.ok(!(r.stdout + r.stderr).includes('s3cretpw'), r.stdout + r.stderr);
  }
});

test('--timeout 2^31 ms or more is a usage error (Node timers would fire at once); 2^31-1 works', async () => {
  const port = await closedPort();
  for (const t of ['2147483648', '4294967296', '1e12', '0', '-5', '1.5', '10s', 'Infinity']) {
    assertOneLine(await run(['check', '--timeout', t, '--mesos', `http://127.0.0.1:${port}`]), /--timeout must be a whole number of milliseconds from 1 to 2147483647, not /);
    assertOneLine(await run(['deploy', app, '--timeout', t, '--format', 'json']), /--timeout must be a whole number/, true);
  }
  const ok = await run(['check', '--timeout', '2147483647', '--format', 'json', '--mesos', `http://127.0.0.1:${port}`, '--marathon', `http://127.0.0.1:${port}`]);
  assert.equal(ok.code, 1, ok.stderr);
  assert.doesNotMatch(ok.stderr, /TimeoutOverflowWarning/);
  const report = JSON.parse(ok.stdout);
  const reach = report.checks.find((c: { id: string }) => c.id === 'mesos.reachable');
  assert.match(reach.message, /connection refused/, 'a real answer, not a false timeout');
});

test('check --config whose marathon_uris is lost to a YAML syntax error: refused, exit 2, one line with the position', async () => {
  const config = file('syntax-uris.yaml', 'mesos_state_uri: http://127.0.0.1:1\nmarathon_uris: [\n');
  const r = await run(['check', '--config', config]);
  assertOneLine(r, /syntax-uris\.yaml: marathon_uris cannot be read: YAML syntax error at line 2, column 16/);
  assertOneLine(await run(['check', '--config', config, '--format', 'json']), /marathon_uris cannot be read/, true);
  // an unclosed quote above swallows the keys below it
  const swallowed = file('swallowed.yaml', 'tags: "local:nyc1\nmesos_state_uri: http://127.0.0.1:1\n');
  assertOneLine(await run(['check', '--config', swallowed]), /swallowed\.yaml: mesos_state_uri cannot be read/);
  // deploy: the same for the key it uses
  assertOneLine(await run(['deploy', app, '--config', config]), /marathon_uris cannot be read/);
});

test('check --config with a syntax error away from the URIs: used, with a warning naming the errors and the URIs used (masked)', async () => {
  const port = await closedPort();
  const config = file('syntax-elsewhere.yaml', `mesos_state_uri: http://ops:pa55word@127.0.0.1:${port}\nmarathon_uris:\n  - http://127.0.0.1:${port}\ntags: [a, b\n`);
  const r = await run(['check', '--config', config, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`^sysdig-mesos: warning: syntax-elsewhere\\.yaml has \\d+ error\\(s\\) \\(sysdig-mesos lint syntax-elsewhere\\.yaml lists them; it has YAML syntax errors, so the agent will not start with it\\); used: mesos_state_uri=http://ops:\\*\\*\\*@127\\.0\\.0\\.1:${port}, marathon_uris\\[0\\]=http://127\\.0\\.0\\.1:${port}$`, 'm'),
  );
  assert.ok(!(r.stdout + r.stderr).includes('pa55word'));
  assert.equal(JSON.parse(r.stdout).mesos.source, 'config');
});

test('deploy --config with errors that leave marathon_uris readable: warns with what was used, then plans', async () => {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  const config = file('deploy-elsewhere.yaml', `mesos_state_uri: https://m:5050\nmarathon_uris:\n  - ${m.url}\n`);
  const r = await run(['deploy', app, '--config', config]);
  assert.equal(r.code, 2, 'no --yes: the plan only');
  assert.match(r.stderr, new RegExp(`^sysdig-mesos: warning: deploy-elsewhere\\.yaml has 1 error\\(s\\) \\(sysdig-mesos lint deploy-elsewhere\\.yaml lists them\\); used: marathon_uris\\[0\\]=${m.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.match(r.stdout, /Plan: create/);
});

test('bad usage under --format json: the JSON error object, the one line on stderr, no usage text', async () => {
  for (const args of [
    ['lint', '--format', 'json', '--bogus', 'x.yaml'],
    ['lint', '--format=json'],
    ['check', '--format', 'json', 'extra'],
    ['deploy', '--format', 'json'],
    ['deploy', app, '--format', 'json', '--wait', 'soon'],
    ['check', '--format', 'json', '--config', 'missing.yaml'],
    ['deploy', app, '--format', 'json', '--marathon', 'http://[marathon-host]:8080'],
  ]) {
    const r = await run(args);
    assertOneLine(r, /./, true);
  }
});

test('lint --format sarif that cannot run: a valid SARIF log whose invocation failed, exit 2', async () => {
  const r = await run(['lint', '--format', 'sarif', 'missing.yaml']);
  assert.equal(r.code, 2);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(log.runs[0].results, []);
  assert.deepEqual(log.runs[0].invocations, [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: 'error', message: { text: 'cannot read missing.yaml: ENOENT' } }] }]);
});
