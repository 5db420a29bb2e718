// A quadratic in the masking itself (issue 10 §4, "no input can freeze"): maskText replaced form by form,
// each a search over the whole text — secrets × text length. 8,000 secrets over a 530 KB app took 4.6 s,
// which deploy pays several times and the language server pays on the thread answering the editor. The
// forms are now found in one pass (Aho-Corasick, FormMatcher in secrets.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FormMatcher, MASK, MIN_SUBSTRING, Secrets } from '../../server/src/service/secrets';
import { bestOf, growth, MAX_GROWTH_4X } from './timing';

/** n secrets and an env block that quotes every one of them (530 KB for 8,000) */
function workload(n: number): { secrets: Secrets; text: string } {
  const secrets = new Secrets();
  for (let i = 0; i < n; i++) secrets.add(`value-${i}-abcdefgh`);
  const text = Array.from({ length: n }, (_, i) => `{ "key": "env", "value": "K${i}_SECRET=value-${i}-abcdefgh" },`).join('\n');
  return { secrets, text };
}

test('8,000 secrets over a 530 KB text are masked in well under a second', () => {
  const { secrets, text } = workload(8000);
  let out = '';
  const ms = bestOf(2, () => (out = secrets.maskText(text)));
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  // and every one of them is masked: `value-1-…` is not left inside `value-10-…` and the like
  assert.equal(out.split('\n').length, 8000);
  assert.ok(!out.includes('abcdefgh'), out.slice(0, 200));
  assert.equal(out.split('\n')[4321], `{ "key": "env", "value": "K4321_SECRET=${MASK}" },`);
});

test('masking grows linearly with secrets and text together', () => {
  const small = workload(2000);
  const large = workload(8000);
  const ratio = growth(() => small.secrets.maskText(small.text), () => large.secrets.maskText(large.text));
  assert.ok(ratio < MAX_GROWTH_4X, `× ${ratio.toFixed(1)} for 4× the input`);
});

/** The implementation replaced (secrets.ts before the fix), copied as the reference for the property below. */
function referenceMask(forms: readonly string[], text: string): string {
  let out = text;
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  for (const f of sorted) if (out.includes(f)) out = out.split(f).join(MASK);
  if (out.includes('…')) {
    for (const f of sorted) {
      for (let k = f.length - 1; k >= MIN_SUBSTRING; k--) {
        const head = f.slice(0, k) + '…';
        if (out.includes(head)) out = out.split(head).join(`${MASK}…`);
      }
    }
  }
  return out;
}

/**
 * Where the old and new answers may differ by design: two matches (or a match and a cut head before a `…`)
 * that partly overlap. Form by form, the first replaced broke the other and left a piece of it shown; the
 * matcher masks both together. Nested and disjoint matches must give exactly the old text.
 */
function partlyOverlapping(forms: readonly string[], text: string): boolean {
  const spans: [number, number][] = [];
  for (const f of forms) for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) spans.push([i, i + f.length]);
  for (let p = text.indexOf('…'); p >= 0; p = text.indexOf('…', p + 1)) {
    for (const f of forms) for (let k = MIN_SUBSTRING; k < f.length; k++) if (p >= k && text.slice(p - k, p) === f.slice(0, k)) spans.push([p - k, p]);
  }
  return spans.some(([a, b]) => spans.some(([c, d]) => a < c && c < b && b < d));
}

// A small alphabet so that forms meet, contain each other and repeat; no `*`, which the old loop could
// match across a `***` it had just written.
const unit = fc.constantFrom('a', 'b', 'c', 'd', '…', '%', '"');
const form = fc.array(unit, { minLength: MIN_SUBSTRING, maxLength: 9 }).map((a) => a.join(''));

test('the matcher masks exactly as the form-by-form loop did, wherever matches do not partly overlap', () => {
  let compared = 0;
  fc.assert(
    fc.property(fc.uniqueArray(form, { minLength: 1, maxLength: 6 }), fc.array(fc.oneof(unit, form), { maxLength: 30 }), (forms, parts) => {
      // texts built from pieces of the forms themselves, so that most of them hold matches
      const text = parts.join('');
      const got = new FormMatcher(forms).mask(text);
      if (!partlyOverlapping(forms, text)) {
        compared++;
        assert.equal(got, referenceMask(forms, text));
      }
      // and in every case, no form is left in what is shown
      for (const f of forms) assert.ok(!got.includes(f), `${JSON.stringify(f)} in ${JSON.stringify(got)}`);
    }),
    { numRuns: 2000 },
  );
  // the comparison must not have been filtered away
  assert.ok(compared > 500, `${compared} compared`);
});

test('a secret containing another is masked whole; touching occurrences stay two masks; partial overlap is masked together', () => {
  const m = new FormMatcher(['abcd', 'xabcdy']);
  assert.equal(m.mask('1 xabcdy 2 abcd 3'), `1 ${MASK} 2 ${MASK} 3`);
  assert.equal(m.mask('abcdabcd'), `${MASK}${MASK}`);
  assert.equal(new FormMatcher(['abcd', 'cdefgh']).mask('<abcdefgh>'), `<${MASK}>`);
  // the start of a secret before a cut `…`, down to MIN_SUBSTRING characters
  assert.equal(new FormMatcher(['s3cretPassword']).mask('error: s3cre… and s3c…'), `error: ${MASK}… and s3c…`);
});
