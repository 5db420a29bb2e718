import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, ruleTester } from '../helpers/rule-tester';

ruleTester('syntax', 'dragent', {
  valid: ['customerid: abc\n', '', '# only a comment\n', 'a: [1, 2]\r\nb: {c: d}\r\n', '\ufeffcollector: x\n'],
  invalid: [
    { text: 'a:\n\tb: 1\n', findings: [{ line: 2, column: 1, severity: 'error', message: 'Tabs' }] },
    { text: 'tags: "unterminated\n', findings: [{ line: 1, column: 19, message: 'quote' }] },
  ],
});

ruleTester('syntax', 'marathon-app', {
  valid: ['{"id": "a", "cmd": "x"}', '\r\n{"id": "a"}\r\n', '\ufeff{"id": "a"}'],
  invalid: [
    { text: '{"id": "a",}', findings: [{ line: 1, column: 11, endColumn: 12, message: 'Trailing comma' }] },
    { text: '{"instances": YOUR-NUMBER-OF-INSTANCES-HERE, "id": "a"}', findings: [{ line: 1, column: 15, endColumn: 44, message: 'YOUR-NUMBER' }] },
    { text: '{\n  // comment\n  "id": "a"\n}', findings: [{ line: 2, column: 3, message: 'Comments' }] },
  ],
});

test('a Jinja template says it is one, on its first syntax error only', () => {
  const { findings } = lint('{% if x %}\ncollector: {{ host }}\n{% endif %}\n', 'dragent');
  const syntax = findings.filter((f) => f.ruleId === 'syntax');
  assert.ok(syntax.length > 1);
  assert.match(syntax[0].message, /looks like a template/);
  assert.ok(syntax.slice(1).every((f) => !/template/.test(f.message)));
});
