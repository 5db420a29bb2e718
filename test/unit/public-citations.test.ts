// What users read cites what they can read: rule titles and docs (docs/rules.md), hovers (the schemas' key
// descriptions, the rule paragraphs, the ADDITIONAL_CONF name), messages and the effective dragent.yaml cite the
// agent image's docker-entrypoint.sh, yaml-cpp, the Sysdig docs or the vendor guide — never our research notes
// (../shared/docs/*.md, their "§" sections), which only code comments and tests cite (server/src/service/public-sources.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, RULE_INFOS } from '../../server/src/service/index';
import { confNameHover } from '../../server/src/service/embedded/conf-name';
import { schema as dragentSchema } from '../../server/src/service/schema/generated/dragent';
import { schema as marathonSchema } from '../../server/src/service/schema/generated/marathon-app';
import { agentApp, readCorpus } from '../corpus/marathon-fixtures';

const NOTES = /agent-dragent\.md|mesos-marathon-api\.md|marathon-source-audit\.md|vendor-guide-mesos|architecture-sketch\.md|§/;
const clean = (what: string, text: string) => assert.doesNotMatch(text, NOTES, `${what} cites our notes: ${text.match(new RegExp(`.{0,60}(?:${NOTES.source}).{0,20}`))?.[0]}`);
const service = createLanguageService();
const LAST = 'COLLECTOR=collector.example.com" }';

test('no rule title or doc paragraph cites our notes', () => {
  assert.ok(RULE_INFOS.length > 40);
  for (const r of RULE_INFOS) {
    clean(`${r.id} title`, r.title);
    clean(`${r.id} docs`, r.docs);
  }
});

test("no key description of the schemas (the hovers on dragent.yaml and app keys) cites our notes", () => {
  assert.ok(dragentSchema && marathonSchema);
  clean('dragent.yaml schema', JSON.stringify(dragentSchema));
  clean('Marathon app schema', JSON.stringify(marathonSchema));
});

test('the ADDITIONAL_CONF hover cites the entrypoint, with and without a persisted volume', () => {
  for (const text of [confNameHover(undefined), confNameHover({ containerPath: '/opt/draios/etc', span: { start: 0, end: 1 } } as Parameters<typeof confNameHover>[0])]) {
    clean('ADDITIONAL_CONF hover', text);
    assert.match(text, /docker-entrypoint\.sh/);
  }
});

test('hovers, messages and the effective dragent.yaml of agent apps that raise the ADDITIONAL_CONF rules', () => {
  const conflict = agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=collector: other.example.com\\nrun_mode: a\\nbad: [" },\n        { "key": "env", "value": "RUN_MODE=nodriver" }`);
  const persisted = conflict.replace('"volumes": [', '"volumes": [\n        { "containerPath": "/opt/draios/etc", "hostPath": "/var/lib/sysdig", "mode": "RW" },');
  assert.notEqual(persisted, conflict, 'the fixture has volumes');
  const published = readCorpus('marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json');
  for (const text of [conflict, persisted, published]) {
    const { doc, findings } = service.check(text, 'marathon-app');
    assert.ok(findings.length > 0);
    for (const f of findings) clean(`${f.ruleId} message`, f.message);
    // a hover every few characters: rule paragraphs on the findings, key descriptions, the ADDITIONAL_CONF name
    let hovers = 0;
    for (let at = 0; at < text.length; at += 3) {
      const h = service.hover(doc, at, findings);
      if (!h) continue;
      hovers++;
      clean(`hover at ${at}`, h.contents);
    }
    assert.ok(hovers > 10, `${hovers} hovers`);
    const e = service.effective(doc)!;
    clean('effective dragent.yaml', e.yaml);
    clean('effective notes', e.config.notes.join('\n'));
  }
  const ids = new Set(service.check(persisted, 'marathon-app').findings.map((f) => f.ruleId));
  for (const id of ['agent-app-env-conf-conflict', 'agent-app-additional-conf-persisted']) assert.ok(ids.has(id), `${id} raised`);
});
