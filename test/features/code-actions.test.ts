import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService, FIX_ALL_KIND, MAX_FIX_PASSES, type Finding, type TextEdit } from '../../server/src/service/index';
import { diffEdit, fixAll } from '../../server/src/service/features/code-actions';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from '../helpers/paths';
import { allFiles } from './fixtures';

const svc = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${error}`);
  },
});

/** comment lines, blank lines and top-level key count: what a fix must never disturb (outside its edit) */
function shape(text: string, kind: 'dragent' | 'marathon-app') {
  const doc = svc.parse(text, kind);
  const lines = text.split(/\r\n|\r|\n/);
  const root = doc.root && doc.root.type === 'object' ? doc.root.props.length : -1;
  return { comments: doc.comments.map((c) => text.slice(c.start, c.end)), blank: lines.filter((l) => l.trim() === '').length, root };
}

for (const file of allFiles()) {
  test(`code actions: every quick fix and fix-all on ${file.name} keeps comments, blank lines and keys`, () => {
    const { doc, findings } = svc.check(file.text, file.kind);
    const before = shape(file.text, file.kind);
    const actions = svc.codeActions(doc, findings, { start: 0, end: file.text.length });
    const fixes = findings.flatMap((f) => f.fixes ?? []);
    const quick = actions.filter((a) => a.kind === 'quickfix' && !a.ask && !a.title.startsWith('Disable ') && !a.title.startsWith('Fix all'));
    assert.equal(quick.length, fixes.length, 'one quick fix per fix of every finding');
    // every placeholder gets an action that asks for its value (features/fill-placeholder.ts)
    const asks = actions.filter((a) => a.ask);
    assert.deepEqual(asks.map((a) => a.findings[0]), findings.filter((f) => f.ruleId === 'placeholder'));
    for (const a of asks) assert.deepEqual(a.edits, []);
    for (const a of quick) {
      const out = applyEdits(file.text, a.edits);
      const expected = applyEdits(file.text, a.findings[0].fixes!.find((f) => f.title === a.title)!.edits);
      assert.equal(out, expected);
      const after = shape(out, file.kind);
      const touchesComment = a.edits.some((e) => doc.comments.some((c) => e.start < c.end && c.start < e.end));
      if (!touchesComment) assert.deepEqual(after.comments, before.comments, `comments changed by ${a.title}`);
      if (!a.edits.some((e) => /\n/.test(e.newText) || /\n/.test(file.text.slice(e.start, e.end)))) assert.equal(after.blank, before.blank);
      assert.equal(a.preferred ?? false, !!a.findings[0].fixes!.find((f) => f.title === a.title)!.preferred);
      assert.ok(a.findings.length > 0, 'a quick fix carries its diagnostic');
    }
    // every disable-next-line action adds one comment line and silences that rule on that line only
    for (const a of actions.filter((x) => x.title.startsWith('Disable '))) {
      const f = a.findings[0];
      const out = applyEdits(file.text, a.edits);
      const after = svc.check(out, file.kind);
      const shift = a.edits[0].newText.length;
      const line = after.doc.lines.positionAt(f.start + (a.edits[0].start <= f.start ? shift : 0)).line;
      assert.ok(!after.findings.some((g) => g.ruleId === f.ruleId && after.doc.lines.positionAt(g.start).line === line), `${a.title} at line ${line + 1}`);
      const comments = shape(out, file.kind).comments;
      assert.ok(comments.length === before.comments.length + 1 || a.edits[0].start === a.edits[0].end && a.edits[0].newText.startsWith(', '), 'one directive added or extended');
    }
    const all = actions.find((a) => a.kind === FIX_ALL_KIND);
    const r = svc.fixAll(file.text, file.kind);
    if (findings.some((f) => f.fixes?.some((x) => x.preferred))) {
      assert.ok(all, 'fix-all offered');
      const out = applyEdits(file.text, all.edits);
      assert.equal(out, r.output);
      assert.ok(r.passes <= MAX_FIX_PASSES);
      const after = shape(out, file.kind);
      assert.deepEqual(after.comments, before.comments);
      assert.equal(after.root, before.root);
      // stable: nothing preferred is left to fix
      const left = svc.check(out, file.kind).findings.filter((f) => f.fixes?.some((x) => x.preferred));
      assert.deepEqual(left.map((f) => f.ruleId), []);
    } else {
      assert.equal(all, undefined);
      assert.equal(r.output, file.text);
    }
  });
}

test('fix-all on the guide sysdig.json: exactly the typographic characters replaced, no smart-quotes left', () => {
  const text = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');
  const { doc, findings } = svc.check(text, 'marathon-app');
  const actions = svc.codeActions(doc, findings, { start: 0, end: 0 }, { only: ['source.fixAll'] });
  assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL_KIND]);
  const out = applyEdits(text, actions[0].edits);
  assert.equal(out, text.replace('ACCESS—KEY', 'ACCESS-KEY').replace(/”/g, '"'));
  // one pass did it: the three fixes' own edits, nothing else touched
  assert.deepEqual(actions[0].edits.map((e) => [text.slice(e.start, e.end), e.newText]), [['—', '-'], ['”', '"'], ['”', '"']]);
  assert.deepEqual(svc.check(out, 'marathon-app').findings.filter((f) => f.ruleId === 'smart-quotes'), []);
  // the typographic quotes no longer break the JSON: the one syntax error left is the unquoted placeholder
  assert.deepEqual(
    svc.check(out, 'marathon-app').findings.filter((f) => f.ruleId === 'syntax').map((f) => out.slice(f.start, f.end)),
    ['YOUR-NUMBER-OF-INSTANCES-HERE'],
  );
});

test('"Fix all typographic characters in file" is offered on a smart-quotes finding and fixes only those', () => {
  const text = 'customerid: “abc”\ntags: a–b\nlog:\n  file_priority: verbose\n';
  const { doc, findings } = svc.check(text, 'dragent');
  const first = findings.find((f) => f.ruleId === 'smart-quotes')!;
  const actions = svc.codeActions(doc, findings, { start: first.start, end: first.start }, { only: ['quickfix'] });
  const all = actions.find((a) => a.title === 'Fix all typographic characters in file');
  assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(all.kind, 'quickfix');
  const out = applyEdits(text, all.edits);
  assert.equal(out, 'customerid: "abc"\ntags: a-b\nlog:\n  file_priority: verbose\n');
  assert.ok(!actions.some((a) => a.kind === FIX_ALL_KIND), 'only=quickfix leaves out the source action');
});

test('fix-all skips a fix that overlaps one already applied and re-lints until stable', () => {
  // two fake findings whose preferred fixes overlap; the second pass sees the first one's result
  let calls = 0;
  const lint = (t: string): Finding[] => {
    calls++;
    const out: Finding[] = [];
    const i = t.indexOf('aa');
    if (i >= 0) {
      out.push({ ruleId: 'x', severity: 'warning', message: '', start: i, end: i + 2, fixes: [{ title: 'a', preferred: true, edits: [{ start: i, end: i + 2, newText: 'b' }] }] });
      out.push({ ruleId: 'y', severity: 'warning', message: '', start: i + 1, end: i + 2, fixes: [{ title: 'b', preferred: true, edits: [{ start: i + 1, end: i + 2, newText: 'c' }] }] });
    }
    return out;
  };
  const r = fixAll('aaaa', lint);
  assert.equal(r.output, 'bb');
  assert.equal(r.applied, 2);
  assert.equal(r.passes, 3);
  assert.equal(calls, 3);
  assert.equal(r.edits.length, 1, 'several passes: one edit over the changed span');
  assert.equal(applyEdits('aaaa', r.edits), 'bb');
  // a fix that never converges stops after MAX_FIX_PASSES
  const grow = (t: string): Finding[] => [{ ruleId: 'g', severity: 'warning', message: '', start: 0, end: 0, fixes: [{ title: 'g', preferred: true, edits: [{ start: 0, end: 0, newText: 'x' }] }] }];
  const g = fixAll('', grow);
  assert.equal(g.passes, MAX_FIX_PASSES);
  assert.equal(g.output, 'x'.repeat(MAX_FIX_PASSES));
  // non-preferred fixes are never applied by fix-all
  const np = (t: string): Finding[] => [{ ruleId: 'n', severity: 'warning', message: '', start: 0, end: 1, fixes: [{ title: 'n', edits: [{ start: 0, end: 1, newText: 'z' }] }] }];
  assert.equal(fixAll('a', np).output, 'a');
});

test('diffEdit is the smallest single edit and keeps \\r\\n and surrogate pairs whole', () => {
  const cases: [string, string][] = [
    ['abc', 'abc'],
    ['abc', 'abXc'],
    ['a\r\nb', 'a\nb'],
    ['x😀y', 'x😁y'],
    ['', 'new'],
    ['old', ''],
  ];
  for (const [a, b] of cases) {
    const e: TextEdit = diffEdit(a, b);
    assert.equal(applyEdits(a, [e]), b, `${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  }
  assert.deepEqual(diffEdit('abc', 'abXc'), { start: 2, end: 2, newText: 'X' });
});

test('disable-next-line action: inserts the comment with the line indentation, extends an existing one, and suppresses', () => {
  const text = '# top\nlog:\n  file_priority: verbose\nmesos_state_uri: localhost:5050\n';
  const { doc, findings } = svc.check(text, 'dragent');
  const f = findings.find((x) => x.ruleId === 'log-priority') ?? findings.find((x) => x.ruleId === 'schema')!;
  assert.ok(f, JSON.stringify(findings.map((x) => x.ruleId)));
  const acts = svc.codeActions(doc, findings, { start: f.start, end: f.end }, { only: ['quickfix'] });
  const dis = acts.find((a) => a.title === `Disable ${f.ruleId} for this line`)!;
  assert.ok(dis);
  const out = applyEdits(text, dis.edits);
  assert.equal(out, `# top\nlog:\n  # sysdig-mesos-disable-next-line ${f.ruleId}\n  file_priority: verbose\nmesos_state_uri: localhost:5050\n`);
  const after = svc.check(out, 'dragent').findings;
  assert.ok(!after.some((x) => x.ruleId === f.ruleId), 'suppressed');
  assert.equal(after.length, findings.length - findings.filter((x) => x.ruleId === f.ruleId && doc.lines.positionAt(x.start).line === 2).length);
  // a second rule on a line that already has a directive extends it
  const u = svc.check('# sysdig-mesos-disable-next-line schema\nmesos_state_uri: localhost:5050\n', 'dragent');
  const g = u.findings[0];
  assert.ok(g, 'a URI finding remains');
  const ext = svc.codeActions(u.doc, u.findings, { start: g.start, end: g.end }, { only: ['quickfix'] }).find((a) => a.title.startsWith('Disable '))!;
  assert.equal(applyEdits(u.doc.text, ext.edits), `# sysdig-mesos-disable-next-line schema, ${g.ruleId}\nmesos_state_uri: localhost:5050\n`);
  // no such action in JSON, nor inside a multi-line scalar
  const j = svc.check('{"id": "a_b", "cmd": "x"}', 'marathon-app');
  assert.ok(!svc.codeActions(j.doc, j.findings, { start: 0, end: 30 }).some((a) => a.title.startsWith('Disable ')));
  const ml = svc.check('tags: "a,\n  b“c"\n', 'dragent');
  const sq = ml.findings.find((x) => x.ruleId === 'smart-quotes')!;
  assert.ok(sq);
  assert.ok(!svc.codeActions(ml.doc, ml.findings, { start: sq.start, end: sq.end }).some((a) => a.title.startsWith('Disable ')));
});

test('automatic requests leave out the whole-file source action; fix-all results are remembered per document', () => {
  const text = 'customerid: “abc”\ntags: a–b\n';
  const { doc, findings } = svc.check(text, 'dragent');
  const auto = svc.codeActions(doc, findings, { start: 0, end: 0 }, { automatic: true });
  assert.ok(!auto.some((a) => a.kind === FIX_ALL_KIND));
  const asked = svc.codeActions(doc, findings, { start: 0, end: 0 }, { automatic: true, only: [FIX_ALL_KIND] });
  assert.deepEqual(asked.map((a) => a.kind), [FIX_ALL_KIND]);
  const invoked = svc.codeActions(doc, findings, { start: 0, end: 0 });
  const a1 = invoked.find((a) => a.kind === FIX_ALL_KIND)!;
  assert.deepEqual(a1.edits, asked[0].edits);
  assert.equal(applyEdits(text, a1.edits), 'customerid: "abc"\ntags: a-b\n');
  // a different context is not served from the memo
  const off = svc.codeActions(doc, findings, { start: 0, end: 0 }, { only: [FIX_ALL_KIND], settings: { rules: { 'smart-quotes': 'off' } } });
  assert.deepEqual(off, []);
});
