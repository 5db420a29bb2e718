// Property test: the editor features never throw and return ranges inside the text, whatever the text and
// the cursor (random strings and corpus files cut up and sprinkled with the characters that break them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type DocKind, type Span } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { allFiles } from './fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const svc = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${error}`);
  },
});
const FILES = allFiles();
const NASTY = ['\n', ' ', '  ', '- ', ': ', '{', '}', '[', ']', ',', '"', "'", '#', '“', '”', '—', '\t', '\r\n', '*a', '&a ', '|', '>', '\u00a0', '😀', 'mara', '"id": '];

const inside = (s: Span, len: number) => 0 <= s.start && s.start <= s.end && s.end <= len;

const textArb = fc.oneof(
  fc.string({ maxLength: 200, unit: fc.constantFrom(...NASTY, 'a', 'b', '1', 'log', 'x') }),
  fc
    .tuple(fc.nat(FILES.length - 1), fc.nat(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NASTY)), { maxLength: 5 }))
    .map(([i, a, b, ins]) => {
      let t = FILES[i].text;
      const s = a % (t.length + 1);
      t = t.slice(s, s + 1 + (b % 2000));
      for (const [at, what] of ins) {
        const p = at % (t.length + 1);
        t = t.slice(0, p) + what + t.slice(p);
      }
      return t;
    }),
);

test('features never throw; every range lies inside the text; every edit applies', () => {
  fc.assert(
    fc.property(textArb, fc.constantFrom<DocKind>('dragent', 'marathon-app'), fc.nat(), (text, kind, at) => {
      const offset = at % (text.length + 1);
      const { doc, findings } = svc.check(text, kind);
      const len = text.length;
      for (const c of svc.complete(doc, offset)) assert.ok(inside(c, len), 'completion range');
      const h = svc.hover(doc, offset, findings);
      if (h) assert.ok(inside(h, len), 'hover range');
      const walk = (ss: ReturnType<typeof svc.documentSymbols>) => ss.forEach((s) => (assert.ok(inside(s.range, len) && inside(s.selectionRange, len)), walk(s.children)));
      walk(svc.documentSymbols(doc));
      for (const f of svc.foldingRanges(doc)) assert.ok(f.startLine < f.endLine && f.endLine < doc.lines.lineCount);
      for (const s of svc.selectionRanges(doc, [offset])[0]) assert.ok(inside(s, len), 'selection range');
      for (const a of svc.codeActions(doc, findings, { start: offset, end: offset })) {
        for (const e of a.edits) assert.ok(inside(e, len), 'edit range');
        applyEdits(text, a.edits);
      }
    }),
    { numRuns: RUNS },
  );
});
