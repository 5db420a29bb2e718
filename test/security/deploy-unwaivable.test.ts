// Hostile settings: rule severities, `.sysdig-mesos.json` (rules, ignore entries) and settings shape what
// is *shown*; they must never let a syntax error or a guide placeholder be *sent* (issue 10 §3). Each case
// was deployable before: the POST carried the placeholder, or the body the tolerant parser repaired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareApp } from '../../server/src/cluster/deploy/index';
import type { LintContext } from '../../server/src/service/index';
import { fixedApp, FILE_KEY, marathon, placeholderKeyApp, root, SECRET_KEY } from '../cluster/deploy-helpers';
import { files, startCli } from './cli-child';

const NOT_SENT = /is not sent even though the rule is off/;

function refused(text: string, context: LintContext, secrets: { accessKey?: string } = {}, env: Record<string, string> = {}) {
  const r = prepareApp(text, { context, secrets, env, fileName: 'sysdig.json' });
  assert.equal(r.ok, false, `sent: ${r.ok && r.redacted}`);
  return (r as Extract<typeof r, { ok: false }>).problems;
}

/** the key left as the guide's placeholder, nothing to fill it */
const placeholderApp = placeholderKeyApp;
const trailingGarbage = placeholderKeyApp.trimEnd() + '\n}\n';
/** a typographic quote closing a string: the parser repairs it, Marathon answers 400 Invalid JSON */
const typographicQuote = placeholderKeyApp.replace('"sdc-agent" }', '"sdc-agent\u201d }');

test('hostile settings: the README\'s own .sysdig-mesos.json ("placeholder": "off") does not let deploy POST ACCESS_KEY=YOUR-ACCESS-KEY-HERE', async () => {
  // the example exactly as the README shows it
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Suppressions and `.sysdig-mesos.json`'));
  const example = /```json\n([\s\S]*?)```/.exec(section)![1];
  assert.match(example, /"placeholder": "off"/);
  const m = await marathon({ profile: '1.4', role: 'leader' });
  const f = files({ '.sysdig-mesos.json': example, 'sysdig.json': placeholderApp });
  const r = await startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes', '--rules-config', f['.sysdig-mesos.json']], { SYSDIG_ACCESS_KEY: '' }).exited;
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /:\d+:\d+ error placeholder "YOUR-ACCESS-KEY-HERE" is a placeholder .*is not sent even though the rule is off/);
  assert.match(r.stdout, /^Not deployed: /m);
  assert.equal(m.requests.length, 0, 'refused before any request');
});

test('hostile settings: placeholder off in the settings, ignored by an ignore entry, or lowered: still refused', () => {
  for (const context of [
    { settings: { rules: { placeholder: 'off' as const } } },
    { config: { ignore: [{ files: 'sysdig.json', rules: ['placeholder'] }] } },
    { config: { ignore: [{ pointer: '/container/docker/parameters/1/value' }] } },
    { config: { rules: { placeholder: 'hint' as const } } },
  ]) {
    const problems = refused(placeholderApp, context);
    const p = problems.find((x) => x.ruleId === 'placeholder');
    assert.ok(p, `${JSON.stringify(context)}: ${JSON.stringify(problems)}`);
    assert.equal(placeholderApp.split('\n')[p.line].slice(p.character, p.character + 20), 'YOUR-ACCESS-KEY-HERE');
  }
  assert.match(refused(placeholderApp, { settings: { rules: { placeholder: 'off' } } })[0].message, NOT_SENT);
});

test('hostile settings: with syntax off or lowered, a file with trailing garbage is not sent as the parser repaired it', () => {
  for (const context of [{ settings: { rules: { syntax: 'off' as const } } }, { config: { rules: { syntax: 'warning' as const } } }, { config: { ignore: [{ rules: ['syntax'] }] } }]) {
    const problems = refused(trailingGarbage, context, { accessKey: SECRET_KEY });
    assert.deepEqual(
      problems.map((p) => p.ruleId),
      ['syntax'],
      JSON.stringify(context),
    );
    assert.match(problems[0].message, /a file with a syntax error is not sent even though the rule is off/);
    assert.equal(problems[0].line, trailingGarbage.trimEnd().split('\n').length - 1, 'at the garbage');
  }
});

test('hostile text: a syntax error inside the value a fill replaces still refuses (the fill answers placeholders, not syntax)', () => {
  // `\q` is no JSON escape: Marathon's parser refuses the file; the fill would have hidden that
  const badEscape = placeholderKeyApp.replace('ACCESS_KEY=YOUR-ACCESS-KEY-HERE', 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE\\q');
  assert.notEqual(badEscape, placeholderKeyApp);
  const r = prepareApp(badEscape, { secrets: { accessKey: SECRET_KEY }, fileName: 'sysdig.json' });
  assert.equal(r.ok, false, `sent: ${r.ok && r.redacted}`);
  const problems = (r as Extract<typeof r, { ok: false }>).problems;
  assert.deepEqual(
    problems.map((p) => p.ruleId),
    ['syntax'],
  );
  assert.match(problems[0].message, /a value filled at send time does not repair the file around it/);
});

test('hostile settings: with smart-quotes off, typographic quotes the parser repaired are not sent as ASCII quotes', () => {
  const problems = refused(typographicQuote, { settings: { rules: { 'smart-quotes': 'off' } } }, { accessKey: SECRET_KEY });
  assert.deepEqual(
    problems.map((p) => p.ruleId),
    ['syntax'],
  );
  assert.match(problems[0].message, /typographic quote .*not sent even though the rule is off/);
  const line = typographicQuote.split('\n')[problems[0].line];
  assert.equal(line[problems[0].character], '\u201d');
});

test('hostile values: a placeholder arriving through ${VAR} or SYSDIG_ACCESS_KEY is not sent either', () => {
  const withVar = fixedApp.replace('"name" : "sdc-agent"', '"name" : "${AGENT_NAME}"');
  const byVar = refused(withVar, {}, {}, { AGENT_NAME: 'YOUR-NAME-HERE' });
  assert.equal(byVar[0].ruleId, 'placeholder');
  assert.match(byVar[0].message, /\$\{AGENT_NAME\} is the guide placeholder "YOUR-NAME-HERE", not a real value: it is not sent/);
  const byKey = refused(placeholderApp, {}, { accessKey: 'YOUR-ACCESS-KEY-HERE' });
  assert.equal(byKey[0].ruleId, 'placeholder');
  assert.match(byKey[0].message, /SYSDIG_ACCESS_KEY holds the guide placeholder/);
  // the same file with real values goes through
  assert.equal(prepareApp(withVar, { env: { AGENT_NAME: 'sdc-agent' } }).ok, true);
  assert.equal(prepareApp(placeholderApp, { secrets: { accessKey: SECRET_KEY } }).ok, true);
  assert.ok(!JSON.stringify(byKey).includes(FILE_KEY));
});
