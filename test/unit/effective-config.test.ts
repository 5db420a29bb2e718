// The effective dragent.yaml model (service/embedded/effective-config.ts): what the agent image's entrypoint writes
// from an agent app (agent-dragent.md §1 item 16, §5), each line's origin, secrets masked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type EffectiveConfig } from '../../server/src/service/index';
import { agentApp, readCorpus, SAMPLE_ACCESS_KEY } from '../corpus/marathon-fixtures';
import { sedReplacement } from '../../server/src/service/embedded/entrypoint';

const service = createLanguageService();
const LAST = 'COLLECTOR=collector.example.com" }';
const withParams = (...values: string[]) => agentApp(LAST, [LAST, ...values.map((v) => `{ "key": "env", "value": ${JSON.stringify(v)} }`)].join(',\n        '));
/** ADDITIONAL_CONF written as the JSON source `src` (escapes as typed in the file) */
const withConf = (src: string, ...more: string[]) => agentApp(LAST, [LAST, `{ "key": "env", "value": "ADDITIONAL_CONF=${src}" }`, ...more.map((v) => `{ "key": "env", "value": ${JSON.stringify(v)} }`)].join(',\n        '));

function effective(text: string, settings?: Parameters<typeof service.effective>[1]): EffectiveConfig {
  const r = service.effective(service.parse(text, 'marathon-app'), settings);
  assert.ok(r, 'an agent app');
  return r.config;
}
const rows = (c: EffectiveConfig) => c.lines.map((l) => [l.text, l.origin.kind === 'additional-conf' ? `ADDITIONAL_CONF:${l.origin.line}` : `${l.origin.kind}:${l.origin.name}`]);

test('§1 item 16: env variables in the entrypoint order, then ADDITIONAL_CONF lines, each with its origin', () => {
  const c = effective(withConf(String.raw`security: {enabled: true}\nmemdump: {enabled: true}`, 'TAGS=role:agent'));
  assert.deepEqual(rows(c), [
    ['customerid: ***', 'env:ACCESS_KEY'],
    ['tags: role:agent', 'env:TAGS'],
    ['collector: collector.example.com', 'env:COLLECTOR'],
    ['security: {enabled: true}', 'ADDITIONAL_CONF:1'],
    ['memdump: {enabled: true}', 'ADDITIONAL_CONF:2'],
  ]);
  assert.deepEqual(c.lines.map((l) => l.key), ['customerid', 'tags', 'collector', 'security', 'memdump']);
  assert.equal(c.lines[0].masked, true);
  assert.deepEqual(c.duplicates, []);
});

test('no ADDITIONAL_CONF: only the variables; an empty variable writes nothing ([ ! -z ])', () => {
  const c = effective(withParams('TAGS=', 'SECURE=false'));
  assert.deepEqual(rows(c), [
    ['customerid: ***', 'env:ACCESS_KEY'],
    ['collector: collector.example.com', 'env:COLLECTOR'],
    ['ssl: false', 'env:SECURE'],
  ]);
});

test('RUN_MODE comes after ADDITIONAL_CONF: its sed replaces a run_mode: line written at column 0', () => {
  const c = effective(withConf(String.raw`run_mode: standard\nsecurity: {enabled: true}`, 'RUN_MODE=nodriver'));
  assert.deepEqual(rows(c).slice(2), [
    ['run_mode: nodriver', 'env:RUN_MODE'],
    ['security: {enabled: true}', 'ADDITIONAL_CONF:2'],
  ]);
  assert.equal(c.lines[2].replaced?.kind, 'additional-conf');
});

test('RUN_MODE appended when ADDITIONAL_CONF wrote run_mode another way: a duplicate, the first is used', () => {
  const c = effective(withConf(String.raw`run_mode : standard`, 'RUN_MODE=nodriver'));
  assert.deepEqual(rows(c).slice(2), [
    ['run_mode : standard', 'ADDITIONAL_CONF:1'],
    ['run_mode: nodriver', 'env:RUN_MODE'],
  ]);
  assert.deepEqual(c.duplicates, [{ key: 'run_mode', lines: [3, 4] }]);
});

test('a key of an env variable repeated in ADDITIONAL_CONF: the env line is first, the agent reads it', () => {
  const c = effective(withConf(String.raw`collector: other.example.com\ntags: a:b`, 'TAGS=x:y'));
  assert.deepEqual(c.duplicates, [
    { key: 'tags', lines: [2, 5] },
    { key: 'collector', lines: [3, 4] },
  ].sort((a, b) => a.lines[0] - b.lines[0]));
});

test('JSON escapes, a literal \\n for echo -e and a JSON newline all make lines; \\c stops the text', () => {
  const c = effective(withConf(String.raw`a: \"q\"\\nb: 1\nc: 2\\cd: 3`));
  assert.deepEqual(rows(c).slice(2), [
    ['a: "q"', 'ADDITIONAL_CONF:1'],
    ['b: 1', 'ADDITIONAL_CONF:2'],
    ['c: 2', 'ADDITIONAL_CONF:3'],
  ]);
});

test('deploy fills: ACCESS_KEY and COLLECTOR said filled at deploy, from where', () => {
  const text = withParams().replace(`"ACCESS_KEY=${SAMPLE_ACCESS_KEY}"`, '"ACCESS_KEY="').replace('"COLLECTOR=collector.example.com"', '"COLLECTOR=COLLECTOR-ADDRESS-HERE"');
  const c = effective(text, { deployFills: { door: 'editor', accessKey: true, collector: true, variables: [] } });
  assert.deepEqual(
    c.lines.map((l) => [l.text, l.origin.kind, l.origin.kind === 'deploy' ? l.origin.from : '']),
    [
      ['customerid: ***', 'deploy', "VS Code's secret storage"],
      ['collector: <filled at deploy>', 'deploy', 'the sysdig-mesos.deploy.collector setting'],
    ],
  );
  // without deploy fills (the CLI), the file's own values
  assert.deepEqual(rows(effective(text)), [['collector: COLLECTOR-ADDRESS-HERE', 'env:COLLECTOR']]);
});

test('a variable in env and as a docker parameter: the parameter (Docker applies --env last), with a note', () => {
  const text = withParams('TAGS=from:param').replace('"instances": 3,', '"instances": 3,\n  "env": { "TAGS": "from:env" },');
  const c = effective(text);
  assert.equal(c.lines.find((l) => l.key === 'tags')?.text, 'tags: from:param');
  assert.match(c.notes.join('\n'), /TAGS is set 2 times/);
});

test('secrets never appear: customerid, passwords (block and flow), URI user-info, the key elsewhere', () => {
  const conf = String.raw`mesos_password: s3cr3t-pass\nmarathon_uris: [http://admin:hunter22@10.0.0.1:8080]\ndcos: {dcos_password: flowpass99}\ncustomerid: other-key-1234\ntags: key:${SAMPLE_ACCESS_KEY}`;
  const c = effective(withConf(conf));
  const all = JSON.stringify(c) + service.effective(service.parse(withConf(conf), 'marathon-app'))!.yaml;
  for (const s of [SAMPLE_ACCESS_KEY, 's3cr3t-pass', 'hunter22', 'flowpass99', 'other-key-1234']) assert.ok(!all.includes(s), `${s} shown`);
  assert.ok(all.includes('http://admin:***@10.0.0.1:8080'), 'user:***@host');
  assert.ok(all.includes('mesos_password: ***'));
});

test("Sysdig's published app: three ADDITIONAL_CONF lines after the two variables, a persisted volume none", () => {
  const text = readCorpus('marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json');
  const r = service.effective(service.parse(text, 'marathon-app'))!;
  assert.deepEqual(rows(r.config), [
    ['customerid: ***', 'env:ACCESS_KEY'],
    ['collector: COLLECTOR-ADDRESS-HERE', 'env:COLLECTOR'],
    ['security: {enabled: true}', 'ADDITIONAL_CONF:1'],
    ['commandlines_capture: {enabled: true}', 'ADDITIONAL_CONF:2'],
    ['memdump: {enabled: true}', 'ADDITIONAL_CONF:3'],
  ]);
  assert.equal(r.config.persisted, undefined);
  assert.match(r.yaml, /^# ── ACCESS_KEY \(docker parameter\)\ncustomerid: \*\*\*\n/);
  assert.match(r.yaml, /^# ── ADDITIONAL_CONF, lines 1–3\nsecurity: \{enabled: true\}$/m);
  assert.deepEqual(r.lines[2], { line: 3, text: 'security: {enabled: true}', origin: { kind: 'additional-conf', description: 'ADDITIONAL_CONF line 3'.replace('3', '1'), additionalConfLine: 1 }, key: 'security' });
});

test('a volume over /opt/draios/etc is reported as persisted', () => {
  const text = withConf('a: 1').replace('"volumes": [', '"volumes": [\n        { "containerPath": "/opt/draios/etc/", "hostPath": "/var/lib/sysdig", "mode": "RW" },');
  assert.equal(effective(text).persisted?.containerPath, '/opt/draios/etc');
});

test('not an agent app: no effective config', () => {
  assert.equal(service.effective(service.parse(withConf('a: 1').replace('"sysdig/agent"', '"nginx"'), 'marathon-app')), undefined);
  assert.equal(service.effective(service.parse('collector: x\n', 'dragent')), undefined);
});

test("sed's replacement text: & is the match, / and newlines make sed fail", () => {
  assert.deepEqual(sedReplacement('run_mode: a\\&b'), ['run_mode: a&b']);
  assert.equal(sedReplacement('run_mode: a/b'), undefined);
  assert.equal(sedReplacement('run_mode: \\1'), undefined);
  assert.equal(sedReplacement('run_mode: a&')?.length, 3);
});

test('every variable in the entrypoint order whatever the app order; env and secret and host values said so', () => {
  const text = withParams('RUN_MODE=nodriver', 'CHECK_CERTIFICATE=false', 'SECURE=true', 'COLLECTOR_PORT=6443', 'TAGS')
    .replace('"instances": 3,', '"instances": 3,\n  "env": { "ADDITIONAL_CONF": "app_checks: []" },')
    .replace(`"ACCESS_KEY=${SAMPLE_ACCESS_KEY}"`, '"ACCESS_KEY_UNUSED=1"')
    .replace('"instances": 3,', '"instances": 3,\n  "secrets": { "k": { "source": "sysdig-key" } },');
  const withSecret = text.replace('"env": { "ADDITIONAL_CONF"', '"env": { "ACCESS_KEY": { "secret": "k" }, "ADDITIONAL_CONF"');
  const c = effective(withSecret);
  assert.deepEqual(
    c.lines.map((l) => [l.text, l.origin.kind === 'additional-conf' ? `ADDITIONAL_CONF:${l.origin.line}` : `${l.origin.kind}:${l.origin.name}`]),
    [
      ['customerid: ***', 'env:ACCESS_KEY'],
      ['tags: <from the agent node>', 'env:TAGS'],
      ['collector: collector.example.com', 'env:COLLECTOR'],
      ['collector_port: 6443', 'env:COLLECTOR_PORT'],
      ['ssl: true', 'env:SECURE'],
      ['ssl_verify_certificate: false', 'env:CHECK_CERTIFICATE'],
      ['app_checks: []', 'ADDITIONAL_CONF:1'],
      ['run_mode: nodriver', 'env:RUN_MODE'],
    ],
  );
  const r = service.effective(service.parse(withSecret, 'marathon-app'))!;
  assert.match(r.yaml, /^# ── ACCESS_KEY \(env, a Marathon secret\)\ncustomerid: \*\*\*$/m);
  assert.match(r.yaml, /^# ── TAGS \(docker parameter,\n# {4}the agent node's value\)\ntags: <from the agent node>$/m);
  // the JSON's description says it in full
  assert.equal(r.lines[1].origin.description, "docker parameter TAGS (the value of the agent node's environment)");
});
