import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_APP_SNIPPET, createLanguageService, MESOS_BLOCK_SNIPPET, type CompletionEntry, type DocKind } from '../../server/src/service/index';
import { projectRoot } from '../helpers/paths';
import { cursor } from './fixtures';

const svc = createLanguageService();

function complete(marked: string, kind: DocKind): { items: CompletionEntry[]; text: string; offset: number } {
  const { text, offset } = cursor(marked);
  return { items: svc.complete(svc.parse(text, kind), offset), text, offset };
}
const labels = (items: CompletionEntry[]) => items.map((i) => i.label);
/** the text after accepting an item (snippet tab stops filled by `fill`, else left empty) */
function accept(text: string, item: CompletionEntry, fill: (n: number) => string = () => ''): string {
  const insert = item.snippet
    ? item.insertText.replace(/\$\{(\d+)(?::([^}]*))?\}|\$(\d+)/g, (_m, a: string | undefined, dflt: string | undefined, b: string | undefined) => fill(Number(a ?? b)) || dflt || '').replace(/\\([$}\\])/g, '$1')
    : item.insertText;
  return text.slice(0, item.start) + insert + text.slice(item.end);
}

test('YAML: `mara` at the top level offers marathon_uris, replacing the typed word, with its description', () => {
  const { items, text } = complete('customerid: abc\nmara|\n', 'dragent');
  const m = items.find((i) => i.label === 'marathon_uris');
  assert.ok(m, labels(items).slice(0, 20).join());
  assert.equal(m.kind, 'property');
  assert.match(m.documentation ?? '', /Marathon base URLs/);
  assert.equal(accept(text, m), 'customerid: abc\nmarathon_uris:\n  - \n');
  assert.ok(!items.some((i) => i.label === 'customerid'), 'keys already present are not offered');
});

test('YAML: keys by indentation on an empty line, inside a nested mapping, without those present', () => {
  const nested = complete('log:\n  file_priority: info\n  |\ncustomerid: x\n', 'dragent');
  assert.ok(labels(nested.items).includes('console_priority'));
  assert.ok(!labels(nested.items).includes('file_priority'));
  assert.ok(!labels(nested.items).includes('customerid'), 'top-level keys are not offered one level down');
  const cp = nested.items.find((i) => i.label === 'console_priority')!;
  assert.equal(accept(nested.text, cp), 'log:\n  file_priority: info\n  console_priority: \ncustomerid: x\n');
  // later siblings count as present too
  const before = complete('log:\n  |\n  file_priority: info\n', 'dragent');
  assert.ok(!labels(before.items).includes('file_priority'));
  // top level on an empty document and after a nested block
  const top = complete('log:\n  file_priority: info\n|', 'dragent');
  assert.ok(labels(top.items).includes('customerid'));
  assert.ok(!labels(top.items).includes('log'));
  assert.ok(!labels(top.items).includes('console_priority'));
});

test('YAML: keys inside a list item mapping and in a flow mapping', () => {
  const item = complete('app_checks:\n  - name: redis\n    |\n', 'dragent');
  assert.ok(labels(item.items).includes('check_module'), labels(item.items).join());
  assert.ok(!labels(item.items).includes('name'));
  const newItem = complete('app_checks:\n  - name: redis\n  - |\n', 'dragent');
  assert.ok(labels(newItem.items).includes('name'), labels(newItem.items).join());
  const flow = complete('log: {file_priority: info, con|}\n', 'dragent');
  const cp = flow.items.find((i) => i.label === 'console_priority')!;
  assert.ok(cp);
  assert.ok(!labels(flow.items).includes('file_priority'));
  assert.equal(accept(flow.text, cp), 'log: {file_priority: info, console_priority: }\n');
});

test('YAML values: booleans, enums and defaults (known ports)', () => {
  const b = complete('app_checks_enabled: |\n', 'dragent');
  assert.deepEqual(labels(b.items), ['true', 'false']);
  assert.equal(b.items[0].kind, 'value');
  assert.match(b.items[0].documentation ?? '', /app-check/);
  const port = complete('collector_port: |\n', 'dragent');
  assert.deepEqual(labels(port.items), ['6443']);
  assert.equal(port.items[0].detail, 'default');
  const noSpace = complete('collector_port:|\n', 'dragent');
  assert.equal(accept(noSpace.text, noSpace.items[0]), 'collector_port: 6443\n');
  const lvl = complete('log:\n  file_priority: |\n', 'dragent');
  // every level, not only the default (issue 11 §5; the full list is checked below)
  assert.equal(lvl.items.find((i) => i.label === 'info')?.detail, 'log level');
  assert.equal(lvl.items.length, 11);
});

test('JSON: keys inside objects, quoted, without those present; values from enums and booleans', () => {
  const k = complete('{\n  "id": "x",\n  "inst|"\n}', 'marathon-app');
  const inst = k.items.find((i) => i.label === 'instances')!;
  assert.ok(inst);
  assert.ok(!labels(k.items).includes('id'));
  assert.equal(inst.snippet, true);
  assert.equal(accept(k.text, inst, () => '3'), '{\n  "id": "x",\n  "instances": 3\n}');
  assert.match(inst.documentation ?? '', /How many tasks/);
  const nested = complete('{"id": "x", "container": {"docker": {|}}}', 'marathon-app');
  assert.ok(labels(nested.items).includes('image'));
  assert.ok(labels(nested.items).includes('privileged'));
  const withColon = complete('{"id": "x", "c|": 1}', 'marathon-app');
  const cpus = withColon.items.find((i) => i.label === 'cpus')!;
  assert.equal(accept(withColon.text, cpus), '{"id": "x", "cpus": 1}');
  const net = complete('{"id": "x", "container": {"docker": {"network": "|"}}}', 'marathon-app');
  assert.deepEqual(labels(net.items), ['BRIDGE', 'HOST', 'NONE', 'USER']);
  assert.equal(accept(net.text, net.items[1]), '{"id": "x", "container": {"docker": {"network": "HOST"}}}');
  const priv = complete('{"id": "x", "container": {"docker": {"privileged": |}}}', 'marathon-app');
  assert.deepEqual(labels(priv.items), ['true', 'false']);
});

test('empty sysdig.json: the guide\'s agent app as a snippet; tab stops on what the user supplies, no placeholder left', () => {
  for (const empty of ['|', '{|}', '\n|\n']) {
    const { items, text } = complete(empty, 'marathon-app');
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, 'snippet');
    assert.equal(items[0].insertText, AGENT_APP_SNIPPET);
    assert.deepEqual([items[0].start, items[0].end], [0, text.length]);
  }
  const { items, text } = complete('|', 'marathon-app');
  // every value the user must supply is a tab stop (instances, ACCESS_KEY, COLLECTOR)
  assert.match(AGENT_APP_SNIPPET, /"instances": \$\{2\}/);
  assert.match(AGENT_APP_SNIPPET, /ACCESS_KEY=\$\{3\}/);
  assert.match(AGENT_APP_SNIPPET, /COLLECTOR=\$\{4\}/);
  const filled = accept(text, items[0], (n) => ({ 1: '', 2: '3', 3: '3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c', 4: 'collector.example.com' })[n] ?? '');
  // filled in: the app the guide recommends, with no finding at all (the same as examples/fixed/sysdig.json says nothing)
  assert.deepEqual(svc.check(filled, 'marathon-app').findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  const fixed = JSON.parse(readFileSync(join(projectRoot(), 'examples', 'fixed', 'sysdig.json'), 'utf8'));
  assert.deepEqual(JSON.parse(filled).container, fixed.container);
  // left empty: no literal placeholder text anywhere
  const bare = accept(text, items[0]);
  assert.deepEqual(svc.check(bare, 'marathon-app').findings.filter((f) => f.ruleId === 'placeholder'), []);
  assert.doesNotMatch(bare, /YOUR|HERE|<|>/);
});

test('dragent.yaml: the Mesos/Marathon block snippet at the top level, with tab stops, only while neither key exists', () => {
  const { items, text } = complete('customerid: abc\n|', 'dragent');
  const s = items.find((i) => i.kind === 'snippet')!;
  assert.ok(s);
  assert.equal(s.insertText, MESOS_BLOCK_SNIPPET);
  const filled = accept(text, s, (n) => (n === 1 ? 'mesos-master' : 'marathon'));
  assert.equal(filled, 'customerid: abc\nmesos_state_uri: http://mesos-master:5050\nmarathon_uris:\n  - http://marathon:8080\n');
  assert.deepEqual(svc.check(filled, 'dragent').findings.filter((f) => f.severity === 'error' || f.ruleId.includes('uri')), []);
  assert.ok(!complete('marathon_uris: [http://m:8080]\n|', 'dragent').items.some((i) => i.kind === 'snippet'));
  assert.ok(!complete('log:\n  |', 'dragent').items.some((i) => i.kind === 'snippet'));
});

test('completion never throws and offers nothing inside comments, block scalars and unknown maps', () => {
  assert.deepEqual(complete('# cust|\n', 'dragent').items, []);
  assert.deepEqual(complete('tags: >\n  a\n  b|\n', 'dragent').items, []);
  assert.deepEqual(complete('customerid: x\n---\n|', 'dragent').items, [], 'the agent never reads a second document');
  for (const t of ['{', '[|', '{"a": [1, {|', ':|', '- - |', '"|', '{"id": |']) {
    for (const kind of ['dragent', 'marathon-app'] as const) {
      const marked = t.includes('|') ? t : `${t}|`;
      assert.doesNotThrow(() => complete(marked, kind));
    }
  }
});

// issue 11 §5: completion where an operator needs it
test('YAML: the log priorities are log levels, not booleans, and every level the agent accepts is offered', () => {
  const keys = complete('log:\n  |\n', 'dragent').items;
  for (const k of ['console_priority', 'event_priority', 'file_priority']) {
    const it = keys.find((i) => i.label === k);
    assert.ok(it, k);
    assert.equal(it.detail, 'log level', k);
  }
  const levels = ['emergency', 'alert', 'fatal', 'critical', 'error', 'warning', 'notice', 'info', 'debug', 'trace', 'none'];
  for (const k of ['console_priority', 'event_priority', 'file_priority']) {
    const { items } = complete(`log:\n  ${k}: |\n`, 'dragent');
    assert.deepEqual(labels(items), levels, k);
    assert.ok(!items.some((i) => i.label === 'true' || i.label === 'false'), k);
  }
  // and each one is a level the log-priority rule accepts
  for (const l of levels) assert.deepEqual(svc.lint(`log:\n  file_priority: ${l}\n`, 'dragent').findings.map((f) => f.ruleId), [], l);
});

test("YAML: Ctrl+Space in an empty dragent.yaml puts the guide's keys first, then the Mesos/Marathon block, then the rest", () => {
  const { items } = complete('|', 'dragent');
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
  assert.deepEqual(labels(sorted).slice(0, 6), ['customerid', 'tags', 'collector', 'collector_port', 'ssl', 'Mesos and Marathon']);
  const rest = labels(sorted).slice(6);
  assert.ok(rest.includes('10s_flush_enable') && rest.length > 100, 'every other key still offered');
  assert.deepEqual(rest, [...rest].sort((a, b) => `z_${a}`.localeCompare(`z_${b}`)), 'the rest by name');
  // one level down there is no guide order: by label, as before
  assert.ok(complete('log:\n  |\n', 'dragent').items.every((i) => i.sortText === undefined));
});
