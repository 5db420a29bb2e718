import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeLine, safeLines, safeText } from '../../server/src/service/safe-text';

// Issue 10 §6: the one function every outside string goes through before it reaches text output.

test('safeText: every control character becomes a visible escape; safeLine: no line starts with "::"', () => {
  assert.equal(safeText('a\nb\rc\td'), 'a\\nb\\rc\\td');
  assert.equal(safeText('\u0000\u001b[31m\u007f\u0085\u009b\u00a0é'), '\\x00\\x1b[31m\\x7f\\x85\\x9b\u00a0é');
  assert.equal(safeText('x\u2028y\u2029z\u202eq\u2066'), 'x\\u2028y\\u2029z\\u202eq\\u2066');
  assert.equal(safeText('C:\\Users\\dragent.yaml — 日本'), 'C:\\Users\\dragent.yaml — 日本');
  assert.equal(safeLine('::error ::x'), '\\x3a:error ::x');
  assert.equal(safeLine('  \u00a0::error ::x'), '  \u00a0\\x3a:error ::x');
  assert.equal(safeLine('\n::error ::x'), '\\n::error ::x');
  assert.equal(safeLine('a ::b'), 'a ::b');
  assert.equal(safeLines('{\n  "x": "\u001b"\n}\n::set-output'), '{\n  "x": "\\x1b"\n}\n\\x3a:set-output');
});
