// `sysdig-mesos lint` on an agent app: ADDITIONAL_CONF's dragent.yaml findings at their line:column inside the JSON
// string, with the profile and `.sysdig-mesos.json` applying to them as to any finding of the same rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, projectRoot } from '../helpers/paths';

const cli = join(projectRoot(), 'dist', 'cli.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// Sysdig's published app, made valid JSON (its instance placeholder filled) and given three mistakes in ADDITIONAL_CONF
const published = readFileSync(join(corpusDir(), 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'), 'utf8');
const text = published
  .replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3')
  .replace('memdump: {enabled: true}', 'memdump: {enabled: true}\\\\nmesos_state_url: http://10.0.0.1:5050\\\\nlog: {file_priority: verbose}\\\\nmarathon_uris: [https://10.0.0.1:8080]');
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-cli-conf-'));
const file = join(dir, 'sysdig.json');
writeFileSync(file, text);

/** 1-based line and column of a needle in the app */
function pos(needle: string) {
  const i = text.indexOf(needle);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}

test('lint: ADDITIONAL_CONF findings at line:column inside the string, exit 1 on its error', () => {
  const r = run(['lint', '--format', 'json', file], dir);
  assert.equal(r.code, 1, r.stderr);
  const mine = (JSON.parse(r.stdout) as { code: string; line: number; column: number; endColumn: number; severity: string; message: string }[]).filter((f) => f.message.startsWith('In "ADDITIONAL_CONF"'));
  const at = (code: string) => mine.find((f) => f.code === code)!;
  assert.deepEqual([at('unknown-key').line, at('unknown-key').column, at('unknown-key').endColumn], [pos('mesos_state_url').line, pos('mesos_state_url').column, pos('mesos_state_url').column + 15]);
  assert.deepEqual([at('log-priority').column, at('log-priority').severity], [pos('verbose').column, 'error']);
  assert.deepEqual([at('https-unsupported').column, at('https-unsupported').severity], [pos('https://10.0.0.1:8080').column, 'error']);
  const textOut = run(['lint', file], dir).stdout;
  assert.match(textOut, new RegExp(`sysdig\\.json:${pos('mesos_state_url').line}:${pos('mesos_state_url').column} warning unknown-key In "ADDITIONAL_CONF": "mesos_state_url" is not a setting`));
});

test('lint: --profile latest and .sysdig-mesos.json rule settings apply inside ADDITIONAL_CONF', () => {
  const latest = JSON.parse(run(['lint', '--format', 'json', '--profile', 'latest', file], dir).stdout) as { code: string; severity: string }[];
  assert.equal(latest.find((f) => f.code === 'https-unsupported')?.severity, 'warning');
  const configured = mkdtempSync(join(tmpdir(), 'sysdig-mesos-cli-conf-'));
  writeFileSync(join(configured, 'sysdig.json'), text);
  writeFileSync(join(configured, '.sysdig-mesos.json'), JSON.stringify({ rules: { 'log-priority': 'off', 'https-unsupported': 'off' } }));
  const r = run(['lint', '--format', 'json', 'sysdig.json'], configured);
  const mine = (JSON.parse(r.stdout) as { code: string; message: string }[]).filter((f) => f.message.startsWith('In "ADDITIONAL_CONF"'));
  assert.deepEqual(mine.map((f) => f.code), ['unknown-key']);
});
