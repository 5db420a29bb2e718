// Issue 10 §4: a select-all code-action request on a 289 KB file with 10,000 findings took 2.3–2.6 s and grew faster
// than the file: per finding, `locate` and the disable-next-line check scanned every sibling, the line ending was
// looked up in the whole text, fix-all compared each fix with every fix taken, and the LSP searched the request's
// diagnostics for each finding. Now each finding costs a binary search or a map lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type ParsedDocument, type Finding } from '../../server/src/service/index';
import { fixAll } from '../../server/src/service/features/code-actions';
import { toCodeAction } from '../../server/src/lsp/features';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { manyFindingsDragent } from './hostile-inputs';
import { bestOf, growth, MAX_GROWTH_4X } from './timing';

const svc = createLanguageService();

function prepared(n: number) {
  const text = manyFindingsDragent(n);
  const { doc, findings } = svc.check(text, 'dragent', {});
  // what VS Code sends with a select-all request: the diagnostics it has (here every finding's, more than the
  // server's cap of 1,000 published ones)
  const context = findings.map((f) => toDiagnostic(doc.lines, f, 1));
  return { text, doc, findings, context };
}

/**
 * The whole request as the server answers it: service items, then LSP shapes with the client's diagnostics. The
 * service computes fix-all (two lints of the file) on the first request for a document version and remembers it;
 * the time asserted is that of the requests after it, the per-finding work.
 */
function request(p: { text: string; doc: ParsedDocument; findings: Finding[]; context: ReturnType<typeof toDiagnostic>[] }) {
  const items = svc.codeActions(p.doc, p.findings, { start: 0, end: p.text.length }, {});
  return items.map((it) => toCodeAction('file:///w/dragent.yaml', p.doc.lines, 1, it, p.context));
}

test('10,000 findings: a select-all code-action request is answered in under 300 ms', () => {
  const p = prepared(10_000);
  assert.ok(p.findings.length >= 10_000, `${p.findings.length} findings`);
  assert.ok(p.text.length < 300_000);
  const first = request(p); // computes and remembers fix-all
  assert.ok(first.length > p.findings.length, 'a quick fix or fill per finding, and the disable actions');
  assert.ok(first.some((a) => a.kind === 'source.fixAll.sysdig-mesos'));
  // the client's own diagnostic objects are attached (matched by code and range), not copies
  const fill = first.find((a) => a.title.startsWith('Fill in'))!;
  assert.ok(p.context.includes(fill.diagnostics![0]));
  const ms = bestOf(5, () => request(p)); // the best of five: the bound is the issue's, the machine may be busy
  assert.ok(ms < 300, `${ms.toFixed(0)} ms`);
});

test('code actions grow linearly with the findings', () => {
  const small = prepared(2_500);
  const large = prepared(10_000);
  request(small);
  request(large);
  // a floor of 20 ms under the small run: at ~15 ms it is within reach of GC pauses (main: × 18.7)
  const ratio = growth(() => request(small), () => request(large), 5, 20);
  assert.ok(ratio < MAX_GROWTH_4X, `2,500 → 10,000 findings: × ${ratio.toFixed(1)}`);
});

test('fix-all over 10,000 fixes: a pass is linear in the fixes (lint replaced by the findings, then none)', () => {
  const run = (p: ReturnType<typeof prepared>) => {
    let pass = 0;
    return fixAll(p.text, () => (pass++ === 0 ? p.findings : []));
  };
  const large = prepared(10_000);
  const small = prepared(2_500);
  const r = run(large);
  assert.equal(r.applied, large.findings.filter((f) => f.fixes?.some((x) => x.preferred)).length);
  const ratio = growth(() => run(small), () => run(large));
  assert.ok(ratio < MAX_GROWTH_4X, `2,500 → 10,000 findings: × ${ratio.toFixed(1)}`);
});
