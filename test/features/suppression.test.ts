import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { applyConfig, createLanguageService, globMatch, readConfig, CONFIG_FILE, FIX_ALL_KIND, type SysdigMesosConfig } from '../../server/src/service/index';
import { CONFIG_FILE_NAME, FIX_ALL_KIND as SERVER_FIX_ALL_KIND } from '../../server/src/lsp/constants';
import { projectRoot } from '../helpers/paths';

const svc = createLanguageService();
const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);

const URI_TEXT = 'customerid: abc\nmesos_state_uri: localhost:5050\nmarathon_uris:\n  - localhost:8080\n';

test('disable-next-line: with ids, with several ids, without ids (all rules); only the next line', () => {
  const base = ids(svc.check(URI_TEXT, 'dragent').findings);
  assert.deepEqual(base, ['uri-no-scheme', 'uri-no-scheme']);
  const one = svc.check('customerid: abc\n# sysdig-mesos-disable-next-line uri-no-scheme\nmesos_state_uri: localhost:5050\nmarathon_uris:\n  - localhost:8080\n', 'dragent');
  assert.deepEqual(one.findings.map((f) => one.doc.lines.positionAt(f.start).line), [4]);
  const other = svc.check('# sysdig-mesos-disable-next-line schema, unknown-key\nmesos_state_uri: localhost:5050\n', 'dragent');
  assert.deepEqual(ids(other.findings), ['uri-no-scheme']);
  const several = svc.check('# sysdig-mesos-disable-next-line schema, uri-no-scheme\nmesos_state_uri: localhost:5050\n', 'dragent');
  assert.deepEqual(ids(several.findings), []);
  const all = svc.check('marathon_uris:\n  # sysdig-mesos-disable-next-line\n  - localhost:8080\n', 'dragent');
  assert.deepEqual(ids(all.findings), []);
  // a trailing comment does not count, nor one two lines up
  const trailing = svc.check('customerid: abc # sysdig-mesos-disable-next-line\nmesos_state_uri: localhost:5050\n', 'dragent');
  assert.deepEqual(ids(trailing.findings), ['uri-no-scheme']);
  const far = svc.check('# sysdig-mesos-disable-next-line\n\nmesos_state_uri: localhost:5050\n', 'dragent');
  assert.deepEqual(ids(far.findings), ['uri-no-scheme']);
});

test('.sysdig-mesos.json: rules severities and off, agentProfile, ignore by files/rules/pointer', () => {
  const app = '{"id": "/a_b", "cmd": "x", "container": {"type": "DOCKER", "docker": {"image": "i", "network": "BRIDGE"}}}';
  const base = svc.check(app, 'marathon-app').findings;
  assert.ok(base.some((f) => f.ruleId === 'marathon-id'), JSON.stringify(ids(base)));
  const sev: SysdigMesosConfig = { rules: { 'marathon-id': 'info' } };
  assert.equal(svc.check(app, 'marathon-app', { config: sev }).findings.find((f) => f.ruleId === 'marathon-id')?.severity, 'info');
  const off: SysdigMesosConfig = { rules: { 'marathon-id': 'off' } };
  assert.ok(!svc.check(app, 'marathon-app', { config: off }).findings.some((f) => f.ruleId === 'marathon-id'));
  // the workspace file wins over editor settings
  assert.ok(!svc.check(app, 'marathon-app', { settings: { rules: { 'marathon-id': 'error' } }, config: off }).findings.some((f) => f.ruleId === 'marathon-id'));

  const byPointer: SysdigMesosConfig = { ignore: [{ files: 'deploy/**/*.json', pointer: '/id' }] };
  const inDeploy = svc.check(app, 'marathon-app', { config: byPointer, filePath: 'deploy/prod/sysdig.json' }).findings;
  assert.ok(!inDeploy.some((f) => f.ruleId === 'marathon-id'));
  assert.deepEqual(ids(inDeploy), ids(base.filter((f) => f.ruleId !== 'marathon-id')));
  const elsewhere = svc.check(app, 'marathon-app', { config: byPointer, filePath: 'other/sysdig.json' }).findings;
  assert.deepEqual(ids(elsewhere), ids(base));
  // a pointer into a nested value, limited to some rules
  const agent = '{"id": "sysdig-agent", "instances": 1, "container": {"type": "DOCKER", "docker": {"image": "sysdig/agent", "network": "BRIDGE", "privileged": true}}}';
  const a0 = svc.check(agent, 'marathon-app').findings;
  const net = a0.find((f) => agent.slice(f.start, f.end).includes('BRIDGE'));
  assert.ok(net, JSON.stringify(ids(a0)));
  const a1 = svc.check(agent, 'marathon-app', { config: { ignore: [{ pointer: '/container/docker/network', rules: [net.ruleId] }] } }).findings;
  assert.ok(!a1.some((f) => f.ruleId === net.ruleId && f.start === net.start));
  assert.equal(a1.length, a0.length - a0.filter((f) => f.ruleId === net.ruleId && f.start >= agent.indexOf('"network"') && f.end <= agent.indexOf('"BRIDGE"') + 8).length);
  // a pointer that names nothing ignores nothing; files without pointer ignore the whole file
  assert.deepEqual(ids(svc.check(agent, 'marathon-app', { config: { ignore: [{ pointer: '/nope/x' }] } }).findings), ids(a0));
  assert.deepEqual(svc.check(agent, 'marathon-app', { config: { ignore: [{ files: 'sysdig.json' }] }, filePath: 'a/b/sysdig.json' }).findings, []);
  // agentProfile from the file
  const https = 'mesos_state_uri: https://m:5050\n';
  const say = (fs: { severity: string; message: string }[]) => fs.map((f) => `${f.severity} ${f.message}`);
  assert.notDeepEqual(say(svc.check(https, 'dragent').findings), say(svc.check(https, 'dragent', { config: { agentProfile: 'latest' } }).findings));
  assert.deepEqual(say(svc.check(https, 'dragent', { settings: { agentProfile: 'latest' } }).findings), say(svc.check(https, 'dragent', { config: { agentProfile: 'latest' } }).findings));
  // applyConfig on its own (for the CLI)
  const { doc, findings } = svc.check(app, 'marathon-app');
  assert.deepEqual(ids(applyConfig(findings, doc, { ignore: [{ rules: ['marathon-id'] }] }, 'sysdig.json')), ids(base.filter((f) => f.ruleId !== 'marathon-id')));
});

test('globs: ** spans folders, * stays in one, a glob without / matches the file name anywhere', () => {
  assert.ok(globMatch('sysdig.json', 'a/b/sysdig.json'));
  assert.ok(globMatch('*.json', 'sysdig.json'));
  assert.ok(globMatch('deploy/**/*.json', 'deploy/x.json'));
  assert.ok(globMatch('deploy/**/*.json', 'deploy/a/b/x.json'));
  assert.ok(!globMatch('deploy/*.json', 'deploy/a/x.json'));
  assert.ok(!globMatch('deploy/*.json', 'other/deploy/x.json'));
  assert.ok(globMatch('./deploy/*.json', 'deploy\\x.json'));
});

test('readConfig agrees with schemas/sysdig-mesos-config.schema.json (ajv) on valid and invalid files', () => {
  const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'sysdig-mesos-config.schema.json'), 'utf8'));
  // patternErrorMessage: VS Code's message for a cluster URI with a password (named clusters)
  const validate = new Ajv({ strict: true, allErrors: true }).addVocabulary(['patternErrorMessage']).compile(schema);
  const samples: unknown[] = [
    {},
    { rules: { 'smart-quotes': 'error', placeholder: 'off' }, agentProfile: 'latest' },
    { ignore: [{ files: 'deploy/**/sysdig.json', rules: ['agent-app-host-network'], pointer: '/container/docker/network' }] },
    { ignore: [{ files: ['a.json', 'b.json'] }, { pointer: '' }] },
    { $schema: './schemas/sysdig-mesos-config.schema.json' },
    { rules: { x: 'loud' } },
    { agentProfile: 'new' },
    { ignore: {} },
    { ignore: [{ files: '' }] },
    { ignore: [{ files: `${'*'.repeat(1001)}.json` }] },
    { ignore: [{ files: ['a.json', 'x'.repeat(1001)] }] },
    { ignore: [{ files: 'x'.repeat(1000) }] },
    { ignore: [{ pointer: 'container' }] },
    { ignore: [{ rules: 'x' }] },
    { ignore: [{ other: 1 }] },
    { extra: true },
    [],
    'x',
  ];
  for (const s of samples) {
    const ok = validate(s) as boolean;
    const { problems } = readConfig(s);
    assert.equal(problems.length === 0, ok, `${JSON.stringify(s)}: ajv ${ok}, readConfig ${JSON.stringify(problems)}`);
  }
  assert.equal(CONFIG_FILE, CONFIG_FILE_NAME);
  assert.equal(FIX_ALL_KIND, SERVER_FIX_ALL_KIND);
});
