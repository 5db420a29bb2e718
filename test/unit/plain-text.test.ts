// Issue 11 §7: messages keep markdown code spans at their source (hover, SARIF markdown render them); every
// door to plain text (Problems rows, quick-fix titles, the CLI's text, JSON and SARIF text) shows plain
// ASCII double quotes instead of raw backticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainText } from '../../server/src/service/text/plain-text';
import { createLanguageService, ALL_RULES } from '../../server/src/service/index';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { toCodeAction } from '../../server/src/lsp/features';
import { formatSarif, formatText, toJsonFindings } from '../../server/src/cli/format';
import { projectRoot } from '../helpers/paths';

const svc = createLanguageService();
const guide = readFileSync(join(projectRoot(), 'examples', 'guide', 'dragent.yaml'), 'utf8');
// an unknown key (rename fix titled with a code span), a URI problem, the guide's placeholders
const text = `${guide}\nmesos_stat_uri: x\nlog:\n  file_priority: verbose\n`;

test('plainText: a code span becomes plain double quotes; one holding quotes keeps its own', () => {
  assert.equal(plainText('use `mesos_user`/`mesos_password` instead'), 'use "mesos_user"/"mesos_password" instead');
  assert.equal(plainText('add `"network": "HOST"`'), 'add "network": "HOST"');
  assert.equal(plainText('no spans here'), 'no spans here');
  assert.ok(!/[\u201c\u201d\u2018\u2019]/.test(plainText('`x` and `y`')), 'never typographic quotes');
});

test('LSP diagnostics and quick-fix titles show no raw backtick; the same messages had code spans', () => {
  const { doc, findings } = svc.lint(text, 'dragent');
  assert.ok(findings.some((f) => f.message.includes('`')), 'the service keeps code spans (the test needs some)');
  for (const f of findings) {
    const message = String(toDiagnostic(doc.lines, f, 1).message);
    assert.ok(!message.includes('`'), message);
  }
  const actions = svc.codeActions(doc, findings, { start: 0, end: text.length });
  assert.ok(actions.some((a) => a.title.includes('`')), 'a fix title with a code span (Rename to `mesos_state_uri`)');
  for (const a of actions) {
    const ca = toCodeAction('file:///w/dragent.yaml', doc.lines, 1, a, []);
    assert.ok(!ca.title.includes('`'), ca.title);
  }
});

test('CLI: text and JSON messages are plain; SARIF has plain text and keeps the markdown', () => {
  const { doc, findings } = svc.lint(text, 'dragent');
  const results = [{ file: 'dragent.yaml', doc, findings }];
  assert.ok(!formatText(results).includes('`'));
  assert.ok(toJsonFindings(results).every((f) => !f.message.includes('`')));
  const sarif = JSON.stringify(formatSarif(results, ALL_RULES, '0.0.0'));
  const run = JSON.parse(sarif).runs[0];
  for (const r of run.results) assert.ok(!r.message.text.includes('`'), r.message.text);
  assert.ok(run.results.some((r: { message: { markdown?: string } }) => r.message.markdown?.includes('`')));
});
