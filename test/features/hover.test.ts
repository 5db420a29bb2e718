import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { cursor } from './fixtures';

const svc = createLanguageService();

function hoverAt(marked: string, kind: 'dragent' | 'marathon-app') {
  const { text, offset } = cursor(marked);
  const { doc, findings } = svc.check(text, kind);
  return { h: svc.hover(doc, offset, findings), text };
}

test('hover on a dragent key: description, type, default, accepted forms', () => {
  const { h, text } = hoverAt('customerid: x\napp_che|cks_enabled: yes\n', 'dragent');
  assert.ok(h);
  assert.match(h.contents, /\*\*app_checks_enabled\*\*/);
  assert.match(h.contents, /Turns all Python app-check integrations on or off/);
  assert.match(h.contents, /\*\*Type:\*\* boolean/);
  assert.match(h.contents, /yes\/no, on\/off/);
  assert.match(h.contents, /\*\*Default:\*\* `true`/);
  assert.equal(text.slice(h.start, h.end), 'app_checks_enabled');
});

test('hover on a nested dragent value shows its key; on a list item the list key', () => {
  const nested = hoverAt('log:\n  file_priority: inf|o\n', 'dragent');
  assert.match(nested.h!.contents, /\*\*log\.file_priority\*\*/);
  assert.match(nested.h!.contents, /Default:\*\* `"info"`/);
  assert.equal(nested.text.slice(nested.h!.start, nested.h!.end), 'info');
  const gap = hoverAt('customerid: x\ncollector_port: | 6443\n', 'dragent');
  assert.match(gap.h!.contents, /\*\*collector_port\*\*/);
  const item = hoverAt('marathon_uris:\n  - http://a:80|80\n', 'dragent');
  assert.match(item.h!.contents, /\*\*marathon_uris\*\*/);
});

test('hover on a deprecated dragent key says so', () => {
  const r = hoverAt('marathon_ap|ps_uri: http://m:8080\n', 'dragent');
  assert.match(r.h!.contents, /\*\*Deprecated:\*\* Pre-release Mesos key .*Use `marathon_uris`/);
});

test('hover on a Marathon field: description, type, accepted values; and on a nested field', () => {
  const { h } = hoverAt('{"id": "a", "inst|ances": 1}', 'marathon-app');
  assert.match(h!.contents, /\*\*instances\*\*/);
  assert.match(h!.contents, /How many tasks to run/);
  assert.match(h!.contents, /\*\*Type:\*\* integer/);
  assert.match(h!.contents, /\*\*Range:\*\* 0 to/);
  const net = hoverAt('{"id": "a", "container": {"docker": {"network": "HO|ST"}}}', 'marathon-app');
  assert.match(net.h!.contents, /\*\*container\.docker\.network\*\*/);
  assert.match(net.h!.contents, /`BRIDGE`, `HOST`, `NONE`, `USER`/);
  assert.match(net.h!.contents, /deprecated in 1\.5/);
});

test('hover adds the doc paragraph of every rule whose finding covers the cursor', () => {
  const { h } = hoverAt('mesos_state_uri: http://my|_host:5050\n', 'dragent');
  assert.ok(h);
  assert.match(h.contents, /\*\*mesos_state_uri\*\*/);
  assert.match(h.contents, /\*\*uri-host-underscore\*\*/);
  const unknown = hoverAt('customerid: x\nfoo_ba|r: 1\n', 'dragent');
  assert.ok(unknown.h);
  assert.match(unknown.h.contents, /\*\*unknown-key\*\*/);
  assert.doesNotMatch(unknown.h.contents, /\*\*foo_bar\*\*/);
});

test('hover on upgradeStrategy in a one-per-node agent app: the schema facts and the agent-app-upgrade-strategy paragraph, with no finding', () => {
  const agent = (key: string) =>
    `{"id": "sysdig-agent", "instances": 3, "constraints": [["hostname", "UNIQUE"]], "container": {"docker": {"image": "sysdig/agent"}}, "upgradeStrategy": {"minimumHealthCapacity": 0, ${key}: 0}}`;
  const mhc = hoverAt(agent('"maximumOverCapacity"').replace('minimumHealth', 'minimum|Health'), 'marathon-app');
  assert.ok(mhc.h);
  assert.equal(svc.check(mhc.text, 'marathon-app').findings.filter((f) => f.ruleId === 'agent-app-upgrade-strategy').length, 0);
  assert.match(mhc.h.contents, /\*\*upgradeStrategy\.minimumHealthCapacity\*\*/);
  assert.match(mhc.h.contents, /keeps ceil\(instances × minimumHealthCapacity\) old tasks/);
  assert.match(mhc.h.contents, /\*\*Default:\*\* `1`/);
  assert.match(mhc.h.contents, /\*\*agent-app-upgrade-strategy\*\* — /);
  assert.match(mhc.h.contents, /gap in monitoring on each node/);
  assert.equal(mhc.text.slice(mhc.h.start, mhc.h.end), '"minimumHealthCapacity"');
  const top = hoverAt(agent('"maximumOverCapacity"').replace('"upgradeStrategy"', '"upgrade|Strategy"'), 'marathon-app');
  assert.match(top.h!.contents, /\*\*agent-app-upgrade-strategy\*\*/);
  // once only when a finding covers the key as well
  const stuck = hoverAt('{"id": "sysdig-agent", "constraints": [["hostname", "UNIQUE"]], "container": {"docker": {"image": "sysdig/agent"}}, "upgrade|Strategy": {}}', 'marathon-app');
  assert.equal(stuck.h!.contents.split('**agent-app-upgrade-strategy**').length, 2);
  // not for another app, nor for another key of the agent app
  const web = hoverAt('{"id": "web", "constraints": [["hostname", "UNIQUE"]], "container": {"docker": {"image": "nginx"}}, "upgradeStrategy": {"minimum|HealthCapacity": 1}}', 'marathon-app');
  assert.match(web.h!.contents, /\*\*upgradeStrategy\.minimumHealthCapacity\*\*/);
  assert.doesNotMatch(web.h!.contents, /agent-app-upgrade-strategy/);
  const inst = hoverAt(agent('"maximumOverCapacity"').replace('"instances"', '"inst|ances"'), 'marathon-app');
  assert.doesNotMatch(inst.h!.contents, /agent-app-upgrade-strategy/);
});

test('no hover on whitespace, comments, or unknown-free free text', () => {
  assert.equal(hoverAt('# a co|mment\ncustomerid: x\n', 'dragent').h, undefined);
  assert.equal(hoverAt('|\n', 'dragent').h, undefined);
});

test('hover is fast: < 20 ms per request on a 1,000-line dragent.yaml (median of 50)', () => {
  const lines: string[] = ['customerid: abc'];
  for (let i = 0; lines.length < 1000; i++) lines.push(`log:`, `  file_priority: info`, `app_checks_enabled: yes`, `tags: a${i}`, `# comment ${i}`);
  const text = lines.join('\n') + '\n';
  const { doc, findings } = svc.check(text, 'dragent');
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const off = text.indexOf('file_priority', (i * 997) % (text.length - 100));
    const t0 = performance.now();
    svc.hover(doc, off >= 0 ? off + 2 : 5, findings);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  assert.ok(times[25] < 20, `median ${times[25]} ms`);
});
