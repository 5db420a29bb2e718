// The placeholder quick fix: the question the editor asks, the check of the typed value, and the edit on the
// whole file (only the placeholder changes; the file stays valid YAML/JSON and reads back as typed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createLanguageService, type DocKind } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from '../helpers/paths';

const svc = createLanguageService();
const guide = (name: string) => readFileSync(join(projectRoot(), 'examples', 'guide', name), 'utf8');

/** fills the n-th placeholder of the text with `value`; returns the question and the new text */
function fill(text: string, kind: DocKind, value: string, n = 0) {
  const { doc, findings } = svc.lint(text, kind);
  const f = findings.filter((x) => x.ruleId === 'placeholder')[n];
  assert.ok(f, 'a placeholder');
  const actions = svc.codeActions(doc, findings, { start: f.start, end: f.start });
  const ask = actions.find((a) => a.ask);
  assert.ok(ask, 'an action that asks');
  assert.equal(ask.edits.length, 0);
  assert.equal(ask.preferred, true);
  const edits = svc.fillPlaceholder(doc, f, value);
  assert.ok(edits);
  return { q: ask.ask!, problem: svc.checkPlaceholderValue(ask.ask!.expects, value), out: applyEdits(text, edits), f };
}

describe('fill a placeholder', () => {
  test("the guide's sysdig.json: unquoted instances becomes a number, the rest of the file untouched", () => {
    const text = guide('sysdig.json');
    const { q, problem, out, f } = fill(text, 'marathon-app', '3');
    assert.equal(q.expects, 'number');
    assert.equal(q.key, 'instances');
    assert.equal(problem, undefined);
    assert.equal(out, text.slice(0, f.start) + '3' + text.slice(f.end));
    assert.match(out, /"instances": 3,/);
    assert.ok(!svc.lint(out, 'marathon-app').findings.some((x) => x.ruleId === 'syntax' && x.start < out.indexOf('"labels"')));
  });

  test('a value that is not a number is refused for instances', () => {
    const text = guide('sysdig.json');
    assert.match(fill(text, 'marathon-app', 'three').problem!, /whole number/);
    assert.match(fill(text, 'marathon-app', '0').problem!, /At least 1/);
  });

  test('inside a JSON string (even in the guide\'s broken line): escaped, no quotes added', () => {
    const text = guide('sysdig.json');
    const { findings } = svc.lint(text, 'marathon-app');
    const n = findings.filter((x) => x.ruleId === 'placeholder').findIndex((x) => /ACCESS/i.test(text.slice(x.start, x.end)));
    const { q, out } = fill(text, 'marathon-app', 'ab"c', n);
    assert.equal(q.expects, 'access-key');
    assert.ok(out.includes('ACCESS_KEY=ab\\"c'), out.split('\n').find((l) => l.includes('ACCESS_KEY')));
    const good = `{"id": "a", "instances": 1, "env": {"ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}}\n`;
    const r = fill(good, 'marathon-app', 'k\\ey');
    assert.equal(JSON.parse(r.out).env.ACCESS_KEY, 'k\\ey');
  });

  test("dragent.yaml: the sample key becomes the typed key; a key yaml-cpp would read as a bool is quoted", () => {
    const text = `# keep me\ncustomerid: 831g28-Your-Key-Here-a0fpc9d   # the guide's sample\ntags: a:b\n`;
    const { q, out } = fill(text, 'dragent', 'f00d-beef');
    assert.equal(q.expects, 'access-key');
    assert.equal(out, `# keep me\ncustomerid: f00d-beef   # the guide's sample\ntags: a:b\n`);
    const yes = fill(text, 'dragent', 'yes').out;
    assert.equal(yes, `# keep me\ncustomerid: "yes"   # the guide's sample\ntags: a:b\n`);
    assert.equal(parseYaml(yes).customerid, 'yes');
  });

  test('dragent.yaml: a template inside a plain URI; a value with ": " quotes the whole scalar; quoted styles are escaped', () => {
    const text = 'mesos_state_uri: http://[username:password@][hostname][:port]\r\nmarathon_uris:\r\n  - \'http://YOUR-MARATHON-HERE:8080\'\r\n';
    const a = fill(text, 'dragent', 'http://10.0.0.1:5050');
    assert.equal(a.q.expects, 'uri');
    assert.equal(a.out, 'mesos_state_uri: http://10.0.0.1:5050\r\nmarathon_uris:\r\n  - \'http://YOUR-MARATHON-HERE:8080\'\r\n');
    assert.equal(a.problem, undefined);
    assert.match(svc.checkPlaceholderValue('uri', 'http://[host]:5050')!, /without brackets/);
    const b = fill(text, 'dragent', "o'neil", 1);
    assert.equal(b.out, 'mesos_state_uri: http://[username:password@][hostname][:port]\r\nmarathon_uris:\r\n  - \'http://o\'\'neil:8080\'\r\n');
    assert.equal(parseYaml(b.out).marathon_uris[0], "http://o'neil:8080");
    const c = fill('tags: YOUR-TAGS-HERE\n', 'dragent', 'a: b');
    assert.equal(c.out, 'tags: "a: b"\n');
  });
});
