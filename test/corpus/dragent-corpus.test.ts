import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../helpers/rule-tester';
import { projectRoot } from '../helpers/paths';


/** Real dragent.yaml files (shared/corpus/dragent, see PROVENANCE-dragent.md); read in place, never copied. */
const DIR = join(projectRoot(), '..', 'shared', 'corpus', 'dragent');

/** The Jinja template is not YAML until rendered: it may only produce syntax errors. */
const TEMPLATE = 'springernature__ansible_dragent__templates__dragent.yaml';

/**
 * What the whole service reports below error level for each corpus file, as `severity:rule-id` (sorted).
 * Update deliberately: a change here is either a fix or a regression.
 */
const EXPECTED: Record<string, string[]> = {
  'VijayalakshmiKumar02__sysdig-agent__sysdig-agent-configmap__extracted-dragent.yaml': [],
  'alejandrobohorquez96__sysdigk8sagent-ibmcloud__sysdig-agent-configmap__extracted-dragent.yaml': [],
  'draios__sysdig-cloud-scripts__agent_deploy__kubernetes__sysdig-agent-configmap@2018-04-06__extracted-dragent.yaml': [],
  // `kubectl.configmap: true`: a ConfigMap template marker, never read by the agent
  'draios__sysdig-cloud-scripts__agent_deploy__kubernetes__sysdig-agent-configmap@2019-04-04__extracted-dragent.yaml': ['warning:unknown-key'],
  // `app_checks:` whose items are all commented out: an empty list is fine
  'draios__sysdig-cloud-scripts__agent_deploy__kubernetes__sysdig-agent-configmap@2019-06-24__extracted-dragent.yaml': [],
  'draios__sysdig-cloud-scripts__agent_deploy__openshift__sysdig-agent-configmap@2020-04-06__extracted-dragent.yaml': [],
  'entityoneuk__SysDigLAb__sysdig-agent-configmap__extracted-dragent.yaml': [],
  'joshbav__temp__sysdig-agent-configmap__extracted-dragent.yaml': [],
  'kenlavoie__k8sysdigboot__sysdig-agent-configmap__extracted-dragent.yaml': [],
  'marcredhat__sysdig-operator__sysdig-agent-configmap__extracted-dragent.yaml': [],
  // the typo `nmemdump`
  'samgabrail__sysdig__sysdig-agent-configmap__extracted-dragent.yaml': ['warning:unknown-key'],
  [TEMPLATE]: [],
  'zjuzzb__agent-libs__integtest__envs__redis-traffic__additional_conf.yaml': [],
  'zjuzzb__agent-libs__scripts__dragent.yaml': [],
  'zjuzzb__agent-libs__scripts__kubernetes__dragent.yaml': [],
  'zjuzzb__agent-libs__userspace__dragent__dragent.default@2015-12-07.yaml': [],
  'zjuzzb__agent-libs__userspace__dragent__dragent.default@2016-09-22.yaml': [],
  'zjuzzb__agent-libs__userspace__dragent__src__dragent.default@2021-10-26.yaml': [],
  'zjuzzb__agent-libs__userspace__sdjagent__dragent.yaml': [],
};

const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

test('dragent corpus: every file is listed here', { skip: files.length === 0 && 'shared/corpus/dragent not available' }, () => {
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const f of files) {
  test(`dragent corpus: ${f}`, () => {
    const { findings } = lint(readFileSync(join(DIR, f), 'utf8'), 'dragent');
    const errors = findings.filter((x) => x.severity === 'error');
    if (f === TEMPLATE) {
      assert.ok(errors.length > 0, 'the template does not parse as YAML');
      assert.deepEqual([...new Set(errors.map((x) => x.ruleId))], ['syntax']);
    } else {
      assert.deepEqual(
        errors.map((x) => `${x.ruleId}: ${x.message}`),
        [],
      );
    }
    const others = findings
      .filter((x) => x.severity !== 'error')
      .map((x) => `${x.severity}:${x.ruleId}`)
      .sort();
    assert.deepEqual(others, EXPECTED[f] ?? ['(file not in EXPECTED)']);
  });
}

test('dragent corpus: the real typo `nmemdump` is reported with the right suggestion and fix', { skip: files.length === 0 }, () => {
  const f = 'samgabrail__sysdig__sysdig-agent-configmap__extracted-dragent.yaml';
  const text = readFileSync(join(DIR, f), 'utf8');
  const { findings } = lint(text, 'dragent');
  const u = findings.filter((x) => x.ruleId === 'unknown-key');
  assert.equal(u.length, 1);
  assert.equal(text.slice(u[0].start, u[0].end), 'nmemdump');
  assert.match(u[0].message, /did you mean `memdump`\?/);
  assert.deepEqual(u[0].fixes?.[0].edits, [{ start: u[0].start, end: u[0].end, newText: 'memdump' }]);
});

test('dragent corpus: no unknown-key finding on a key the agent reads', { skip: files.length === 0 }, () => {
  const flagged: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(DIR, f), 'utf8');
    for (const x of lint(text, 'dragent').findings) if (x.ruleId === 'unknown-key') flagged.push(text.slice(x.start, x.end));
  }
  assert.deepEqual(flagged.sort(), ['kubectl.configmap', 'nmemdump']);
});
