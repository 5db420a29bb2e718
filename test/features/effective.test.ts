// The rules over env and ADDITIONAL_CONF on Sysdig's published app, whole file: the fixes edit only the lines
// they name and keep the app valid JSON whose ADDITIONAL_CONF writes the rest; the hover on the ADDITIONAL_CONF name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { readCorpus } from '../corpus/marathon-fixtures';
import { bash } from '../helpers/echo';

const svc = createLanguageService();
const SECURE = ['marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'] as const;
const CONF = String.raw`security: {enabled: true}\ncommandlines_capture: {enabled: true}\nmemdump: {enabled: true}`;
const RULE = 'agent-app-env-conf-conflict';

function confValue(text: string): string {
  const app = JSON.parse(text);
  const p = app.container.docker.parameters.find((x: { value: string }) => String(x.value).startsWith('ADDITIONAL_CONF='));
  return String(p.value).slice('ADDITIONAL_CONF='.length);
}

test('the published app as published: nothing set twice, no finding of the rules over env and ADDITIONAL_CONF', () => {
  const { findings } = svc.lint(readCorpus(...SECURE), 'marathon-app');
  assert.deepEqual(findings.filter((f) => f.ruleId === RULE || f.ruleId === 'agent-app-additional-conf-persisted'), []);
});

test('the published app with collector and customerid added to ADDITIONAL_CONF: fix all gives back the published file', () => {
  const orig = readCorpus(...SECURE).replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3');
  const added = orig.replace(CONF, String.raw`customerid: 0000-1111\nsecurity: {enabled: true}\ncommandlines_capture: {enabled: true}\ncollector: backend.example.com\nmemdump: {enabled: true}`);
  const { findings } = svc.lint(added, 'marathon-app');
  const mine = findings.filter((f) => f.ruleId === RULE);
  assert.deepEqual(mine.map((f) => added.slice(f.start, f.end)), ['customerid: 0000-1111', 'collector: backend.example.com']);
  // each fix alone removes its own line, nothing else
  assert.equal(applyEdits(added, mine[0].fixes![0].edits), added.replace(String.raw`customerid: 0000-1111\n`, ''));
  assert.equal(applyEdits(added, mine[1].fixes![0].edits), added.replace(String.raw`collector: backend.example.com\n`, ''));
  const all = svc.fixAll(added, 'marathon-app', {}, (f) => f.ruleId === RULE);
  assert.equal(all.output, orig);
  // what the entrypoint's echo -e writes from the fixed value (a real bash): the three published settings
  assert.deepEqual(bash([confValue(all.output)]), ['security: {enabled: true}\ncommandlines_capture: {enabled: true}\nmemdump: {enabled: true}\n']);
});

test('the published app with RUN_MODE and a run_mode line in ADDITIONAL_CONF: the fix removes that line', () => {
  const orig = readCorpus(...SECURE).replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3').replace('{ "key": "shm-size"', '{ "key": "env", "value": "RUN_MODE=nodriver" },\n        { "key": "shm-size"');
  const added = orig.replace(CONF, `${CONF}\\nrun_mode: standard`);
  const { findings } = svc.lint(added, 'marathon-app');
  const f = findings.find((x) => x.ruleId === RULE)!;
  assert.equal(added.slice(f.start, f.end), 'run_mode: standard');
  assert.equal(applyEdits(added, f.fixes![0].edits), orig);
});

test('hover on the ADDITIONAL_CONF name: appended only without an existing dragent.yaml; the app\'s volume named', () => {
  const text = readCorpus(...SECURE);
  const at = text.indexOf('ADDITIONAL_CONF=') + 3;
  const h = svc.hover(svc.parse(text, 'marathon-app'), at, [])!;
  assert.match(h.contents, /only when no dragent\.yaml existed before the container started/);
  assert.doesNotMatch(h.contents, /This app mounts a volume/);
  assert.equal(text.slice(h.start, h.end), 'ADDITIONAL_CONF=');
  const mounted = text.replace('"volumes": [', '"volumes": [\n        { "containerPath": "/opt/draios/etc", "hostPath": "/var/lib/sysdig", "mode": "RW" },');
  const doc = svc.parse(mounted, 'marathon-app');
  const m = svc.hover(doc, mounted.indexOf('ADDITIONAL_CONF=') + 3, svc.validate(doc))!;
  assert.match(m.contents, /This app mounts a volume at `\/opt\/draios\/etc`/);
  // the persisted-volume finding's paragraph follows
  assert.match(m.contents, /agent-app-additional-conf-persisted/);
  // inside the value, the embedded dragent.yaml hover answers, not this one
  const inside = svc.hover(svc.parse(text, 'marathon-app'), text.indexOf('memdump'), []);
  assert.doesNotMatch(inside?.contents ?? '', /only when no dragent\.yaml existed/);
});

test('hover on an env key ADDITIONAL_CONF', () => {
  const text = readCorpus(...SECURE).replace('"instances": YOUR-NUMBER-OF-INSTANCES-HERE,', '"instances": 3,\n  "env": { "ADDITIONAL_CONF": "security: {enabled: true}" },');
  const doc = svc.parse(text, 'marathon-app');
  const h = svc.hover(doc, text.indexOf('"ADDITIONAL_CONF"') + 2, [])!;
  assert.match(h.contents, /^\*\*ADDITIONAL_CONF\*\*/);
  assert.equal(text.slice(h.start, h.end), '"ADDITIONAL_CONF"');
});
