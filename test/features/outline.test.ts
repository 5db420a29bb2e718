import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type SymbolEntry } from '../../server/src/service/index';
import { allFiles } from './fixtures';

const svc = createLanguageService();

const YAML = `# Agent settings
# for the Mesos cluster
customerid: abc
log:
  file_priority: info
  console_priority: warning
marathon_uris:
  - http://m:8080
app_checks:
  - name: redis
    pattern:
      comm: redis-server
tags: {a: 1, b: 2}
`;

function names(s: SymbolEntry[]): unknown[] {
  return s.map((x) => (x.children.length ? { [x.name]: names(x.children) } : x.name));
}

test('document symbols: keys with their value kinds, nested, with exact ranges (YAML)', () => {
  const doc = svc.parse(YAML, 'dragent');
  const syms = svc.documentSymbols(doc);
  assert.deepEqual(names(syms), [
    'customerid',
    { log: ['file_priority', 'console_priority'] },
    { marathon_uris: ['[0]'] },
    { app_checks: [{ '[0]': ['name', { pattern: ['comm'] }] }] },
    { tags: ['a', 'b'] },
  ]);
  assert.deepEqual(
    syms.map((s) => [s.kind, s.detail]),
    [
      ['string', 'string'],
      ['object', 'mapping (2 keys)'],
      ['array', 'list (1 item)'],
      ['array', 'list (1 item)'],
      ['object', 'mapping (2 keys)'],
    ],
  );
  assert.equal(YAML.slice(syms[1].selectionRange.start, syms[1].selectionRange.end), 'log');
  assert.ok(YAML.slice(syms[1].range.start, syms[1].range.end).startsWith('log:\n  file_priority: info\n  console_priority: warning'));
});

test('document symbols (JSON)', () => {
  const text = '{"id": "a", "instances": 2, "container": {"docker": {"image": "x", "privileged": true}}}';
  const syms = svc.documentSymbols(svc.parse(text, 'marathon-app'));
  assert.deepEqual(names(syms), ['id', 'instances', { container: [{ docker: ['image', 'privileged'] }] }]);
  assert.deepEqual(syms.map((s) => s.kind), ['string', 'number', 'object']);
  assert.equal(syms[2].children[0].children[1].kind, 'boolean');
});

test('folding: mappings and lists spanning lines from their key line, and comment blocks', () => {
  const f = svc.foldingRanges(svc.parse(YAML, 'dragent'));
  assert.deepEqual(f, [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 3, endLine: 5 },
    { startLine: 6, endLine: 7 },
    { startLine: 8, endLine: 11 },
    { startLine: 9, endLine: 11 },
    { startLine: 10, endLine: 11 },
  ]);
  const json = '{\n  "id": "a",\n  "container": {\n    "docker": {\n      "image": "x"\n    }\n  }\n}\n';
  assert.deepEqual(svc.foldingRanges(svc.parse(json, 'marathon-app')), [
    { startLine: 0, endLine: 6 },
    { startLine: 2, endLine: 5 },
    { startLine: 3, endLine: 4 },
  ]);
});

test('selection ranges: scalar → entry → mapping → parent entry → … → document', () => {
  const doc = svc.parse(YAML, 'dragent');
  const at = YAML.indexOf('redis-server') + 3;
  const [chain] = svc.selectionRanges(doc, [at]);
  const texts = chain.map((s) => YAML.slice(s.start, s.end));
  assert.equal(texts[0], 'redis-server');
  assert.equal(texts[1], 'comm: redis-server');
  assert.equal(texts[2], 'pattern:\n      comm: redis-server');
  assert.ok(texts[3].startsWith('name: redis\n    pattern:'));
  assert.ok(texts.includes(YAML.slice(YAML.indexOf('app_checks:'), YAML.indexOf('\ntags'))));
  assert.equal(texts[texts.length - 1], YAML);
  for (let i = 1; i < chain.length; i++) assert.ok(chain[i].start <= chain[i - 1].start && chain[i - 1].end <= chain[i].end, 'each range contains the previous');
  // on a key
  const [k] = svc.selectionRanges(doc, [YAML.indexOf('console_priority') + 2]);
  assert.equal(YAML.slice(k[0].start, k[0].end), 'console_priority');
  assert.equal(YAML.slice(k[1].start, k[1].end), 'console_priority: warning');
});

test('outline, folding and selection never fail and stay consistent on every example and corpus file', () => {
  for (const f of allFiles()) {
    const doc = svc.parse(f.text, f.kind);
    const walk = (s: SymbolEntry[]) => {
      for (const x of s) {
        assert.ok(x.range.start <= x.range.end && x.range.end <= f.text.length, f.name);
        walk(x.children);
      }
    };
    walk(svc.documentSymbols(doc));
    for (const r of svc.foldingRanges(doc)) assert.ok(r.startLine < r.endLine && r.endLine < doc.lines.lineCount, `${f.name}: ${JSON.stringify(r)}`);
    const offsets = [0, Math.floor(f.text.length / 2), f.text.length];
    const chains = svc.selectionRanges(doc, offsets);
    assert.equal(chains.length, 3);
    for (const c of chains) assert.ok(c.length >= 1);
  }
});
