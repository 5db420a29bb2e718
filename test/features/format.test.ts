// Format Document / Selection for Marathon apps (features/format.ts): the one formatter of our JSON language,
// standing in for VS Code's JSON formatter, which our language id keeps away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from '../helpers/paths';

const svc = createLanguageService();
const spaces = { tabSize: 2, insertSpaces: true };
const example = (dir: string, name: string) => readFileSync(join(projectRoot(), 'examples', dir, name), 'utf8');

test('a one-line app is laid out, two spaces a level; every value and key order kept', () => {
  const text = '{"id":"/sysdig-agent","cpus":1,"container":{"type":"DOCKER","volumes":[{"containerPath":"/host/dev","mode":"RO"}]}}';
  const out = applyEdits(text, svc.format(text, 'marathon-app', spaces));
  assert.equal(
    out,
    '{\n  "id": "/sysdig-agent",\n  "cpus": 1,\n  "container": {\n    "type": "DOCKER",\n    "volumes": [\n      {\n        "containerPath": "/host/dev",\n        "mode": "RO"\n      }\n    ]\n  }\n}',
  );
  assert.deepEqual(JSON.parse(out), JSON.parse(text));
});

test('tabs when the editor indents with tabs; CRLF kept; a final newline only when asked', () => {
  const text = '{"id":"a",\r\n"cmd":"b"}';
  const out = applyEdits(text, svc.format(text, 'marathon-app', { tabSize: 4, insertSpaces: false, insertFinalNewline: true }));
  assert.equal(out, '{\r\n\t"id": "a",\r\n\t"cmd": "b"\r\n}\r\n');
});

test('formatting twice changes nothing the second time; the edits are white space between tokens only', () => {
  const fixed = example('fixed', 'sysdig.json');
  const text = applyEdits(fixed, svc.format(fixed, 'marathon-app', spaces));
  assert.deepEqual(JSON.parse(text), JSON.parse(fixed));
  assert.deepEqual(svc.format(text, 'marathon-app', spaces), []);
  const messy = text.replace(/\n\s+/g, '\n');
  const edits = svc.format(messy, 'marathon-app', spaces);
  assert.ok(edits.length > 0);
  for (const e of edits) assert.match(messy.slice(e.start, e.end), /^\s*$/, 'an edit replaces only white space');
  assert.equal(applyEdits(messy, edits), text);
});

test('a selection formats only the lines it covers', () => {
  const text = '{\n"id":"a",\n"container":{"type":"DOCKER"},\n"cmd":"b"\n}';
  const start = text.indexOf('"container"');
  const end = text.indexOf('},') + 1;
  const edits = svc.format(text, 'marathon-app', spaces, { start, end });
  assert.ok(edits.length > 0);
  for (const e of edits) assert.ok(e.start >= start - 1 && e.end <= end + 1, `edit at ${e.start}-${e.end} outside ${start}-${end}`);
  assert.ok(applyEdits(text, edits).startsWith('{\n"id":"a",\n'), 'the line before the selection is untouched');
});

test("the guide's file (typographic quotes: a syntax error) and dragent.yaml are never formatted", () => {
  // “a b” reads as a string to the user but is two bare words to a JSON scanner: re-spacing would change it
  assert.deepEqual(svc.format(example('guide', 'sysdig.json'), 'marathon-app', spaces), []);
  assert.deepEqual(svc.format('{"id": "a" "cmd": "b"}', 'marathon-app', spaces), []);
  assert.deepEqual(svc.format(example('guide', 'dragent.yaml'), 'dragent', spaces), []);
});
