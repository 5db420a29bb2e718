// ADDITIONAL_CONF as dragent.yaml in the editor's features: whole-file fixes on Sysdig's published app, every fix
// keeping the app valid JSON whose ADDITIONAL_CONF writes the fixed YAML, hover and completion inside the string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type Finding } from '../../server/src/service/index';
import { additionalConfs } from '../../server/src/service/embedded/additional-conf';
import { mapFix } from '../../server/src/service/embedded/embedded-findings';
import { applyEdits } from '../helpers/edits';
import { readCorpus } from '../corpus/marathon-fixtures';
import { bash, written } from '../helpers/echo';
import { cursor } from './fixtures';

const svc = createLanguageService();
const SECURE = ['marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'] as const;

/** the ADDITIONAL_CONF values of a valid JSON agent app, decoded by JSON.parse (docker parameters and env) */
function confValues(text: string): string[] {
  const app = JSON.parse(text);
  const out: string[] = [];
  for (const p of app.container?.docker?.parameters ?? []) if (p.key === 'env' && String(p.value).startsWith('ADDITIONAL_CONF=')) out.push(String(p.value).slice('ADDITIONAL_CONF='.length));
  if (typeof app.env?.ADDITIONAL_CONF === 'string') out.push(app.env.ADDITIONAL_CONF);
  return out;
}

test('the published app: its three settings are read as dragent.yaml and raise nothing', () => {
  const text = readCorpus(...SECURE);
  const { doc, findings } = svc.lint(text, 'marathon-app');
  const [conf] = additionalConfs(doc);
  assert.equal(conf.map.text, 'security: {enabled: true}\ncommandlines_capture: {enabled: true}\nmemdump: {enabled: true}\n');
  assert.deepEqual(findings.filter((f) => f.message.startsWith('In `ADDITIONAL_CONF`')), []);
});

test('the published app with typos in ADDITIONAL_CONF: each fix edits only its characters, both together repair it', () => {
  const orig = readCorpus(...SECURE);
  const typo = orig.replace('memdump: {enabled: true}', 'memdump: {enabld: true}').replace('security: {', 'securty: {');
  const { findings } = svc.lint(typo, 'marathon-app');
  const mine = findings.filter((f) => f.message.startsWith('In `ADDITIONAL_CONF`'));
  assert.deepEqual(mine.map((f) => [f.ruleId, typo.slice(f.start, f.end)]), [['unknown-key', 'securty'], ['unknown-key', 'enabld']]);
  const first = applyEdits(typo, mine[0].fixes![0].edits);
  assert.equal(first, typo.replace('securty: {', 'security: {'));
  const second = applyEdits(typo, mine[1].fixes![0].edits);
  assert.equal(second, typo.replace('enabld', 'enabled'));
  assert.equal(applyEdits(typo, mine.flatMap((f) => f.fixes![0].edits)), orig);
});

test('a fix in a value written with echo newlines (\\\\n) keeps writing them that way', () => {
  const orig = readCorpus(...SECURE).replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3');
  const echoStyle = orig.replace('security: {enabled: true}\\ncommandlines_capture: {enabled: true}\\nmemdump: {enabled: true}', 'security: {enabled: true}\\\\nlog: {file_priority: verbose}');
  const { findings } = svc.lint(echoStyle, 'marathon-app');
  const f = findings.find((x) => x.ruleId === 'log-priority')!;
  assert.equal(echoStyle.slice(f.start, f.end), 'verbose');
  const fixed = applyEdits(echoStyle, f.fixes![0].edits);
  assert.deepEqual(confValues(fixed).map(written), [`security: {enabled: true}\nlog: {file_priority: ${f.fixes![0].edits[0].newText}}\n`]);
  assert.ok(fixed.includes('security: {enabled: true}\\\\nlog: {file_priority: '));
});

// ---- every fix keeps the app valid JSON whose ADDITIONAL_CONF writes exactly the fixed YAML (property) ----------

const LINES = [
  'mesos_state_url: http://10.0.0.1:5050',
  'mesos_timeout_ms: 10s',
  'log: {file_priority: verbose}',
  "tags: 'it’s'",
  'tags: “role:agent”',
  'memdump: {enabld: true}',
  'security: {enabled: true}',
  '"mesos_state_url": "http://10.0.0.1:5050"',
  'k8s_cluster_name: a\\b',
  'k8s_cluster_name: café',
  'marathon_uris: http://10.0.0.1:8080',
  'mesos_state_uri: https://10.0.0.1:5050',
  'log:\n  file_prority: info',
];

/** the value's characters written as JSON string source, some of them escaped without need */
const encodeValue = (yaml: string, echoNewlines: boolean, escapeMask: number[]) =>
  [...yaml]
    .map((c, i) => {
      if (c === '\n') return echoNewlines ? '\\\\n' : '\\n';
      if (c === '\\') return '\\\\\\\\';
      if (c === '"') return '\\"';
      if (escapeMask[i % escapeMask.length] === 1) return [...c].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      return c;
    })
    .join('');

const appWith = (source: string, inEnv: boolean) =>
  inEnv
    ? `{\n  "id": "sysdig-agent",\n  "env": { "ADDITIONAL_CONF": "${source}" },\n  "container": { "docker": { "image": "sysdig/agent" } }\n}\n`
    : `{\n  "id": "sysdig-agent",\n  "container": { "docker": { "image": "sysdig/agent", "parameters": [\n    { "key": "env", "value": "ADDITIONAL_CONF=${source}" }\n  ] } }\n}\n`;

test('every fix of every embedded finding: valid JSON, and the value writes the fixed YAML (property, checked with bash)', () => {
  const arb = fc.record({
    lines: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 5 }),
    echo: fc.boolean(),
    env: fc.boolean(),
    mask: fc.array(fc.constantFrom(0, 0, 0, 1), { minLength: 1, maxLength: 7 }),
  });
  const pairs: { value: string; want: string }[] = [];
  let fixes = 0;
  fc.assert(
    fc.property(arb, ({ lines, echo, env, mask }) => {
      const yaml = lines.join('\n');
      const text = appWith(encodeValue(yaml, echo, mask), env);
      assert.deepEqual(confValues(text).map(written), [yaml + '\n']);
      const doc = svc.parse(text, 'marathon-app');
      const [conf] = additionalConfs(doc);
      assert.equal(conf.map.text, yaml + '\n');
      for (const f of svc.lint(conf.map.text, 'dragent').findings) {
        for (const fix of f.fixes ?? []) {
          const want = applyEdits(conf.map.text, fix.edits);
          const fixed = applyEdits(text, mapFix(conf, fix).edits);
          const [value] = confValues(fixed); // throws on invalid JSON
          assert.equal(written(value), want.endsWith('\n') ? want : want + '\n', `${f.ruleId}: ${fix.title}\n${text}\n→\n${fixed}`);
          pairs.push({ value, want: written(value)! });
          fixes++;
        }
      }
    }),
    { numRuns: 150, seed: 12 },
  );
  assert.ok(fixes > 300, `only ${fixes} fixes checked`);
  // the model of echo -e is itself checked against bash: the same texts from a real bash
  const sample = pairs.filter((_, i) => i % 5 === 0);
  assert.deepEqual(bash(sample.map((p) => p.value)), sample.map((p) => p.want));
});

test('the findings the service reports carry the same fixes as mapping them by hand', () => {
  const text = appWith(encodeValue('mesos_timeout_ms: 10s\nlog: {file_priority: verbose}', true, [0]), false);
  const { findings } = svc.lint(text, 'marathon-app');
  const got = findings.filter((f: Finding) => f.message.startsWith('In `ADDITIONAL_CONF`')).map((f) => [f.ruleId, text.slice(f.start, f.end)]);
  assert.deepEqual(got, [['number-with-unit', '10s'], ['log-priority', 'verbose']]);
});

// ---- hover and completion inside the string ---------------------------------------------------------------------

const hoverAt = (marked: string) => {
  const { text, offset } = cursor(marked);
  const { doc, findings } = svc.check(text, 'marathon-app');
  return { h: svc.hover(doc, offset, findings), text };
};

test('hover on a key inside ADDITIONAL_CONF: the dragent.yaml key documentation, on the key\'s characters', () => {
  const { h, text } = hoverAt(appWith('security: {enabled: true}\\nmesos_sta|te_uri: http://10.0.0.1:5050', true));
  assert.ok(h);
  assert.match(h.contents, /\*\*mesos_state_uri\*\*/);
  assert.equal(text.slice(h.start, h.end), 'mesos_state_uri');
});

test('hover on an unknown key inside ADDITIONAL_CONF: the rule\'s paragraph, on the escaped characters', () => {
  const { h, text } = hoverAt(appWith('\\"mesos_st|ate_url\\": x', false));
  assert.ok(h);
  assert.match(h.contents, /\*\*unknown-key\*\*/);
  assert.equal(text.slice(h.start, h.end), '\\"mesos_state_url\\"');
});

test('hover elsewhere in the app is the app\'s own', () => {
  const { h } = hoverAt(appWith('security: {enabled: true}', true).replace('"image"', '"im|age"'));
  assert.ok(h && !/mesos_state_uri/.test(h.contents));
});

const completeAt = (marked: string) => {
  const { text, offset } = cursor(marked);
  return { items: svc.complete(svc.parse(text, 'marathon-app'), offset), text };
};

test('completion of a top-level key after a \\n: dragent keys, inserted at the cursor', () => {
  const { items, text } = completeAt(appWith('security: {enabled: true}\\nmesos_st|', true));
  const it = items.find((i) => i.label === 'mesos_state_uri');
  assert.ok(it, items.map((i) => i.label).slice(0, 20).join());
  assert.equal(text.slice(it.start, it.end), 'mesos_st');
  assert.equal(it.insertText, 'mesos_state_uri: ');
});

test('completion of a key whose value is a mapping writes the newline as the string writes them', () => {
  for (const [nl, want] of [['\\n', 'log:\\n  '], ['\\\\n', 'log:\\\\n  ']] as const) {
    const { items, text } = completeAt(appWith(`security: {enabled: true}${nl}lo|`, false));
    const it = items.find((i) => i.label === 'log')!;
    assert.equal(it.insertText, want);
    const inserted = applyEdits(text, [{ start: it.start, end: it.end, newText: it.insertText }]);
    assert.deepEqual(confValues(inserted).map(written), ['security: {enabled: true}\nlog:\n  \n']);
  }
});

test('completion inside a flow mapping in the string, and of a value', () => {
  const flow = completeAt(appWith('memdump: {ena|}', true));
  assert.ok(flow.items.some((i) => i.label === 'enabled' && i.insertText === 'enabled: '));
  const value = completeAt(appWith('log:\\n  file_priority: |', true));
  assert.ok(value.items.some((i) => i.label === 'debug'), value.items.map((i) => i.label).join());
});

test('the Mesos and Marathon snippet inside the string: its newlines encoded, its tab stops kept', () => {
  const { items, text } = completeAt(appWith('security: {enabled: true}\\n|', true));
  const it = items.find((i) => i.kind === 'snippet')!;
  assert.ok(it.snippet);
  assert.equal(it.insertText, 'mesos_state_uri: http://${1}:5050\\\\nmarathon_uris:\\\\n  - http://${2}:8080\\\\n');
  // as VS Code inserts it with the tab stops left empty
  const plain = it.insertText.replace(/\$\{\d+\}/g, '').replace(/\\([$}\\])/g, '$1');
  const inserted = applyEdits(text, [{ start: it.start, end: it.end, newText: plain }]);
  assert.deepEqual(confValues(inserted).map(written), ['security: {enabled: true}\nmesos_state_uri: http://:5050\nmarathon_uris:\n  - http://:8080\n\n']);
});

test('completion outside ADDITIONAL_CONF is the app\'s own', () => {
  const { items } = completeAt(appWith('security: {enabled: true}', true).replace('"id"', '"id", "inst|"'));
  assert.ok(items.some((i) => i.label === 'instances'));
});
