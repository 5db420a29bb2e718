import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type Finding } from '../../server/src/service/index';
import { MARATHON_RULES } from '../../server/src/service/rules/marathon/index';
import { applyEdits } from '../helpers/edits';
import { AGENT_APP, agentApp, marathonAppFiles, readCorpus, vendorGuideAppFilled, vendorGuideAppRaw } from './marathon-fixtures';

/** The whole service, every rule of every helper, as the CLI and the LSP server run it. */
const service = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${(error as Error)?.stack ?? error}`);
  },
});
const MINE = new Set(MARATHON_RULES.map((r) => r.id));

function lint(text: string) {
  return service.lint(text, 'marathon-app');
}

function show(text: string, findings: Finding[]): string {
  const { doc } = lint(text);
  return findings
    .map((f) => {
      const p = doc.lines.positionAt(f.start);
      return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId}: ${f.message}`;
    })
    .join('\n');
}

const { accepted, rejected, allFields } = marathonAppFiles();

for (const f of accepted) {
  test(`marathon corpus (a): ${f} gives no error`, () => {
    const text = readCorpus('marathon-apps', f);
    const { findings } = lint(text);
    const errors = findings.filter((x) => x.severity === 'error');
    assert.equal(errors.length, 0, `errors on an app Marathon accepted:\n${show(text, errors)}`);
  });
}

/** Which of our rules reports each app Marathon refused (snapshot). */
const REFUSED_BY: Record<string, string[]> = {
  'rejected.issue-1023.id-with-underscore.json': ['marathon-id'],
  // a PUT body: no id, no cmd, and the number as a string
  'rejected.issue-1632.instances-as-string.update.json': ['marathon-cmd-args', 'marathon-id', 'marathon-number-as-string'],
  'rejected.issue-3161.constraint-operator-lowercase.json': ['marathon-constraint'],
  'rejected.issue-3338.healthcheck-portindex-negative.json': ['marathon-number'],
  'rejected.issue-4978.empty-container.json': ['marathon-cmd-args'],
  'rejected.issue-536.no-cmd-args-or-container.json': ['marathon-cmd-args'],
  'marathon-docs.app-all-fields-1.4.json': ['marathon-cmd-args'],
  'marathon-docs.app-all-fields-1.5+.json': ['marathon-cmd-args'],
};

for (const f of [...rejected, ...allFields]) {
  test(`marathon corpus (b): ${f} gives an error, from ${(REFUSED_BY[f] ?? ['?']).join(', ')}`, (t) => {
    assert.ok(f in REFUSED_BY, `new refused app ${f}: add it to the snapshot`);
    const text = readCorpus('marathon-apps', f);
    const { findings } = lint(text);
    const errors = findings.filter((x) => x.severity === 'error');
    assert.ok(errors.length > 0, 'Marathon refuses this app, so at least one error is expected');
    const ours = [...new Set(errors.filter((e) => MINE.has(e.ruleId)).map((e) => e.ruleId))].sort();
    assert.deepEqual(ours, REFUSED_BY[f]);
    const others = errors.filter((e) => !MINE.has(e.ruleId));
    if (others.length) t.diagnostic(`also reported by other rules:\n${show(text, others)}`);
  });
}

/**
 * What the guide's app (and the real agent apps modelled on it) still gets: one warning, because with the default
 * upgradeStrategy an update of an agent on every node cannot finish. Expected and correct; its fix is in
 * examples/fixed/sysdig.json.
 */
const UPGRADE_WARNING = ['agent-app-upgrade-strategy warning'];

test('marathon corpus (c): the vendor guide app, placeholders filled, gives only the upgrade-strategy warning', () => {
  const text = vendorGuideAppFilled();
  assert.ok(!/YOUR-|COLLECTOR-ADDRESS-HERE|[\u201C\u201D]/.test(text), 'fixture still holds a placeholder');
  JSON.parse(text);
  const { findings } = lint(text);
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`), UPGRADE_WARNING, show(text, findings));
});

test('marathon corpus (c): the vendor guide app as printed is refused (syntax), but not by the Marathon/agent rules (which only warn about the upgrade strategy)', () => {
  const text = vendorGuideAppRaw();
  const { findings } = lint(text);
  assert.ok(findings.some((f) => f.severity === 'error'), 'the printed app is not valid JSON');
  assert.deepEqual(findings.filter((f) => MINE.has(f.ruleId)).map((f) => `${f.ruleId} ${f.severity}`), UPGRADE_WARNING, show(text, findings));
});

test('marathon corpus: the sysdig-cloud-scripts agent apps, placeholders filled, give only the upgrade-strategy warning', () => {
  for (const f of ['draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig.json', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json']) {
    const text = readCorpus('marathon-sysdig', f)
      .replace('YOUR-NUMBER-OF-INSTANCES-HERE', '4')
      .replace(/ACCESS_KEY=[^"]*/, 'ACCESS_KEY=5f3c2a1e-8b7d-4c6e-9a0f-1d2e3f4a5b6c')
      .replace(/COLLECTOR=[^"]*/, 'COLLECTOR=collector.example.com');
    const { findings } = lint(text);
    assert.deepEqual(findings.map((x) => `${x.ruleId} ${x.severity}`), UPGRADE_WARNING, `${f}:\n${show(text, findings)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Fixes: every fix of our rules keeps a valid app valid JSON, and applying them converges.

const BROKEN_AGENT_APPS = [
  '{"id": "Sysdig_Agent", "container": {"docker": {"image": "sysdig/agent"}}}',
  '{\n  "id": "sysdig_agent",\n  "instances": "3",\n  "container": {\n    "type": "DOCKER",\n    "docker": {\n      "image": "sysdig/agent",\n      "network": "BRIDGE",\n      "parameters": []\n    },\n    "volumes": []\n  },\n  "env": {\n    "CHECK_CERT": "false"\n  },\n  "constraints": ["hostname:unique"]\n}\n',
  agentApp('      "privileged": true,\n', '').replace('[["hostname", "UNIQUE"]]', '[["hostname", "unique"]]'),
  AGENT_APP.replace(/,\n    "volumes": \[[\s\S]*\n      \]/, '').replace(/,\n      "parameters": \[[\s\S]*?\n      \]/, ''),
  '{\r\n  "id": "sysdig-agent",\r\n  "container": {\r\n    "docker": {\r\n      "image": "sysdig/agent"\r\n    }\r\n  }\r\n}\r\n',
];

test('marathon fixes: each fix alone keeps the JSON valid', () => {
  const texts = [...BROKEN_AGENT_APPS, ...accepted.map((f) => readCorpus('marathon-apps', f)), ...rejected.map((f) => readCorpus('marathon-apps', f))];
  let checked = 0;
  for (const text of texts) {
    for (const f of lint(text).findings.filter((x) => MINE.has(x.ruleId))) {
      for (const fix of f.fixes ?? []) {
        const out = applyEdits(text, fix.edits);
        assert.doesNotThrow(() => JSON.parse(out), `${f.ruleId} fix "${fix.title}" broke the JSON:\n${out}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 20, `only ${checked} fixes exercised`);
});

/**
 * "Fix all" with ESLint's semantics: fixes in document order, a fix is skipped when it starts at or before the
 * end of one already applied (two insertions at one point would both add the same member), then lint again.
 */
function fixAllRound(text: string): string | undefined {
  const fixes = lint(text)
    .findings.filter((x) => MINE.has(x.ruleId) && x.fixes?.length)
    .map((f) => f.fixes![0])
    .map((fix) => ({ fix, start: Math.min(...fix.edits.map((e) => e.start)), end: Math.max(...fix.edits.map((e) => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (!fixes.length) return undefined;
  const chosen = [];
  let lastEnd = -1;
  for (const f of fixes) {
    if (f.start <= lastEnd) continue;
    chosen.push(...f.fix.edits);
    lastEnd = f.end;
  }
  return applyEdits(text, chosen);
}

test('marathon fixes: "fix all" converges to an app our rules accept', () => {
  for (const start of BROKEN_AGENT_APPS) {
    let text = start;
    for (let round = 0; round < 12; round++) {
      const next = fixAllRound(text);
      if (next === undefined) break;
      text = next;
      JSON.parse(text);
    }
    const { findings } = lint(text);
    assert.deepEqual(findings.filter((x) => MINE.has(x.ruleId)).map((f) => `${f.ruleId}: ${f.message}`), [], `after fixing:\n${text}`);
    assert.equal((text.match(/"env":/g) ?? []).length <= 1 && (text.match(/"parameters":/g) ?? []).length <= 1, true, `a member was added twice:\n${text}`);
    // the only thing left for the user: the access key placeholder the fix inserted
    const left = findings.filter((x) => !MINE.has(x.ruleId));
    assert.ok(left.every((p) => p.ruleId === 'placeholder' && text.slice(p.start, p.end) === 'YOUR-ACCESS-KEY-HERE'), show(text, left));
  }
});
