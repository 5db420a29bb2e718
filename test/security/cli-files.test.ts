// Hostile workspaces through the CLI (issue 10 §5): `.sysdig-mesos.json` pointing at /dev/zero, at a
// FIFO or at a secret outside the folder, and `lint DIR` over dangling links and loops. Every run has a
// time limit: before the fix some of these read until memory ran out or waited forever.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

const cli = join(projectRoot(), 'dist', 'cli.js');
const base = mkdtempSync(join(tmpdir(), 'sysdig-mesos-hostile-cli-'));
after(() => rmSync(base, { recursive: true, force: true }));
const SECRET = 'TOPSECRET-hunter2-do-not-print';
const outsideSecret = join(base, 'secret.txt');
writeFileSync(outsideSecret, `${SECRET}\n`);

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 10_000, maxBuffer: 4 * 1024 * 1024 });
  assert.equal(r.error, undefined, `the CLI finished in time: ${r.error}`);
  assert.ok(!(r.stdout + r.stderr).includes('TOPSECRET'), `nothing of the secret is printed:\n${r.stdout}${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let n = 0;
function workspace(): string {
  const d = join(base, `ws${++n}`);
  mkdirSync(d);
  writeFileSync(join(d, 'dragent.yaml'), 'mesos_state_uri: http://m:5050\n');
  return d;
}

function oneLineError(stderr: string, re: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^sysdig-mesos: /);
  assert.match(lines[0], re);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('.sysdig-mesos.json linked to /dev/zero: refused at once with exit 2, not read until memory runs out', () => {
  const ws = workspace();
  symlinkSync('/dev/zero', join(ws, '.sysdig-mesos.json'));
  const r = run(['lint', 'dragent.yaml'], ws);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /cannot read \.sysdig-mesos\.json: it leads outside/);
  // named explicitly, the device is still not a file
  const explicit = run(['lint', '--rules-config', '/dev/zero', 'dragent.yaml'], ws);
  assert.equal(explicit.code, 2);
  oneLineError(explicit.stderr, /cannot read \/dev\/zero: not a regular file \(a device\)/);
});

test('.sysdig-mesos.json as a FIFO: refused, the CLI does not wait for a writer', () => {
  const ws = workspace();
  execFileSync('mkfifo', [join(ws, '.sysdig-mesos.json')]);
  const r = run(['lint', 'dragent.yaml'], ws);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /\.sysdig-mesos\.json: not a regular file \(a pipe\)/);
});

test('.sysdig-mesos.json linked to a file outside the workspace: not read, and nothing of it quoted', () => {
  const ws = workspace();
  symlinkSync(outsideSecret, join(ws, '.sysdig-mesos.json'));
  const r = run(['lint', 'dragent.yaml'], ws);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /it leads outside/);
});

test('a --rules-config that is not JSON: the error gives a position, never the content', () => {
  const ws = workspace();
  for (const text of [`${SECRET}\n`, `{"rules": ${SECRET}}`, `{"rules": {}} ${SECRET}`]) {
    writeFileSync(join(ws, 'rules.json'), text);
    const r = run(['lint', '--rules-config', 'rules.json', 'dragent.yaml'], ws);
    assert.equal(r.code, 2);
    oneLineError(r.stderr, /cannot read rules\.json: not valid JSON/);
  }
});

test('a .sysdig-mesos.json over 1 MiB is refused by its size', () => {
  const ws = workspace();
  writeFileSync(join(ws, '.sysdig-mesos.json'), `{"rules": {}, "x": "${'a'.repeat(1024 * 1024)}"}`);
  const r = run(['lint', 'dragent.yaml'], ws);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /over the 1048576-byte limit/);
});

test('lint DIR with a dangling link: the link is skipped with a warning, the exit code and the SARIF stay right', () => {
  const ws = workspace();
  // another master than dragent.yaml's: two configs reading one remote master would add workspace-delegated-agents findings
  writeFileSync(join(ws, 'bad.dragent.yaml'), 'mesos_state_uri: https://n:5050\n');
  symlinkSync(join(ws, 'gone.yaml'), join(ws, 'dangling.dragent.yaml'));
  const text = run(['lint', '.'], ws);
  assert.equal(text.code, 1, 'exit 1 for the error in bad.dragent.yaml, not for the link');
  assert.match(text.stderr, /^sysdig-mesos: warning: skipped dangling\.dragent\.yaml: a dangling symbolic link$/m);
  assert.match(text.stdout, /bad\.dragent\.yaml:1:18 error https-unsupported/);

  const sarif = run(['lint', '--format', 'sarif', '.'], ws);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(sarif.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results.length, 1);
  const inv = log.runs[0].invocations[0];
  assert.equal(inv.executionSuccessful, true);
  assert.deepEqual(
    inv.toolExecutionNotifications.map((x: { level: string; message: { text: string } }) => [x.level, x.message.text]),
    [['warning', 'skipped dangling.dragent.yaml: a dangling symbolic link']],
  );

  // without errors the exit code is 0: a skipped link is no error
  rmSync(join(ws, 'bad.dragent.yaml'));
  assert.equal(run(['lint', '--format', 'json', '.'], ws).code, 0);
});

test('lint DIR with link loops and a link out of the tree: each skipped once, no crash', () => {
  const ws = workspace();
  mkdirSync(join(ws, 'deploy'));
  symlinkSync('..', join(ws, 'deploy', 'up'));
  symlinkSync('loop-b', join(ws, 'loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(ws, 'loop-b'));
  symlinkSync(outsideSecret, join(ws, 'leak.dragent.yaml'));
  execFileSync('mkfifo', [join(ws, 'pipe.dragent.yaml')]);
  const r = run(['lint', '--format', 'json', '.'], ws);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  const warnings = r.stderr.trimEnd().split('\n');
  // each entry is named once: the loop through deploy/up is not searched again and again
  const paths = warnings.map((l) => /skipped (\S+):/.exec(l)?.[1]);
  assert.equal(new Set(paths).size, paths.length, r.stderr);
  assert.match(r.stderr, /skipped deploy\/up: a directory already searched/);
  assert.match(r.stderr, /skipped loop-a\.yaml: a symbolic link loop/);
  assert.match(r.stderr, /skipped leak\.dragent\.yaml: a symbolic link out of \./);
  assert.match(r.stderr, /skipped pipe\.dragent\.yaml: not a regular file/);
  assert.equal(warnings.length, 5, r.stderr);
});

test('lint FILE that is a FIFO or /dev/zero: exit 2 with one line, at once', () => {
  const ws = workspace();
  execFileSync('mkfifo', [join(ws, 'fifo.yaml')]);
  const r = run(['lint', '--kind', 'dragent', 'fifo.yaml'], ws);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /cannot read fifo\.yaml: not a regular file \(a pipe\)/);
  const z = run(['lint', '--kind', 'dragent', '--format', 'json', '/dev/zero'], ws);
  assert.equal(z.code, 2);
  assert.deepEqual(JSON.parse(z.stdout), { error: 'cannot read /dev/zero: not a regular file (a device)', exitCode: 2 });
});
