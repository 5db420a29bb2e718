import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

// `sysdig-mesos lint DIR` and several files: the workspace rules' findings on each file, with related locations.
const cli = join(projectRoot(), 'dist', 'cli.js');
function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const KEY_YAML = '0a1b2c3d-1111-2222-3333-444455556666';
const KEY_APP = '9f8e7d6c-1111-2222-3333-444455556666';
const app = (id: string, key: string) =>
  JSON.stringify({ id, instances: 2, container: { type: 'DOCKER', docker: { image: 'sysdig/agent', network: 'HOST', privileged: true, parameters: [{ key: 'env', value: `ACCESS_KEY=${key}` }] } } }, null, 2) + '\n';

const root = mkdtempSync(join(tmpdir(), 'sysdig-mesos-ws-'));
mkdirSync(join(root, 'east'));
mkdirSync(join(root, 'west'));
writeFileSync(join(root, 'east', 'dragent.yaml'), `customerid: ${KEY_YAML}\nmesos_state_uri: http://master.example.com:5050\n`);
writeFileSync(join(root, 'east', 'sysdig.json'), app('/sysdig-agent', KEY_APP));
writeFileSync(join(root, 'east', 'marathon-agent.json'), app('sysdig-agent', KEY_YAML));
writeFileSync(join(root, 'west', 'dragent.yaml'), 'mesos_state_uri: http://MASTER.example.com\n');

test('lint DIR: every cross-file finding on each file it concerns, with related locations (json)', () => {
  const r = run(['lint', '--format', 'json', '.'], root);
  assert.equal(r.code, 0, r.stderr); // warnings only
  const all = JSON.parse(r.stdout) as { file: string; code: string; line: number; column: number; relatedLocations?: { file: string; line: number; column: number; message: string }[] }[];
  const of = (code: string) => all.filter((f) => f.code === code).map((f) => `${f.file}:${f.line}:${f.column} -> ${(f.relatedLocations ?? []).map((l) => `${l.file}:${l.line}:${l.column}`).join(',')}`).sort();
  assert.deepEqual(of('workspace-delegated-agents'), ['east/dragent.yaml:2:18 -> west/dragent.yaml:1:18', 'west/dragent.yaml:1:18 -> east/dragent.yaml:2:18']);
  assert.deepEqual(of('workspace-access-key-mismatch'), ['east/dragent.yaml:1:13 -> east/sysdig.json:13:20', 'east/sysdig.json:13:20 -> east/dragent.yaml:1:13']);
  assert.deepEqual(of('workspace-duplicate-app-id'), ['east/marathon-agent.json:2:9 -> east/sysdig.json:2:9', 'east/sysdig.json:2:9 -> east/marathon-agent.json:2:9']);
  for (const k of [KEY_YAML, KEY_APP]) assert.ok(!r.stdout.includes(k) && !r.stderr.includes(k), 'an access key was printed');
});

test('lint FILE FILE: the files given are compared; text shows the related lines; SARIF has relatedLocations', () => {
  const files = ['east/dragent.yaml', 'east/sysdig.json'];
  const t = run(['lint', ...files], root);
  assert.match(t.stdout, /^east\/dragent\.yaml:1:13 warning workspace-access-key-mismatch "customerid" disagrees .+\n {2}related: east\/sysdig\.json:13:20 /m);
  assert.doesNotMatch(t.stdout, /workspace-delegated-agents/, 'west/dragent.yaml was not given');
  const s = JSON.parse(run(['lint', '--format', 'sarif', ...files], root).stdout);
  const res = s.runs[0].results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'workspace-access-key-mismatch' && x.locations[0].physicalLocation.artifactLocation.uri === 'east/sysdig.json');
  assert.deepEqual(res.relatedLocations[0].physicalLocation, { artifactLocation: { uri: 'east/dragent.yaml' }, region: { startLine: 1, startColumn: 13, endLine: 1, endColumn: 49 } });
  assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'workspace-duplicate-app-id'), 'the workspace rules are described');
  for (const k of [KEY_YAML, KEY_APP]) assert.ok(!JSON.stringify(s).includes(k) && !t.stdout.includes(k));
});

test('exit codes as for other findings: a workspace rule set to error in .sysdig-mesos.json gives 1; a file named twice is one file', () => {
  writeFileSync(join(root, '.sysdig-mesos.json'), JSON.stringify({ rules: { 'workspace-duplicate-app-id': 'error' } }));
  try {
    assert.equal(run(['lint', '.'], root).code, 1);
    const twice = run(['lint', 'west/dragent.yaml', './west/dragent.yaml'], root);
    assert.equal(twice.code, 0);
    assert.doesNotMatch(twice.stdout, /workspace-/);
  } finally {
    writeFileSync(join(root, '.sysdig-mesos.json'), '{}');
  }
});
