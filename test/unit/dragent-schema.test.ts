import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { buildInstance, getKindSchema, getSchema, knownProperties, propertySchema, refName, validateDocument } from '../../server/src/service/schema';
import { parseYaml as parseModel } from '../../server/src/service/documents/yaml-document';
import { lint } from '../helpers/rule-tester';
import { projectRoot } from '../helpers/paths';


const ROOT = projectRoot();
const SCHEMA_FILE = join(ROOT, 'schemas', 'dragent.schema.json');
const KEYS_FILE = join(ROOT, '..', 'shared', 'docs', 'agent-keys.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

interface KeyEntry {
  key: string;
  type: string | null;
  meaning: string;
}

const BOOL_FORMS = ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF'];

// Annotation keywords the schema uses besides JSON Schema's own (VS Code / yaml-language-server read some).
const VOCABULARY = ['markdownDescription', 'deprecationMessage', 'patternErrorMessage', 'x-expect', 'x-typeName', 'x-forms', 'x-defaultNote', 'x-agentType', 'x-firstSeen', 'x-lastSeen', 'x-replacedBy', 'x-renameFix'];

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  ajv.addVocabulary(VOCABULARY);
  return ajv;
}

test('dragent schema: draft-07, compiles with ajv in strict mode', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.additionalProperties, false);
  const validate = strictAjv().compile(schema);
  assert.equal(typeof validate, 'function');
});

test('dragent schema: the precompiled validator is built from the current schema file', () => {
  const ks = getKindSchema('dragent');
  assert.ok(ks, 'generated validator missing: run npm run build');
  assert.deepEqual(ks.schema, schema);
});

test('dragent schema: every key of agent-keys.json is present, nested by its dots', { skip: !existsSync(KEYS_FILE) && 'shared/docs/agent-keys.json not available' }, () => {
  const keys = (JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { keys: KeyEntry[] }).keys;
  assert.ok(keys.length >= 584);
  const missing = keys.filter((k) => !propertySchema('dragent', k.key.split('.'))).map((k) => k.key);
  assert.deepEqual(missing, []);
});

test('dragent schema: descriptions are our own words, not the inventory texts', { skip: !existsSync(KEYS_FILE) && 'shared/docs/agent-keys.json not available' }, () => {
  const keys = (JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { keys: KeyEntry[] }).keys;
  const copied: string[] = [];
  for (const k of keys) {
    const ps = propertySchema('dragent', k.key.split('.'));
    assert.equal(typeof ps?.description, 'string', k.key);
    assert.equal(typeof ps?.markdownDescription, 'string', k.key);
    const meaning = k.meaning.trim().replace(/\s*\(hidden\)$/, '');
    if (meaning.length >= 25 && String(ps?.description).includes(meaning)) copied.push(k.key);
  }
  assert.deepEqual(copied, []);
});

test('dragent schema: property types follow the inventory', () => {
  const def = (key: string) => refName(propertySchema('dragent', key.split('.')));
  assert.equal(def('mesos_autodetect'), 'bool');
  assert.equal(def('mesos_timeout_ms'), 'int');
  assert.equal(def('collector_port'), 'uint16');
  assert.equal(def('statsd.udp_port'), 'uint16');
  assert.equal(def('watchdog.max_memory_usage_mb'), 'uint64');
  assert.equal(def('sysdig capture.transmit rate'), 'float');
  assert.equal(def('marathon_uris'), 'stringList');
  assert.equal(def('marathon_skip_labels'), 'stringList');
  assert.equal(def('app_checks'), 'appCheckList');
  assert.equal(def('known_ports'), 'portList');
  assert.equal(def('metrics_filter'), 'filterList');
  assert.equal(def('10s_flush_enable'), 'bool');
  assert.deepEqual(propertySchema('dragent', ['mesos_timeout_ms'])?.default, 10000);
  assert.deepEqual(propertySchema('dragent', ['marathon_skip_labels'])?.default, ['DCOS_PACKAGE_METADATA', 'DCOS_PACKAGE_COMMAND']);
  assert.equal(propertySchema('dragent', ['collector'])?.default, 'collector.sysdigcloud.com');
});

test('dragent schema: levels built from dotted keys are closed, free-form maps open', () => {
  assert.equal(knownProperties('dragent', [])?.closed, true);
  for (const p of [['log'], ['statsd'], ['security'], ['memdump', 'autodisable'], ['sysdig capture'], ['ssl']]) assert.equal(knownProperties('dragent', p)?.closed, true, p.join('.'));
  for (const p of [['jmx'], ['events'], ['app_checks', 0], ['app_checks', 0, 'conf'], ['watchdog', 'max_memory_usage_subprocesses']]) assert.equal(knownProperties('dragent', p)?.closed, false, p.join('.'));
  assert.ok(knownProperties('dragent', ['log'])?.names.includes('file_priority'));
});

test('dragent schema: deprecated keys name an existing replacement', () => {
  const deprecated: Record<string, string | undefined> = {
    marathon_apps_uri: 'marathon_uris',
    marathon_groups_uri: 'marathon_uris',
    marathon_ports: undefined,
    dcos_uid: 'dcos_user',
    k8s_timeout_ms: 'k8s_timeout_s',
    ssh_enabled: undefined,
    'server.address': 'collector',
    'server.port': 'collector_port',
    'ssl.enabled': 'ssl',
    'ssl.ca_certificate': 'ca_certificate',
    protocols_enabled: 'protocols',
    remotefs_enabled: 'remotefs',
  };
  for (const [key, repl] of Object.entries(deprecated)) {
    const ps = propertySchema('dragent', key.split('.'));
    assert.equal(typeof ps?.deprecationMessage, 'string', key);
    assert.equal(ps?.['x-replacedBy'], repl, key);
    if (repl) {
      assert.ok(propertySchema('dragent', repl.split('.')), `${key} → ${repl} exists`);
      assert.ok(String(ps?.deprecationMessage).includes(`\`${repl}\``), key);
    }
  }
  assert.equal(propertySchema('dragent', ['mesos_state_uri'])?.deprecationMessage, undefined);
});

test('dragent schema: yaml-cpp booleans, plain and quoted, in ajv and in the service', () => {
  const validate = strictAjv().compile(schema);
  for (const form of BOOL_FORMS) {
    assert.ok(validate({ mesos_autodetect: form }), `${form}: ${JSON.stringify(validate.errors)}`);
    for (const text of [`mesos_autodetect: ${form}\n`, `mesos_autodetect: "${form}"\n`, `ssl: '${form}'\n`]) {
      const { findings } = lint(text, 'dragent');
      assert.deepEqual(findings, [], text);
    }
  }
  assert.ok(validate({ mesos_autodetect: true }));
  for (const bad of ['maybe', 'tRUE', 'yEs', 'Y ', '1', 'enabled']) assert.ok(!validate({ mesos_autodetect: bad }), bad);
  // YAML 1.2 (VS Code, our model) reads these as strings; a YAML 1.1 reader as booleans: both validate
  for (const text of ['mesos_autodetect: yes\n', 'mesos_autodetect: Off\n']) {
    assert.ok(validate(parseYaml(text)), text);
    assert.ok(validate(parseYaml(text, { version: '1.1' })), `${text} (YAML 1.1)`);
  }
});

test('dragent schema: numbers as yaml-cpp converts them', () => {
  const validate = strictAjv().compile(schema);
  const ok = (v: unknown, key = 'mesos_timeout_ms') => validate({ [key]: v });
  assert.ok(ok(10000));
  assert.ok(ok('10000'));
  assert.ok(ok(' 10000') === false, 'leading blank is not converted by yaml-cpp');
  assert.ok(ok('0x10'));
  assert.ok(!ok('10s'));
  assert.ok(!ok(1.5));
  assert.ok(!ok(2 ** 31));
  assert.ok(ok(65535, 'collector_port'));
  assert.ok(ok('65535', 'collector_port'));
  assert.ok(!ok(65536, 'collector_port'));
  assert.ok(!ok('65536', 'collector_port'));
  assert.ok(!ok(-1, 'collector_port'));
  assert.ok(validate({ json_parse_errors: { events_rate: '0.5' } }));
  assert.ok(validate({ json_parse_errors: { events_rate: '.inf' } }));
  assert.ok(!validate({ json_parse_errors: { events_rate: 'fast' } }));
  // any scalar is a string; lists accept null (an empty `app_checks:`)
  assert.ok(validate({ tags: 12345, customerid: true, app_checks: null, marathon_uris: null }));
  assert.ok(!validate({ marathon_uris: 'http://m:8080' }));
  assert.ok(validate({ marathon_uris: ['http://m:8080'] }));
});

test('dragent schema: the agent defaults files validate without problems', () => {
  const dir = join(ROOT, '..', 'shared', 'corpus', 'dragent');
  if (!existsSync(dir)) return;
  for (const f of ['zjuzzb__agent-libs__userspace__dragent__dragent.default@2015-12-07.yaml', 'zjuzzb__agent-libs__userspace__dragent__dragent.default@2016-09-22.yaml', 'zjuzzb__agent-libs__userspace__dragent__src__dragent.default@2021-10-26.yaml']) {
    const doc = parseModel(readFileSync(join(dir, f), 'utf8'));
    assert.deepEqual(validateDocument(doc).map((p) => p.message), [], f);
  }
});

test('schema module: a kind without schema file is skipped, not an error', () => {
  assert.ok(getSchema('dragent'));
  // whatever the state of the Marathon schema, asking for it never throws
  assert.doesNotThrow(() => getSchema('marathon-app'));
});

test('schema module: an alias bomb is validated within the budget', () => {
  let text = 'a0: &a0 [x, y, z, w, v, u, t, s, r, q]\n';
  for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  text += 'statsd: {limit: *a11}\nloop: &l [*l]\n';
  const doc = parseModel(text);
  const start = performance.now();
  const instance = buildInstance(doc.root);
  const problems = validateDocument(doc);
  assert.ok(performance.now() - start < 2000, 'bounded');
  assert.ok(instance.unresolved.size > 0);
  assert.deepEqual(
    problems.map((p) => p.message.replace(/:.*/, '')),
    ['statsd.limit must be an integer, got a list'],
  );
});

test('dragent schema: yaml-language-server (VS Code YAML) reads it the same way', async () => {
  // loaded at run time from node_modules (not bundled into the test)
  const req = createRequire(join(ROOT, 'package.json'));
  const { getLanguageService } = req('yaml-language-server/lib/umd/languageservice/yamlLanguageService.js');
  const { TextDocument } = req('vscode-languageserver-textdocument');
  const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema), workspaceContext: { resolveRelativePath: (p: string) => p } });
  ls.configure({ validate: true, schemas: [{ uri: 'file:///dragent.schema.json', fileMatch: ['*.yaml'] }] });
  const check = async (n: number, text: string): Promise<string[]> => {
    const diags = await ls.doValidation(TextDocument.create(`file:///case${n}/dragent.yaml`, 'yaml', 1, text), false);
    return diags.map((d: { range: { start: { line: number } }; message: string }) => `${d.range.start.line + 1}: ${d.message}`).sort();
  };
  assert.deepEqual(await check(1, 'mesos_autodetect: yes\nssl: Off\nmesos_timeout_ms: "10000"\nsysdig capture:\n  max outstanding: 2\n10s_flush_enable: y\napp_checks:\nmarathon_uris:\n  - http://m:8080\n'), []);
  assert.deepEqual(await check(2, 'mesos_autodetect: maybe\nstatsd:\n  udp_port: 70000\nnmemdump: {}\n'), [
    '1: Not a boolean for the agent: use true/false, yes/no, on/off or y/n.',
    '3: Value is above the maximum of 65535.',
    '4: Property nmemdump is not allowed.',
  ]);
});
