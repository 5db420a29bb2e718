import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, lint } from '../helpers/rule-tester';

function findings(text: string, kind: 'dragent' | 'marathon-app' = 'dragent') {
  const { doc, findings } = lint(text, kind);
  return findings.map((f) => describe(doc, f)).map((d) => `${d.ruleId}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
}

test('a broken YAML file still gets every finding that can be made', () => {
  const got = findings('mesos_state_uri: https://m:5050\nmarathon_uris:\n  - http://a:8080\n  - http://b:8080\nbad: [unclosed\ncustomerid: YOUR-KEY-HERE\n');
  assert.ok(got.includes('https-unsupported@1:18-1:23'), got.join(' '));
  assert.ok(got.includes('multiple-marathon-uris@4:5-4:18'), got.join(' '));
  assert.ok(got.includes('placeholder@6:13-6:26'), got.join(' '));
  assert.ok(got.some((g) => g.startsWith('syntax@')), got.join(' '));
});

test('tab indentation is a syntax error and the rest is still checked', () => {
  const got = findings('mesos_state_uri: https://m:5050\n\tfoo: 1\nmarathon_uris:\n  - http://a:8080\n  - http://b:8080\n');
  assert.ok(got.includes('syntax@2:1-2:2'), got.join(' '));
  assert.ok(got.includes('https-unsupported@1:18-1:23'), got.join(' '));
  assert.ok(got.includes('multiple-marathon-uris@5:5-5:18'), got.join(' '));
});

test('BOM, CRLF and comments do not shift positions', () => {
  const got = findings('\ufeff# c\r\nmesos_state_uri: https://m:5050 # x\r\n');
  // the BOM is one UTF-16 unit on line 1 only; line 2 columns are unaffected
  assert.deepEqual(got, ['https-unsupported@2:18-2:23']);
});

test('anchors and aliases: the finding points at the anchored value', () => {
  const got = findings('defaults: &m https://m:5050\nmesos_state_uri: *m\n');
  assert.ok(got.includes('https-unsupported@1:14-1:19'), got.join(' '));
});

test('flow mappings at the top level', () => {
  const got = findings('{mesos_state_uri: "https://m:5050", marathon_uris: [http://a:8080, http://b:8080]}\n');
  assert.ok(got.includes('https-unsupported@1:20-1:25'), got.join(' '));
  assert.ok(got.includes('multiple-marathon-uris@1:68-1:81'), got.join(' '));
});

test('non-BMP characters before a finding count as two UTF-16 units, like LSP', () => {
  const got = findings('tags: "😀"\nmesos_state_uri: https://m:5050\ncollector: 😀 YOUR-KEY-HERE\n');
  assert.ok(got.includes('placeholder@3:15-3:28'), got.join(' '));
});

test('empty documents and comment-only files give nothing', () => {
  for (const t of ['', '\n', '# only\n# comments\n', '---\n', '\ufeff']) assert.deepEqual(findings(t), [], JSON.stringify(t));
});

test('comments are found everywhere the YAML lexer sees them, never inside scalars', async () => {
  const { parseYaml } = await import('../../server/src/service/documents/yaml-document');
  const t = '# a\nx: 1 # b\nl:\n  # c\n  - 1 # d\n  - {a: 1, # e\n     b: 2} # f\ns: |\n  # not a comment\n# g\nq: "# no" # h\n? k # i\n: v\n--- # j\n';
  const d = parseYaml(t);
  assert.deepEqual(d.comments.map((c) => t.slice(c.start, c.end)), ['# a', '# b', '# c', '# d', '# e', '# f', '# g', '# h', '# i', '# j']);
});

test('pathological inputs: deep nesting, alias floods and long words finish quickly without throwing', () => {
  const cases: [string, 'dragent' | 'marathon-app'][] = [
    ['['.repeat(10_000), 'dragent'],
    ['['.repeat(10_000), 'marathon-app'],
    ['a: ' + '['.repeat(2_000) + ']'.repeat(2_000), 'dragent'],
    ['{"a":' + '['.repeat(3_000) + ']'.repeat(3_000) + '}', 'marathon-app'],
    ['a:\n' + Array.from({ length: 3_000 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n'), 'dragent'],
    ['a:\n' + Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n'), 'dragent'],
    ['a: ' + '['.repeat(250) + ']'.repeat(250), 'dragent'],
    ['{"a":' + '['.repeat(250) + ']'.repeat(250) + '}', 'marathon-app'],
    ['a: &a [1]\nb: [' + Array(50_000).fill('*a').join(',') + ']\n', 'dragent'],
    ['customerid: ' + 'x'.repeat(200_000) + '-your-key-here-x\n', 'dragent'],
  ];
  for (const [text, kind] of cases) {
    const t0 = Date.now();
    const { findings } = lint(text, kind);
    assert.ok(Date.now() - t0 < 5_000, `${kind} ${text.length} chars took ${Date.now() - t0} ms`);
    for (const f of findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end);
  }
  const deep = lint('['.repeat(10_000), 'dragent').findings;
  assert.ok(deep.some((f) => f.ruleId === 'syntax' && /nested more than 256 levels/.test(f.message)), JSON.stringify(deep));
});
