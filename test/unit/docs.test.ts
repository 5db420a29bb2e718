import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../../server/src/service/rules/docs';
import { RULE_INFOS as ALL_RULES } from '../../server/src/service/index';
import { CHECK_DOCS, checkHref, renderChecksMarkdown } from '../../server/src/cluster/check-ids';
import { projectRoot } from '../helpers/paths';

test('docs/rules.md is generated from the current rules (run `npm run docs`)', () => {
  const committed = readFileSync(join(projectRoot(), 'docs', 'rules.md'), 'utf8');
  assert.equal(committed, renderRulesMarkdown());
});

test('every rule has a stable-looking id, a title and a real doc paragraph', () => {
  for (const r of ALL_RULES) {
    assert.match(r.id, /^[a-z][a-z0-9-]*$/, r.id);
    assert.ok(r.title.length > 10, `${r.id} title`);
    assert.ok(r.docs.length > 120, `${r.id} docs too short`);
    assert.ok(r.kinds.length > 0, `${r.id} kinds`);
  }
});

test('the rule ids promised in the foundation issue exist', () => {
  const ids = new Set(ALL_RULES.map((r) => r.id));
  for (const id of ['syntax', 'schema', 'https-unsupported', 'multiple-marathon-uris', 'placeholder', 'smart-quotes', 'unknown-key']) {
    assert.ok(ids.has(id), `missing rule ${id}`);
  }
});

test('docs/rules.md states a severity per field or profile where the rule declares one (issue 11 §15)', () => {
  const md = renderRulesMarkdown();
  const row = (id: string) => md.split('\n').find((l) => l.startsWith(`| [\`${id}\`]`)) ?? '';
  assert.match(row('uri-no-scheme'), /error on `marathon_uris`; warning on `mesos_state_uri`/);
  assert.match(row('mesos-uri-port'), /^\| [^|]+\| info with the agent profile guide-2016 \(the default\); warning with the agent profile latest \|/);
  assert.match(row('agent-app-volumes'), /error for a mode other than "RO" or "RW"/);
  assert.match(row('placeholder'), /\| error in general; info in the agent app's `ACCESS_KEY` or `COLLECTOR` when the editor's deploy fills that variable/);
  // a rule without cases keeps its one default
  assert.match(row('syntax'), /^\| [^|]+\| (error|warning) \(dragent\.yaml, Marathon app JSON\) \|/);
});

test('docs/checks.md is generated from the check ids (run `npm run docs`), and lists every id check.ts reports (issue 11 §8)', () => {
  const committed = readFileSync(join(projectRoot(), 'docs', 'checks.md'), 'utf8');
  assert.equal(committed, renderChecksMarkdown());
  const source = readFileSync(join(projectRoot(), 'server', 'src', 'cluster', 'check.ts'), 'utf8');
  const reported = new Set([...source.matchAll(/'((?:mesos|marathon|app)\.[a-z-]+)'/g)].map((m) => m[1]));
  const documented = new Set(CHECK_DOCS.map((c) => c.id));
  for (const id of reported) assert.ok(documented.has(id), `${id} is reported but not in CHECK_DOCS`);
  for (const id of documented) if (id !== 'marathon-rejected') assert.ok(reported.has(id), `${id} is documented but never reported`);
  // the link each diagnostic carries lands on the id's heading (GitHub drops the dots from anchors)
  for (const c of CHECK_DOCS) assert.ok(committed.includes(`\n## ${c.id}\n`) && checkHref(c.id).endsWith(`#${c.id.replace(/\./g, '')}`), c.id);
});
