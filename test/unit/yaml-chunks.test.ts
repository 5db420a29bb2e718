import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseYaml } from '../../server/src/service/documents/yaml-document';
import { CHUNK_MIN_CHARS, parseYamlChunked } from '../../server/src/service/documents/yaml-chunks';
import { createLanguageService } from '../../server/src/service/index';
import { generateDragentYaml } from '../../bench/generate';
import { corpusDir } from '../helpers/paths';

const service = createLanguageService();

function model(text: string, chunked: boolean) {
  const d = parseYaml(text, 'dragent', { chunked });
  return { root: d.root, syntaxErrors: d.syntaxErrors, comments: d.comments, extraDocuments: d.extraDocuments };
}

function findings(text: string) {
  return service.validate(parseYaml(text, 'dragent', { chunked: false })).map((f) => `${f.ruleId}@${f.start}-${f.end} ${f.message}`);
}

function sameAsWhole(text: string): void {
  assert.deepEqual(model(text, true), model(text, false));
  const viaService = service.lint(text, 'dragent').findings.map((f) => `${f.ruleId}@${f.start}-${f.end} ${f.message}`);
  assert.deepEqual(viaService, findings(text));
}

const corpus = readdirSync(join(corpusDir(), 'dragent')).map((f) => readFileSync(join(corpusDir(), 'dragent', f), 'utf8'));

test('large generated files: the grouped parse equals the whole-file parse', () => {
  for (const lines of [3_000, 10_000]) {
    const { text } = generateDragentYaml(lines);
    assert.ok(text.length >= CHUNK_MIN_CHARS);
    assert.ok(parseYamlChunked(text, 'dragent', (t, k) => parseYaml(t, k, { chunked: false })), 'the grouped path is taken');
    sameAsWhole(text);
  }
});

test('large files built from the real corpus: grouped parse equals whole parse', () => {
  const big = corpus.join('\n');
  let text = big;
  while (text.length < CHUNK_MIN_CHARS * 2) text += '\n' + big;
  sameAsWhole(text);
  // the corpus holds a Jinja template and anchors-like text, so this one may fall back; a clean one must not
  // files that parse alone, have no cross-entry constructs and keep their keys in column 0
  const clean = corpus.filter(
    (t) => parseYaml(t, 'dragent', { chunked: false }).syntaxErrors.length === 0 && !/[&*!]/.test(t) && !/^(---|\.\.\.|%)/m.test(t) && !t.includes('\t') && !/^ [A-Za-z]/m.test(t),
  );
  let text2 = clean.join('\n');
  while (text2.length < CHUNK_MIN_CHARS * 2) text2 += '\n' + clean.join('\n');
  assert.ok(parseYamlChunked(text2, 'dragent', (t, k) => parseYaml(t, k, { chunked: false })), 'the grouped path is taken for clean corpus text');
  sameAsWhole(text2);
});

test('mutated large files (property): grouped parse equals whole parse, or it falls back', () => {
  const { text: base } = generateDragentYaml(3_000);
  let taken = 0;
  const lines = base.split('\n');
  const edits = fc.array(
    fc.record({
      at: fc.nat(lines.length - 1),
      what: fc.constantFrom('delete', 'dup', 'indent', 'dedent', 'colon', 'quote', 'comment', 'block', 'flow', 'blank', 'tab', 'anchor'),
    }),
    { minLength: 1, maxLength: 6 },
  );
  const check = (es: { at: number; what: string }[]) => {
    const ls = [...lines];
    for (const e of es) {
      const l = ls[e.at] ?? '';
      switch (e.what) {
        case 'delete': ls.splice(e.at, 1); break;
        case 'dup': ls.splice(e.at, 0, l); break;
        case 'indent': ls[e.at] = ' ' + l; break;
        case 'dedent': ls[e.at] = l.replace(/^ /, ''); break;
        case 'colon': ls[e.at] = l.replace(':', ''); break;
        case 'quote': ls[e.at] = l + ' "'; break;
        case 'comment': ls[e.at] = '# ' + l; break;
        case 'block': ls.splice(e.at, 0, 'text: |', '  line one', '', '  line two'); break;
        case 'flow': ls.splice(e.at, 0, 'flowy: [a,', ' b]'); break;
        case 'blank': ls.splice(e.at, 0, ''); break;
        case 'tab': ls[e.at] = '\t' + l; break;
        case 'anchor': ls.splice(e.at, 0, 'x: &a 1', 'y: *a'); break;
      }
    }
    const text = ls.join('\n');
    if (parseYamlChunked(text, 'dragent', (t, k) => parseYaml(t, k, { chunked: false }))) taken++;
    sameAsWhole(text);
  };
  fc.assert(fc.property(edits, (es) => check(es)), { numRuns: 60 });
  // Not vacuous: most mutations (a tab, an anchor, a broken indent) make the grouped path fall back, so a random
  // run may take it only a few times (4 of 60 happened). The count is asserted on a run of its own with a fixed
  // seed — the same 60 cases every time, the grouped path taken in enough of them; the run above stays random.
  taken = 0;
  fc.assert(fc.property(edits, (es) => check(es)), { numRuns: 60, seed: 20261208 });
  assert.ok(taken > 5, `the grouped path was taken in only ${taken} of 60 seeded runs`);
});
