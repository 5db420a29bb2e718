// The schema check of a Marathon app takes its instance from JSON.parse when the text has no syntax error
// (schema/instance.ts jsonParseInstance) instead of building it from the model (buildInstance). This proves the
// shortcut gives the same value on random edit sequences over the corpus's apps and generated ones — including
// the edits that could tell them apart (duplicate keys, Object.prototype names, escapes, huge numbers, -0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseJson } from '../../server/src/service/documents/json-document';
import { buildInstance, jsonParseInstance } from '../../server/src/service/schema/instance';
import { generateMarathonAppJson } from '../../bench/generate';
import { getKindSchema } from '../../server/src/service/schema/schemas';
import { corpusDir } from '../helpers/paths';

/** the same value: own keys in the same order, numbers by Object.is; prototypes are not compared (the model's objects have none) */
function same(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? undefined : `${path}: ${a} ≠ ${b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? undefined : `${path}: ${String(a)} ≠ ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array and object`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${JSON.stringify(ka)} ≠ ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const apps = ['marathon-apps', 'marathon-sysdig']
  .flatMap((dir) =>
    readdirSync(join(corpusDir(), dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(corpusDir(), dir, f), 'utf8')),
  )
  .concat([generateMarathonAppJson(64).text, generateMarathonAppJson(400).text]);

/** what an edit inserts: typing, and the pieces that could make JSON.parse and the model differ */
const pieces = fc.constantFrom(
  'a', '1', ' ', ',', ':', '"', '{', '}', '[', ']', '\\', '\n', '-0', '1e999', '-1e400', '0.1', '12345678901234567890',
  '"constructor": 1,', '"__proto__": {"a": 1},', '"toString": "x",', '"\\u0063onstructor": 2,', '"id": "dup",', '"\\u00e9": "é",', '"cpus": 2,',
);
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(4), ins: fc.array(pieces, { maxLength: 3 }), typing: fc.boolean() });

/** typing inside a string value (the text stays JSON): a letter or a piece after the k-th `": "` */
function typeInString(text: string, at: number, ins: string): string {
  const starts: number[] = [];
  for (let i = text.indexOf('": "'); i >= 0; i = text.indexOf('": "', i + 1)) starts.push(i + 4);
  if (starts.length === 0) return text;
  const p = starts[Math.floor(at * starts.length) % starts.length];
  return text.slice(0, p) + ins + text.slice(p);
}

/** the Marathon schema's verdict and errors on a value */
function validate(value: unknown): unknown {
  const ks = getKindSchema('marathon-app')!;
  const ok = ks.validate(value);
  return { ok, errors: JSON.parse(JSON.stringify(ks.validate.errors ?? [])) };
}

test('JSON.parse instance ≡ buildInstance on random edits of Marathon apps (corpus and generated)', () => {
  assert.ok(apps.length > 20, `corpus apps found: ${apps.length}`);
  let applied = 0;
  let checked = 0;
  fc.assert(
    fc.property(fc.nat(apps.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (which, edits) => {
      let text = apps[which];
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        if (e.typing) text = typeInString(text, e.at, e.ins.join('').replace(/["\\\n]/g, '') || 'x');
        else text = text.slice(0, at) + e.ins.join('') + text.slice(Math.min(text.length, at + e.del));
        const doc = parseJson(text, 'marathon-app');
        const fast = jsonParseInstance(doc.text, doc.syntaxErrors.length);
        checked++;
        if (!fast) continue;
        applied++;
        const full = buildInstance(doc.root, 'last');
        assert.equal(full.unresolved.size, 0);
        const d = same(fast.value, full.value);
        assert.equal(d, undefined, `differs after edits: ${d}`);
        // and the schema validator reads both alike (what the rules report comes from its errors)
        assert.deepEqual(validate(fast.value), validate(full.value));
      }
    }),
    { numRuns: 600 },
  );
  // the property is not vacuous: the shortcut applied to many edited versions, and was refused on others
  assert.ok(applied > 300, `shortcut applied ${applied} times of ${checked}`);
  assert.ok(applied < checked, 'some versions went to buildInstance');
});

test('what JSON.parse would read differently goes to buildInstance', () => {
  for (const t of ['{"constructor": 1}', '{"a": {"\\u0074oString": 1}}', '{"n": 1e999}', '{"n": [-1e400]}', '{"id": "x",}', '{"id": "x" // c\n}']) {
    const doc = parseJson(t, 'marathon-app');
    assert.equal(jsonParseInstance(doc.text, doc.syntaxErrors.length), undefined, t);
  }
  const dup = parseJson('{"id": "a", "cpus": 1, "id": "b", "x": -0}', 'marathon-app');
  const fast = jsonParseInstance(dup.text, dup.syntaxErrors.length);
  assert.ok(fast);
  assert.equal(same(fast.value, buildInstance(dup.root, 'last').value), undefined);
  assert.deepEqual(Object.keys(fast.value as object), ['id', 'cpus', 'x']);
});
