// Property tests: whatever text comes in (random strings, corpus files cut up and sprinkled with the
// characters that break these files in real life), the language service never throws, stays fast, and
// returns findings and fixes whose ranges lie inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createLanguageService, type DocKind, type Finding } from '../../server/src/service/index';
import { projectRoot } from '../helpers/paths';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const MAX_MS = 2000;
const KINDS: DocKind[] = ['dragent', 'marathon-app'];


const corpusDir = join(projectRoot(), '..', 'shared', 'corpus');
const CORPUS: { name: string; kind: DocKind; text: string }[] = [];
for (const [folder, kind] of [
  ['dragent', 'dragent'],
  ['marathon-apps', 'marathon-app'],
  ['marathon-sysdig', 'marathon-app'],
] as const) {
  const dir = join(corpusDir, folder);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(ya?ml|json)$/i.test(name)) continue;
    CORPUS.push({ name: `${folder}/${name}`, kind, text: readFileSync(join(dir, name), 'utf8') });
  }
}

const ruleErrors: string[] = [];
const service = createLanguageService({
  onRuleError: ({ ruleId, error }) => ruleErrors.push(`${ruleId}: ${(error as Error)?.stack ?? String(error)}`),
});

/** lints `text` as both kinds and checks every invariant; throws with a useful message on any violation */
function check(text: string): void {
  for (const kind of KINDS) {
    ruleErrors.length = 0;
    const t0 = performance.now();
    let findings: Finding[];
    try {
      findings = service.lint(text, kind).findings;
    } catch (e) {
      throw new Error(`lint threw for kind ${kind} on ${JSON.stringify(text.slice(0, 300))}…: ${(e as Error)?.stack ?? e}`);
    }
    const ms = performance.now() - t0;
    assert.deepEqual(ruleErrors, [], `a rule threw (kind ${kind})`);
    assert.ok(ms < MAX_MS, `lint took ${ms.toFixed(0)} ms (kind ${kind}, ${text.length} chars)`);
    for (const f of findings) {
      const where = `${f.ruleId} ${JSON.stringify({ start: f.start, end: f.end })} in ${text.length} chars (kind ${kind})`;
      assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), `non-integer range: ${where}`);
      assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `range outside the text: ${where}`);
      assert.ok(typeof f.message === 'string' && f.message.length > 0, `empty message: ${where}`);
      for (const fix of f.fixes ?? []) {
        const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
        let pos = 0;
        for (const e of edits) {
          const ew = `${where}, fix ${JSON.stringify(fix.title)} edit ${JSON.stringify({ start: e.start, end: e.end })}`;
          assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end), `non-integer edit: ${ew}`);
          assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `edit outside the text: ${ew}`);
          assert.ok(e.start >= pos, `overlapping edits: ${ew}`);
          assert.equal(typeof e.newText, 'string', `edit without text: ${ew}`);
          pos = e.end;
        }
      }
    }
  }
}

/** characters that matter to YAML, JSON and these files in particular */
const SPECIAL = [
  '\u201C', '\u201D', '\u2018', '\u2019', '\u2014', '\u2013', '\t', '\r', '\r\n', '\n', '\uFEFF', '\u0000',
  '\uD800', '\uDFFF', '"', "'", ':', ': ', '- ', '#', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '|', '>', '---\n',
  '\\', '%', '@', '`', '?', ' ', '  ', 'YOUR-ACCESS-KEY-HERE', 'http://[user:pass@][host][:port]', 'https://', '${X}',
];

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);

test('random strings: no exception, ranges inside the text, bounded time', () => {
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 2000, size: 'large' }), (text) => check(text)),
    { numRuns: RUNS },
  );
  // plain random Unicode too
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000, size: 'large' }), (text) => check(text)),
    { numRuns: RUNS },
  );
});

type Mutation =
  | { op: 'delete'; a: number; b: number }
  | { op: 'insert'; a: number; s: string }
  | { op: 'duplicate'; a: number; b: number; c: number }
  | { op: 'swap'; a: number; b: number; c: number; d: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), a: fc.nat(), b: fc.nat({ max: 200 }) }),
  fc.record({ op: fc.constant('insert' as const), a: fc.nat(), s: fc.string({ unit, minLength: 1, maxLength: 12 }) }),
  fc.record({ op: fc.constant('insert' as const), a: fc.nat(), s: fc.constantFrom(...SPECIAL) }),
  fc.record({ op: fc.constant('duplicate' as const), a: fc.nat(), b: fc.nat({ max: 400 }), c: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat({ max: 200 }), c: fc.nat(), d: fc.nat({ max: 200 }) }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = (n: number) => n % (t.length + 1);
    switch (m.op) {
      case 'delete': {
        const s = at(m.a);
        t = t.slice(0, s) + t.slice(Math.min(t.length, s + m.b));
        break;
      }
      case 'insert': {
        const s = at(m.a);
        t = t.slice(0, s) + m.s + t.slice(s);
        break;
      }
      case 'duplicate': {
        const s = at(m.a);
        const piece = t.slice(s, s + m.b);
        const to = at(m.c);
        t = t.slice(0, to) + piece + t.slice(to);
        break;
      }
      case 'swap': {
        let s1 = at(m.a);
        let e1 = Math.min(t.length, s1 + m.b);
        let s2 = at(m.c);
        let e2 = Math.min(t.length, s2 + m.d);
        if (s2 < s1) [s1, e1, s2, e2] = [s2, e2, s1, e1];
        if (e1 > s2) break; // overlapping slices: nothing to swap
        t = t.slice(0, s1) + t.slice(s2, e2) + t.slice(e1, s2) + t.slice(s1, e1) + t.slice(e2);
        break;
      }
    }
  }
  return t;
}

test('mutated corpus files: no exception, ranges inside the text, bounded time', () => {
  assert.ok(CORPUS.length > 0, `no corpus under ${corpusDir}`);
  fc.assert(
    fc.property(fc.nat({ max: CORPUS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (i, ms) => check(mutate(CORPUS[i].text, ms))),
    { numRuns: RUNS },
  );
});

test('every corpus file unchanged passes the same checks', () => {
  for (const c of CORPUS) check(c.text);
});
