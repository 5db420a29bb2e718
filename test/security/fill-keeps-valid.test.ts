// Issue 10 §8: quick fixes keep the file valid. "Fill in …" inside a YAML flow sequence wrote
// `tags: [role:agent, env:prod]]`. Property: a placeholder put at a random place of a corpus file (block, flow
// sequence, flow mapping, plain, single- and double-quoted, block scalar; JSON string, bare, array) and filled with a
// random hostile value gives a file with no new syntax error, whose value there is the typed value; and every fix
// of every finding, applied alone to those files and to the corpus, adds no syntax error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { createLanguageService, type DocKind } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from '../helpers/paths';
import { allFiles } from '../features/fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const svc = createLanguageService();
const FILES = allFiles();
const DRAGENT = FILES.filter((f) => f.kind === 'dragent' && svc.parse(f.text, 'dragent').syntaxErrors.length === 0);
const GUIDE_APP = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');

const PLACEHOLDERS = ['YOUR-VALUE-HERE', 'YOUR-ACCESS\u2014KEY-HERE', 'COLLECTOR-ADDRESS-HERE', '831g28-Your-Key-Here-a0fpc9d'];
const HOSTILE = [']', '[', ',', '#', ' #', ': ', ':', '"', "'", '\\', '\n', '\r\n', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '\t', '-', '- ', '? ', 'yes', 'null', '~', '01', '1', '0.5', 'true', 'a', 'env:prod', 'x y', '\u2028', '\u0007', '\u00e9'];
const value = fc.array(fc.constantFrom(...HOSTILE), { minLength: 1, maxLength: 6 }).map((p) => p.join('')).filter((v) => v.trim() !== '');

const syntaxErrors = (text: string, kind: DocKind) => svc.parse(text, kind).syntaxErrors.length;

/** YAML shapes holding `P` once; `path` leads from the new key to the scalar holding it */
const YAML_SHAPES: { src: string; path: (string | number)[] }[] = [
  { src: 'zz_fill: P\n', path: [] },
  { src: 'zz_fill: abc P def\n', path: [] },
  { src: 'zz_fill: [role:agent, P]\n', path: [1] },
  { src: 'zz_fill: [P, b]\n', path: [0] },
  { src: 'zz_fill: {a: P, b: c}\n', path: ['a'] },
  { src: 'zz_fill: {a: [x, P]}\n', path: ['a', 1] },
  { src: 'zz_fill:\n  - [k, P]\n', path: [0, 1] },
  { src: 'zz_fill: "x P y"\n', path: [] },
  { src: "zz_fill: 'x P y'\n", path: [] },
  { src: "zz_fill: ['it''s P']\n", path: [0] },
  { src: 'zz_fill: |\n  x P y\n', path: [] },
  { src: 'zz_fill:\n  k: P   # a comment\n', path: ['k'] },
];

/** where a top-level key may go: the start of the file, or a line that starts one */
function topLevelStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) if (/[A-Za-z_]/.test(text[i + 1])) out.push(i + 1);
  return out;
}

function failsafeValue(text: string, path: (string | number)[]): unknown {
  const d = parseDocument(text, { schema: 'failsafe', uniqueKeys: false });
  return d.getIn(['zz_fill', ...path]);
}

test('YAML: a filled placeholder keeps the file parsing and reads back as the typed value', () => {
  fc.assert(
    fc.property(fc.nat(DRAGENT.length - 1), fc.nat(), fc.nat(YAML_SHAPES.length - 1), fc.constantFrom(...PLACEHOLDERS), value, (fi, at, si, ph, typed) => {
      const base = DRAGENT[fi].text.endsWith('\n') ? DRAGENT[fi].text : `${DRAGENT[fi].text}\n`;
      const starts = topLevelStarts(base);
      const pos = starts[at % starts.length];
      const shape = YAML_SHAPES[si];
      const text = base.slice(0, pos) + shape.src.replace('P', ph) + base.slice(pos);
      const before = failsafeValue(text, shape.path);
      if (typeof before !== 'string' || !before.includes(ph)) return; // the spot split a block (a corpus oddity)
      const errorsBefore = syntaxErrors(text, 'dragent');
      const { doc, findings } = svc.lint(text, 'dragent');
      const f = findings.find((x) => x.ruleId === 'placeholder' && x.start >= pos && x.start < pos + shape.src.length + ph.length);
      assert.ok(f, `placeholder found in ${JSON.stringify(shape.src)}`);
      const edits = svc.fillPlaceholder(doc, f, typed);
      if (!edits) {
        // refused only where no edit can keep the meaning; the editor's input box refuses such a value first
        assert.ok(svc.checkPlaceholderValue(svc.placeholderQuestion(doc, f).expects, typed), `fill refused ${JSON.stringify(typed)} in ${shape.src}`);
        return;
      }
      const out = applyEdits(text, edits);
      assert.ok(syntaxErrors(out, 'dragent') <= errorsBefore, `new syntax error: ${JSON.stringify(out.slice(pos, pos + 80))}`);
      assert.equal(failsafeValue(out, shape.path), before.replace(ph, typed.trim()), JSON.stringify(out.slice(pos, pos + 80)));
      // nothing outside the filled scalar moved
      assert.equal(out.slice(0, pos), text.slice(0, pos));
      assert.equal(out.slice(out.length - (text.length - (pos + shape.src.length + ph.length - 1))), text.slice(pos + shape.src.length + ph.length - 1));
    }),
    { numRuns: RUNS },
  );
});

/** JSON shapes inserted after the app's `{`; `get` reads the filled value back */
const JSON_SHAPES: { src: string; get: (o: Record<string, unknown>) => unknown; bare?: boolean }[] = [
  { src: '"zz_fill": "P",', get: (o) => o.zz_fill },
  { src: '"zz_fill": "x P y",', get: (o) => o.zz_fill },
  { src: '"zz_fill": ["a", "P"],', get: (o) => (o.zz_fill as unknown[])[1] },
  { src: '"zz_fill": {"k": "P"},', get: (o) => (o.zz_fill as Record<string, unknown>).k },
  { src: '"zz_fill": P,', get: (o) => o.zz_fill, bare: true },
];

test('JSON: a filled placeholder keeps the app valid JSON and reads back as the typed value', () => {
  const app = '{\n  "id": "sysdig-agent",\n  "cmd": "run"\n}\n';
  fc.assert(
    fc.property(fc.nat(JSON_SHAPES.length - 1), fc.constantFrom(...PLACEHOLDERS), value, (si, ph, typed) => {
      const shape = JSON_SHAPES[si];
      const text = `{${shape.src.replace('P', ph)}${app.slice(1)}`;
      const { doc, findings } = svc.lint(text, 'marathon-app');
      const f = findings.find((x) => x.ruleId === 'placeholder');
      assert.ok(f, shape.src);
      const edits = svc.fillPlaceholder(doc, f, typed);
      assert.ok(edits, 'a JSON fill always has an edit');
      const out = applyEdits(text, edits);
      const errors: ParseError[] = [];
      const parsed = parseJsonc(out, errors, { allowTrailingComma: false, disallowComments: true });
      assert.deepEqual(errors, [], out);
      const v = typed.trim();
      const expected = shape.bare ? (/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v) : shape.src.includes('x P y') ? `x ${v} y` : v;
      assert.deepEqual(shape.get(parsed), expected, out);
    }),
    { numRuns: RUNS },
  );
});

test("the guide's files: every placeholder filled with a hostile value adds no syntax error", () => {
  const guideDragent = readFileSync(join(projectRoot(), 'examples', 'guide', 'dragent.yaml'), 'utf8');
  fc.assert(
    fc.property(fc.constantFrom<[string, DocKind]>([GUIDE_APP, 'marathon-app'], [guideDragent, 'dragent']), fc.array(value, { minLength: 8, maxLength: 8 }), ([text, kind], values) => {
      const errorsBefore = syntaxErrors(text, kind);
      const { doc, findings } = svc.lint(text, kind);
      const fills = findings.filter((f) => f.ruleId === 'placeholder');
      assert.ok(fills.length > 0);
      fills.forEach((f, i) => {
        const edits = svc.fillPlaceholder(doc, f, values[i % values.length]);
        if (!edits) return;
        const out = applyEdits(text, edits);
        assert.ok(syntaxErrors(out, kind) <= errorsBefore, `${kind} ${JSON.stringify(values[i % values.length])}: ${out.slice(Math.max(0, f.start - 40), f.end + 40)}`);
      });
    }),
    { numRuns: 40 },
  );
});

test('every fix of every finding, applied alone, adds no syntax error (corpus files and random placements)', () => {
  const check = (name: string, text: string, kind: DocKind) => {
    const errorsBefore = syntaxErrors(text, kind);
    const { findings } = svc.lint(text, kind);
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        const out = applyEdits(text, fix.edits);
        assert.ok(syntaxErrors(out, kind) <= errorsBefore, `${name}: ${f.ruleId} "${fix.title}" broke the file`);
      }
    }
  };
  for (const f of FILES) check(f.name, f.text, f.kind);
  // typographic characters and placeholders in flow collections and quotes, where a fix's text meets `,` `]` `}`
  const TYPO = ['\u201c', '\u201d', '\u2018', '\u2019', '\u2014', '\u00a0', '\u200b'];
  fc.assert(
    fc.property(fc.nat(DRAGENT.length - 1), fc.nat(), fc.nat(YAML_SHAPES.length - 1), fc.constantFrom(...TYPO), fc.constantFrom(...TYPO), (fi, at, si, t1, t2) => {
      const base = DRAGENT[fi].text.endsWith('\n') ? DRAGENT[fi].text : `${DRAGENT[fi].text}\n`;
      const starts = topLevelStarts(base);
      const pos = starts[at % starts.length];
      const text = base.slice(0, pos) + YAML_SHAPES[si].src.replace('P', `${t1}mesos${t2}`) + base.slice(pos);
      check(`${DRAGENT[fi].name} + ${JSON.stringify(YAML_SHAPES[si].src)}`, text, 'dragent');
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
});
