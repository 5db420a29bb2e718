// The effective dragent.yaml's layout (service/embedded/effective-format.ts): each run of lines under a comment line
// naming its origin, readable in WIDTH columns (the view opens beside the app, half a window), and still the YAML the
// agent reads: dropping the added comment lines gives back the written file, and both parse to the same value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { createLanguageService } from '../../server/src/service/index';
import { ORIGIN_MARK, WIDTH } from '../../server/src/service/embedded/effective-format';
import { agentApp, readCorpus } from '../corpus/marathon-fixtures';

const service = createLanguageService();
const LAST = 'COLLECTOR=collector.example.com" }';
const withParams = (...values: string[]) => agentApp(LAST, [LAST, ...values.map((v) => `{ "key": "env", "value": ${JSON.stringify(v)} }`)].join(',\n        '));
function effective(text: string, settings?: Parameters<typeof service.effective>[1]) {
  const r = service.effective(service.parse(text, 'marathon-app'), settings);
  assert.ok(r, 'an agent app');
  return r;
}
/** an origin comment line or its continuation (none of the fixtures' own lines starts so) */
const added = (l: string) => l.startsWith(ORIGIN_MARK) || l.startsWith('#    ');
/** the body: the lines above the notes (which follow the first empty line the file itself does not have) */
const bodyOf = (yaml: string, fileLines: number) => {
  const all = yaml.split('\n');
  let kept = 0;
  let i = 0;
  for (; i < all.length && kept < fileLines; i++) if (!added(all[i])) kept++;
  return all.slice(0, i);
};

/** what the layout promises of any app: the file's lines in order once the origin comments are dropped, the same YAML, added lines ≤ WIDTH */
function assertLayout(r: ReturnType<typeof effective>) {
  const file = r.config.lines.map((l) => l.text);
  const body = bodyOf(r.yaml, file.length);
  assert.deepEqual(body.filter((l) => !added(l)), file, 'the written lines, in order');
  // the mask `***` reads as a YAML alias: a stand-in scalar in both (the agent sees the real value)
  const unmask = (t: string) => t.replace(/\*\*\*/g, 'MASKED');
  const plain = parseDocument(unmask(file.join('\n') + '\n'), { uniqueKeys: false });
  const shown = parseDocument(unmask(r.yaml), { uniqueKeys: false });
  assert.deepEqual(shown.toJS(), plain.toJS(), 'the same YAML');
  assert.equal(shown.errors.length, plain.errors.length);
  for (const l of r.yaml.split('\n')) if (l.startsWith('#') && !file.includes(l)) assert.ok(l.length <= WIDTH, `${l.length} columns: ${l}`);
}

test("Sysdig's published app: one origin comment above each run, ADDITIONAL_CONF's three lines under one", () => {
  const r = effective(readCorpus('marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'));
  assert.deepEqual(r.yaml.split('\n').slice(0, 9), [
    '# ── ACCESS_KEY (docker parameter)',
    'customerid: ***',
    '# ── COLLECTOR (docker parameter)',
    'collector: COLLECTOR-ADDRESS-HERE',
    '# ── ADDITIONAL_CONF, lines 1–3',
    'security: {enabled: true}',
    'commandlines_capture: {enabled: true}',
    'memdump: {enabled: true}',
    '',
  ]);
  assert.match(r.yaml, /^# - What `docker\/docker-entrypoint\.sh` of\n# {3}the sysdig\/agent image, public in\n# {3}github\.com\/zjuzzb\/agent-libs, writes to$/m);
  assertLayout(r);
});

test('an ignored duplicate says so on a line of its own, naming the origin the agent reads (no line numbers)', () => {
  const conf = String.raw`a: 1\ncollector: other.example.com\ntags: |\n  x\n  y\ntags: z\n# a comment of the file\nb: 2`;
  const r = effective(withParams(`ADDITIONAL_CONF=${conf}`, 'RUN_MODE=nodriver'));
  assert.deepEqual(r.yaml.split('\n').slice(4, 24), [
    '# ── ADDITIONAL_CONF, line 1',
    'a: 1',
    '# ── ADDITIONAL_CONF, line 2',
    "# ── ignored: the agent reads COLLECTOR's",
    'collector: other.example.com',
    '# ── ADDITIONAL_CONF, lines 3–5',
    'tags: |',
    '  x',
    '  y',
    '# ── ADDITIONAL_CONF, line 6',
    '# ── ignored: the agent reads',
    "#    ADDITIONAL_CONF line 3's",
    'tags: z',
    '# ── ADDITIONAL_CONF, lines 7–8',
    '# a comment of the file',
    'b: 2',
    '# ── RUN_MODE (docker parameter)',
    'run_mode: nodriver',
    '',
    '# - What `docker/docker-entrypoint.sh` of',
  ]);
  assert.doesNotMatch(r.yaml, /on line \d/);
  assertLayout(r);
});

test("RUN_MODE's sed over an ADDITIONAL_CONF line: its own comment says what it replaced; the block scalar is not cut", () => {
  const r = effective(withParams(String.raw`ADDITIONAL_CONF=run_mode: simple\nmsg: |\n  one\n\n  two`, 'RUN_MODE=nodriver'));
  const lines = r.yaml.split('\n');
  const at = lines.indexOf('run_mode: nodriver');
  assert.deepEqual(lines.slice(at - 2, at + 6), ['# ── RUN_MODE (docker parameter)', '#    over ADDITIONAL_CONF line 1', 'run_mode: nodriver', '# ── ADDITIONAL_CONF, lines 2–5', 'msg: |', '  one', '', '  two']);
  assertLayout(r);
});

test('long origins wrap at WIDTH columns: filled at deploy from a setting; an agent-node value', () => {
  const text = withParams('ACCESS_KEY=', 'TAGS').replace('COLLECTOR=collector.example.com', 'COLLECTOR=COLLECTOR-ADDRESS-HERE');
  const r = effective(text, { deployFills: { door: 'editor', accessKey: true, collector: true, variables: [] } });
  assert.match(r.yaml, /^# ── COLLECTOR, filled at deploy from\n# {4}the sysdig-mesos\.deploy\.collector\n# {4}setting\ncollector: <filled at deploy>$/m);
  assert.match(r.yaml, /^# ── TAGS \(docker parameter,\n# {4}the agent node's value\)\ntags: <from the agent node>$/m);
  assertLayout(r);
});

test('a written file that is not valid YAML: the note counts the written file\'s lines and names that line\'s origin', () => {
  const r = effective(withParams(String.raw`ADDITIONAL_CONF=a: 1\nb: [`));
  assert.match(r.config.notes.join('\n'), /not valid YAML \(line \d of the written file, from ADDITIONAL_CONF line \d\): the agent stops at start-up, logging "Unable to load configuration file"/);
  assertLayout(r);
});

test('no variable set: a comment says the entrypoint writes nothing', () => {
  const r = effective(agentApp(LAST, `${LAST}`).replace(/\{ "key": "env", "value": "[A-Z_]+=[^"]*" \},?\s*/g, ''));
  assert.equal(r.config.lines.length, 0);
  assert.match(r.yaml, /^\n# - \(the entrypoint writes nothing/);
});
