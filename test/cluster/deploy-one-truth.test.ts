// One truth between the editor and deploy (issue 11 §2, §4): with the same fills (an access key in secret
// storage, the collector setting, deploy.variables), what the editor shows as an error is exactly what deploy
// refuses, what deploy fills is an information in the editor, and every refusal names the way out the
// editor's user has (the command, the setting) — the CLI's names its environment variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareApp } from '../../server/src/cluster/deploy/index';
import { createLanguageService } from '../../server/src/service/index';
import { plainText } from '../../server/src/service/text/plain-text';
import type { DeployFills } from '../../server/src/service/deploy-fills';
import { FILE_KEY, fixedApp, SECRET_KEY } from './deploy-helpers';

const service = createLanguageService();
const COLLECTOR_PARAM = /\s*,\s*\{ "key": "env", "value": "COLLECTOR=collector.example.com" \}/;

/** the fixed app with its ACCESS_KEY parameter value replaced */
const withKey = (value: string) => fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, `ACCESS_KEY=${value}`);
const VARIANTS: Record<string, string> = {
  'guide placeholder': withKey('YOUR-ACCESS-KEY-HERE'),
  'guide sample key': withKey('831g28-Your-Key-Here-a0fpc9d'),
  'empty ACCESS_KEY=': withKey(''),
  'ACCESS_KEY=${ACCESS_KEY} (the walkthrough)': withKey('${ACCESS_KEY}'),
  'ACCESS_KEY=${MY_KEY}': withKey('${MY_KEY}'),
  'a real key in the file': fixedApp,
  'no ACCESS_KEY at all': fixedApp.replace(/\s*\{ "key": "env", "value": "ACCESS_KEY=[^"]*" \},/, ''),
  'collector placeholder': fixedApp.replace('COLLECTOR=collector.example.com', 'COLLECTOR=COLLECTOR-ADDRESS-HERE'),
  'collector empty': fixedApp.replace('COLLECTOR=collector.example.com', 'COLLECTOR='),
  'no COLLECTOR': fixedApp.replace(COLLECTOR_PARAM, ''),
  'image tag ${AGENT_TAG}': fixedApp.replace('"image": "sysdig/agent"', '"image": "sysdig/agent:${AGENT_TAG}"'),
};

interface Door {
  accessKey?: string;
  collector?: string;
  variables: Record<string, string>;
}
const DOORS: Record<string, Door> = {
  nothing: { variables: {} },
  'key stored': { accessKey: SECRET_KEY, variables: {} },
  'key + collector': { accessKey: SECRET_KEY, collector: 'collector.eu.example', variables: {} },
  variables: { variables: { MY_KEY: SECRET_KEY, AGENT_TAG: '12.0.0' } },
  everything: { accessKey: SECRET_KEY, collector: 'collector.eu.example', variables: { MY_KEY: SECRET_KEY, AGENT_TAG: '12.0.0' } },
};

const fillsOf = (d: Door): DeployFills => ({ door: 'editor', accessKey: !!d.accessKey, collector: !!d.collector, variables: Object.keys(d.variables) });

for (const [variant, text] of Object.entries(VARIANTS)) {
  test(`one truth: ${variant}`, () => {
    if (variant !== 'a real key in the file') assert.notEqual(text, fixedApp, `the variant ${variant} changes the app`);
    for (const [doorName, door] of Object.entries(DOORS)) {
      const { findings } = service.check(text, 'marathon-app', { settings: { deployFills: fillsOf(door) } });
      const editorErrors = findings.filter((f) => f.severity === 'error');
      const r = prepareApp(text, { env: door.variables, secrets: { accessKey: door.accessKey, collector: door.collector }, door: 'editor' });
      const why = `${variant} / ${doorName}: editor ${JSON.stringify(findings.map((f) => [f.ruleId, f.severity, f.message]))}; deploy ${JSON.stringify(r.ok ? 'sends' : r.problems)}`;
      assert.equal(r.ok, editorErrors.length === 0, `deploy refuses exactly when the editor shows an error — ${why}`);
      if (!r.ok) {
        // every refusal is on a line the editor marks as an error, with the same rule
        for (const p of r.problems) {
          const on = editorErrors.find((f) => f.ruleId === p.ruleId && service.parse(text, 'marathon-app').lines.positionAt(f.start).line === p.line);
          assert.ok(on, `the refusal ${p.ruleId} on line ${p.line + 1} is an error in the editor — ${why}`);
        }
      }
      // what deploy fills from outside the file is said in the editor, as an information
      if (r.ok) for (const name of r.filled) if (name !== 'AGENT_TAG' && !text.includes(`\${${name}}`) && text !== fixedApp) assert.ok(findings.some((f) => f.severity === 'info' && f.message.includes(name)), `${name} filled: the editor says so — ${why}`);
    }
  });
}

test('one truth: the walkthrough as written — ACCESS_KEY=${ACCESS_KEY} and "Set Sysdig access key" — deploys, with the key sent and an information in the editor', () => {
  const text = withKey('${ACCESS_KEY}');
  const r = prepareApp(text, { env: {}, secrets: { accessKey: SECRET_KEY }, door: 'editor' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const sent = JSON.parse(r.body).container.docker.parameters.find((p: { value: string }) => p.value.startsWith('ACCESS_KEY='));
  assert.equal(sent.value, `ACCESS_KEY=${SECRET_KEY}`);
  assert.ok(!r.redacted.includes(SECRET_KEY), 'the key is masked in what is shown');
  const { findings } = service.check(text, 'marathon-app', { settings: { deployFills: { door: 'editor', accessKey: true, collector: false, variables: [] } } });
  const info = findings.find((f) => f.ruleId === 'deploy-variable');
  assert.equal(info?.severity, 'info');
  assert.equal(plainText(info!.message), `"\${ACCESS_KEY}" is filled from VS Code's secret storage at deploy (the file keeps "\${ACCESS_KEY}").`);
});

test('one truth: without a stored key, the refusal and the editor name the command (editor) or the variables (CLI)', () => {
  const text = withKey('${ACCESS_KEY}');
  const editor = prepareApp(text, { env: {}, secrets: {}, door: 'editor' });
  assert.equal(editor.ok, false);
  assert.match((editor as Extract<typeof editor, { ok: false }>).problems[0].message, /add "ACCESS_KEY" to the sysdig-mesos\.deploy\.variables setting, or run "Sysdig Mesos: Set Sysdig access key"/);
  const cli = prepareApp(text, { env: {}, secrets: {} });
  assert.match((cli as Extract<typeof cli, { ok: false }>).problems[0].message, /set the environment variable ACCESS_KEY, or set SYSDIG_ACCESS_KEY in the environment/);

  const placeholder = prepareApp(withKey('YOUR-ACCESS-KEY-HERE'), { env: {}, secrets: {}, door: 'editor' });
  assert.match((placeholder as Extract<typeof placeholder, { ok: false }>).problems[0].message, /replace it with your Sysdig access key, or keep it out of the file: run "Sysdig Mesos: Set Sysdig access key"/);
  const collector = prepareApp(fixedApp.replace('COLLECTOR=collector.example.com', 'COLLECTOR=COLLECTOR-ADDRESS-HERE'), { env: {}, secrets: {}, door: 'editor' });
  assert.match((collector as Extract<typeof collector, { ok: false }>).problems[0].message, /set the sysdig-mesos\.deploy\.collector setting and deploy fills it in/);
});

test('one truth: the guide placeholder stays an error in lint (no fills known): the file is judged alone', () => {
  const { findings } = service.check(withKey('YOUR-ACCESS-KEY-HERE'), 'marathon-app');
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['placeholder', 'error']]);
  assert.ok(!findings[0].message.includes('Set Sysdig access key'));
  assert.equal(service.check(withKey('${ACCESS_KEY}'), 'marathon-app').findings.length, 0, 'lint says nothing about ${VAR}s');
});
