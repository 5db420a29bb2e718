// `sysdig-mesos effective`: the dragent.yaml the agent image's entrypoint writes from an agent app (agent-dragent.md
// §1 item 16, §5), annotated (yaml: origin comments above the lines) or as a list (json, the written file's line
// numbers); secrets masked; usage errors exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '../helpers/paths';
import { runCli } from '../helpers/run-cli';
import { agentApp, SAMPLE_ACCESS_KEY } from '../corpus/marathon-fixtures';

const SECURE = join(corpusDir(), 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json');
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-cli-effective-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const LAST = 'COLLECTOR=collector.example.com" }';
const env = { PATH: process.env.PATH };

test('effective: the published app, each run of lines under its origin, the access key masked, the entrypoint cited, exit 0', async () => {
  const r = await runCli(['effective', SECURE], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 8), [
    '# ── ACCESS_KEY (docker parameter)',
    'customerid: ***',
    '# ── COLLECTOR (docker parameter)',
    'collector: COLLECTOR-ADDRESS-HERE',
    '# ── ADDITIONAL_CONF, lines 1–3',
    'security: {enabled: true}',
    'commandlines_capture: {enabled: true}',
    'memdump: {enabled: true}',
  ]);
  assert.match(r.stdout, /^# - What `docker\/docker-entrypoint\.sh` of\n# {3}the sysdig\/agent image, public in\n# {3}github\.com\/zjuzzb\/agent-libs, writes to$/m);
  assert.doesNotMatch(r.stdout, /agent-dragent|§/);
});

test('effective --format json: {line, text, origin, key, masked}; a duplicate says which line the agent reads', async () => {
  const f = write('dup.json', agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=collector: other.example.com\\nmesos_password: pw-secret-1" }`));
  const r = await runCli(['effective', '--format', 'json', f], { env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out, [
    { line: 1, text: 'customerid: ***', origin: { kind: 'env', description: 'docker parameter ACCESS_KEY', name: 'ACCESS_KEY' }, key: 'customerid', masked: true },
    { line: 2, text: 'collector: collector.example.com', origin: { kind: 'env', description: 'docker parameter COLLECTOR', name: 'COLLECTOR' }, key: 'collector' },
    { line: 3, text: 'collector: other.example.com', origin: { kind: 'additional-conf', description: 'ADDITIONAL_CONF line 1', additionalConfLine: 1 }, key: 'collector', ignored: { usedLine: 2 } },
    { line: 4, text: 'mesos_password: ***', origin: { kind: 'additional-conf', description: 'ADDITIONAL_CONF line 2', additionalConfLine: 2 }, key: 'mesos_password', masked: true },
  ]);
  assert.ok(!r.stdout.includes(SAMPLE_ACCESS_KEY) && !r.stdout.includes('pw-secret-1'));
  const yaml = await runCli(['effective', f], { env });
  // the yaml names the origin the agent reads, not a line number (its lines are not the written file's)
  assert.match(yaml.stdout, /^# ── ADDITIONAL_CONF, line 1\n# ── ignored: the agent reads COLLECTOR's\ncollector: other\.example\.com\n# ── ADDITIONAL_CONF, line 2\nmesos_password: \*\*\*$/m);
});

test('effective with SYSDIG_ACCESS_KEY / SYSDIG_COLLECTOR: a placeholder is shown filled at deploy, never the value', async () => {
  const f = write('placeholders.json', agentApp(`ACCESS_KEY=${SAMPLE_ACCESS_KEY}`, 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE').replace('COLLECTOR=collector.example.com', 'COLLECTOR=COLLECTOR-ADDRESS-HERE'));
  const key = '9d8c7b6a-1111-2222-3333-444455556666';
  const r = await runCli(['effective', f], { env: { ...env, SYSDIG_ACCESS_KEY: key, SYSDIG_COLLECTOR: 'backend.internal' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# ── ACCESS_KEY, filled at deploy from\n# {4}SYSDIG_ACCESS_KEY\ncustomerid: \*\*\*$/m);
  assert.match(r.stdout, /^# ── COLLECTOR, filled at deploy from\n# {4}SYSDIG_COLLECTOR\ncollector: <filled at deploy>$/m);
  assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key));
});

test('effective: usage errors exit 2 (no file, two files, a dragent.yaml, an app that is not the agent, a bad format)', async () => {
  const nginx = write('nginx.json', agentApp('"sysdig/agent"', '"nginx"'));
  const dragent = write('dragent.yaml', 'collector: x\n');
  const cases: [string[], RegExp][] = [
    [['effective'], /effective needs one FILE/],
    [['effective', SECURE, SECURE], /effective takes one FILE, not 2/],
    [['effective', dragent], /is a dragent\.yaml, which the agent reads as it is/],
    [['effective', nginx], /is not the Sysdig agent's app/],
    [['effective', '--format', 'text', SECURE], /--format must be yaml or json for effective/],
    [['effective', '--kind', 'dragent', SECURE], /unknown option --kind for effective/],
  ];
  for (const [args, msg] of cases) {
    const r = await runCli(args, { env });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, msg);
    assert.equal(r.stdout, '');
  }
  const missing = await runCli(['effective', join(dir, 'nope.json')], { env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json/);
});

test('effective: listed in --help', async () => {
  const r = await runCli(['--help'], { env });
  assert.match(r.stdout, /sysdig-mesos effective sysdig\.json \[--format yaml\|json\]/);
});

test('lint: agent-app-env-conf-conflict with its related location in the same file (json, sarif, text)', async () => {
  const text = agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=collector: other.example.com" }`);
  const f = write('conflict.json', text);
  const r = await runCli(['lint', '--format', 'json', f], { env });
  const found = (JSON.parse(r.stdout) as { code: string; line: number; column: number; relatedLocations?: { file: string; line: number; column: number }[] }[]).find((x) => x.code === 'agent-app-env-conf-conflict');
  assert.ok(found, r.stdout);
  const lines = text.split('\n');
  const at = (needle: string) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
  };
  assert.deepEqual([found.line, found.column], [at('collector: other').line, at('collector: other').column]);
  assert.deepEqual(found.relatedLocations?.map((l) => [l.file, l.line, l.column]), [[f, at('"COLLECTOR=').line, at('"COLLECTOR=').column]]);
  const sarif = JSON.parse((await runCli(['lint', '--format', 'sarif', f], { env })).stdout);
  const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'agent-app-env-conf-conflict');
  assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, at('"COLLECTOR=').line);
  assert.match((await runCli(['lint', f], { env })).stdout, /\n {2}related: .*conflict\.json:\d+:\d+ COLLECTOR, the value the agent reads/);
});
