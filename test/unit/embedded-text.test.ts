// The offset map of an embedded ADDITIONAL_CONF: JSON escapes and echo -e escapes map as units, and any edit of the
// embedded text, mapped back, leaves a valid JSON string whose value echo writes as the edited text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService } from '../../server/src/service/index';
import { additionalConfs } from '../../server/src/service/embedded/additional-conf';
import { applyEdits } from '../helpers/edits';
import { written } from '../helpers/echo';

const svc = createLanguageService();
const app = (source: string) => `{"id": "sysdig-agent", "env": {"ADDITIONAL_CONF": "${source}"}, "container": {"docker": {"image": "sysdig/agent"}}}`;
const conf = (source: string) => {
  const text = app(source);
  const [c] = additionalConfs(svc.parse(text, 'marathon-app'));
  return { text, c };
};

test('each escape is one unit: a span inside one covers it whole', () => {
  // source units: `a`, `\"`, `\u00e9`, `\\n` (echo newline), `\\\\` (echo backslash), `b`
  const { text, c } = conf('a\\"\\u00e9\\\\n\\\\\\\\b');
  assert.equal(c.map.text, 'a"é\n\\b\n');
  const slice = (s: number, e: number) => {
    const d = c.map.toDocSpan(s, e);
    return text.slice(d.start, d.end);
  };
  assert.equal(slice(1, 2), '\\"');
  assert.equal(slice(2, 3), '\\u00e9');
  assert.equal(slice(3, 4), '\\\\n');
  assert.equal(slice(4, 5), '\\\\\\\\');
  assert.equal(slice(1, 5), '\\"\\u00e9\\\\n\\\\\\\\');
  // echo's final newline is written by no source character: the closing quote
  assert.deepEqual(c.map.toDocSpan(6, 7), { start: text.lastIndexOf('"}, "container"'), end: text.lastIndexOf('"}, "container"') });
  // inside an escape, the embedded offset is the escape's
  const u = text.indexOf('\\u00e9');
  for (let o = u; o < u + 6; o++) assert.equal(c.map.toEmbedded(o), 2);
  assert.equal(c.map.toEmbedded(u + 6), 3);
});

test('a cut by \\c: the text ends there, an edit at its end goes before the \\c', () => {
  const { text, c } = conf('a: 1\\\\cb: 2');
  assert.equal(c.map.text, 'a: 1');
  const { range } = c.map.mapEdit(4, 4, 'x');
  assert.equal(range.start, text.indexOf('\\\\c'));
});

test('an edit right after an open escape rewrites it: \\x4 then 1 is not \\x41', () => {
  const { text, c } = conf('k: \\\\x4');
  assert.equal(c.map.text, 'k: \x04\n');
  const m = c.map.mapEdit(4, 4, '1');
  const fixed = applyEdits(text, [{ start: m.range.start, end: m.range.end, newText: c.map.encode(m.range.before + m.text + m.range.after) }]);
  assert.equal(written(JSON.parse(fixed).env.ADDITIONAL_CONF), 'k: \x041\n');
});

const piece = fc.oneof(
  fc.constantFrom('a', 'k', ':', ' ', '{', '"', 'é', '’', '0', '4', 'n', 'x', '\t'),
  fc.constantFrom('\n', '\\n', '\\t', '\\\\', '\\x4', '\\x41', '\\xc3\\xa9', '\\0', '\\u00e', '\\U1F600', '\\q', '\\e'),
);
/** a value as JSON string source: `"` and `\` escaped, some characters as \uXXXX */
const toSource = (value: string, mask: number[]) =>
  [...value].map((ch, i) => (ch === '"' ? '\\"' : ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : mask[i % mask.length] ? [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : ch)).join('');

test('any edit of the embedded text maps to an edit whose value echo writes as the edited text (property)', () => {
  const arb = fc.record({
    value: fc.array(piece, { minLength: 1, maxLength: 14 }).map((p) => p.join('')),
    mask: fc.array(fc.constantFrom(0, 0, 1), { minLength: 1, maxLength: 5 }),
    at: fc.nat(),
    len: fc.nat({ max: 4 }),
    insert: fc.array(fc.constantFrom('x', '1', 'f', '\\', '\n', '"', 'é', '\0', 'n', 'c', '’'), { maxLength: 4 }).map((p) => p.join('')),
    trailingNewline: fc.boolean(),
  });
  let checked = 0;
  fc.assert(
    fc.property(arb, ({ value, mask, at, len, insert, trailingNewline }) => {
      if (value.startsWith('-')) return;
      const { text, c } = conf(toSource(value, mask));
      if (!c) return;
      assert.equal(c.map.text, written(value));
      const a = at % (c.map.text.length + 1);
      const b = Math.min(c.map.text.length, a + len);
      const x = insert + (trailingNewline ? '\n' : '');
      const m = c.map.mapEdit(a, b, x);
      const fixed = applyEdits(text, [{ start: m.range.start, end: m.range.end, newText: c.map.encode(m.range.before + m.text + m.range.after) }]);
      const want = c.map.text.slice(0, a) + x + c.map.text.slice(b);
      const got = written(JSON.parse(fixed).env.ADDITIONAL_CONF);
      const endsCut = !c.map.text.endsWith('\n') || c.map.text.length === c.map.contentLength;
      if (endsCut) assert.equal(got?.startsWith(want) ? want : got, want, `${JSON.stringify(value)} [${a},${b}) ${JSON.stringify(x)}`);
      else assert.equal(got, want.endsWith('\n') ? want : want + '\n', `${JSON.stringify(value)} [${a},${b}) ${JSON.stringify(x)} → ${fixed}`);
      checked++;
    }),
    { numRuns: 2000, seed: 7 },
  );
  assert.ok(checked > 1500);
});
