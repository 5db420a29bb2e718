// The guide's "Turning Off Meta Data Reception" as code actions (features/metadata-reception.ts): off then on
// gives back every file byte for byte — each dragent.yaml of the shared corpus and the examples, as they are, with
// the guide's Mesos block added, with the defaults files' commented Mesos example uncommented, in CR LF and with a
// BOM — and the edge cases one by one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService, REWRITE_KIND, TURN_OFF_TITLE, TURN_ON_TITLE, OFF_HEADER, OFF_PREFIX, OFF_SETTING, MESOS_CONNECTION_KEYS } from '../../server/src/service/index';
import { turnOffEdits, turnOnEdits } from '../../server/src/service/features/metadata-reception';
import { getProps, resolve } from '../../server/src/service/documents/model';
import { applyEdits } from '../helpers/edits';
import { corpusDir, projectRoot } from '../helpers/paths';
import { cursor } from './fixtures';

const svc = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${error}`);
  },
});

function off(text: string): string {
  const r = turnOffEdits(svc.parse(text, 'dragent'));
  assert.ok(r && 'edits' in r, `turn off refused or had nothing to do: ${JSON.stringify(r)}`);
  // a pure insertion: no byte of the file is changed or lost
  for (const e of r.edits) assert.equal(e.start, e.end, 'turn off only inserts');
  return applyEdits(text, r.edits);
}

function on(text: string): string {
  const edits = turnOnEdits(svc.parse(text, 'dragent'));
  assert.ok(edits, 'turn on found no marker');
  for (const e of edits) {
    assert.equal(e.newText, '', 'turn on only deletes');
    const gone = text.slice(e.start, e.end);
    // what it deletes is the marker prefix or whole added lines (with their line break), nothing else
    assert.ok(gone === OFF_PREFIX || gone.split(/\r\n|\r|\n/).every((l) => l === '' || l.trim() === OFF_HEADER || l.trim() === OFF_SETTING), JSON.stringify(gone));
  }
  return applyEdits(text, edits);
}

function syntaxCount(text: string): number {
  return svc.check(text, 'dragent').findings.filter((f) => f.ruleId === 'syntax').length;
}

/** the agent's reading of the turned-off file: mesos_autodetect false, no Mesos connection key */
function assertOff(text: string, name: string) {
  const doc = svc.parse(text, 'dragent');
  assert.deepEqual(doc.syntaxErrors, [], `${name}: the turned-off file parses`);
  const first = getProps(doc.root, 'mesos_autodetect')[0];
  assert.ok(first, `${name}: mesos_autodetect is set`);
  const v = resolve(first.value);
  assert.ok(v && v.type === 'scalar' && /^(false|False|FALSE|no|No|NO|n|N|off|Off|OFF)$/.test(v.text), `${name}: mesos_autodetect is false (${JSON.stringify(v)})`);
  for (const k of MESOS_CONNECTION_KEYS) assert.equal(getProps(doc.root, k).length, 0, `${name}: ${k} is gone`);
}

// ---- whole files ------------------------------------------------------------------------------------------

const GUIDE_BLOCK = [
  '# the guide: Mesos parameters of the delegated agent',
  'mesos_state_uri: http://myacct:mypass@localhost:5055  # the API server',
  'marathon_uris:',
  '  # only the first one is used',
  '  - http://myacct:mypass@localhost:8088',
  '',
  '  - http://other:8080 # a second framework',
  'mesos_timeout_ms: 30000',
  'marathon_user: marathon_admin',
  "marathon_password: 'marathon secret'",
  '',
].join('\n');

function dragentFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const name of readdirSync(join(corpusDir(), 'dragent')).sort()) {
    if (/\.ya?ml$/.test(name)) out.push({ name: `corpus/dragent/${name}`, text: readFileSync(join(corpusDir(), 'dragent', name), 'utf8') });
  }
  for (const dir of ['guide', 'fixed']) {
    for (const name of readdirSync(join(projectRoot(), 'examples', dir)).sort()) {
      if (name.endsWith('.yaml')) out.push({ name: `examples/${dir}/${name}`, text: readFileSync(join(projectRoot(), 'examples', dir, name), 'utf8') });
    }
  }
  return out;
}

/** the defaults files' commented Mesos example, uncommented as a user would to try it */
function uncommentMesosExample(text: string): string {
  return text.replace(/^# ((?:mesos|marathon|dcos)_\w+:.*)$/gm, '$1').replace(/^(marathon_uris:\n)#( {3}- .*)$/gm, '$1$2');
}

/** the guide block at the indentation of the file's settings (one corpus file indents them all by a space) */
function withGuideBlock(text: string): string {
  const root = svc.parse(text, 'dragent').root;
  const first = root && root.type === 'object' ? root.props[0] : undefined;
  const indent = first ? ' '.repeat(svc.parse(text, 'dragent').lines.positionAt(first.keyRange.start).character) : '';
  const block = GUIDE_BLOCK.split('\n').map((l) => (l ? indent + l : l)).join('\n');
  return text + (text === '' || text.endsWith('\n') ? '' : '\n') + block;
}

function variants(text: string): { label: string; text: string }[] {
  const withGuide = withGuideBlock(text);
  const base = [
    { label: 'as is', text },
    { label: 'with the guide block', text: withGuide },
  ];
  const uncommented = uncommentMesosExample(text);
  if (uncommented !== text) base.push({ label: 'Mesos example uncommented', text: uncommented });
  const out = [...base];
  for (const b of base) {
    out.push({ label: `${b.label}, CR LF`, text: b.text.replace(/\n/g, '\r\n') });
    out.push({ label: `${b.label}, BOM`, text: `\uFEFF${b.text}` });
  }
  return out;
}

const files = dragentFiles();

describe('turn Mesos metadata reception off and back on: whole files, byte for byte', () => {
  test('the corpus is all there (19 dragent files) and some variants have Mesos keys to comment out', () => {
    assert.equal(files.filter((f) => f.name.startsWith('corpus/')).length, 19);
    assert.deepEqual(files.filter((f) => svc.parse(f.text, 'dragent').syntaxErrors.length).map((f) => f.name), ['corpus/dragent/springernature__ansible_dragent__templates__dragent.yaml']);
    const uncommented = files.filter((f) => uncommentMesosExample(f.text) !== f.text).map((f) => f.name);
    assert.equal(uncommented.length, 3, JSON.stringify(uncommented));
  });

  for (const file of files) {
    if (svc.parse(file.text, 'dragent').syntaxErrors.length) {
      // an Ansible template ({{ }} / {% %}): the agent could not start with it, and its model is a recovery
      test(`${file.name}: a file with syntax errors is refused, and no action is offered on it`, () => {
        for (const v of variants(file.text)) {
          assert.deepEqual(turnOffEdits(svc.parse(v.text, 'dragent')), { refused: 'the file has a syntax error' }, v.label);
          assert.deepEqual(actionsAt(v.text, 0, v.text.length), [], v.label);
        }
      });
      continue;
    }
    test(`${file.name}: off then on is the original in every variant; off parses with autodetect false and no Mesos key`, () => {
      for (const v of variants(file.text)) {
        const name = `${file.name} (${v.label})`;
        const turnedOff = off(v.text);
        assert.notEqual(turnedOff, v.text);
        assertOff(turnedOff, name);
        assert.ok(syntaxCount(turnedOff) <= syntaxCount(v.text), `${name}: no new syntax finding`);
        assert.equal(on(turnedOff), v.text, `${name}: back on gives the exact original`);
        // every line of the original is still there, in order, whole or behind the marker
        const offLines = turnedOff.replace(/^\uFEFF/, '').split(/\r\n|\n/);
        let i = 0;
        for (const line of v.text.replace(/^\uFEFF/, '').split(/\r\n|\n/)) {
          while (i < offLines.length && offLines[i] !== line && offLines[i] !== OFF_PREFIX + line) i++;
          assert.ok(i < offLines.length, `${name}: line ${JSON.stringify(line)} kept`);
          i++;
        }
        // the turned-off file offers only the way back (nothing left to turn off)
        assert.equal(turnOffEdits(svc.parse(turnedOff, 'dragent')), undefined, `${name}: nothing left to turn off`);
      }
    });
  }

  test("the guide's dragent.yaml: the exact turned-off text", () => {
    const text = readFileSync(join(projectRoot(), 'examples', 'guide', 'dragent.yaml'), 'utf8');
    const out = off(text);
    const [head] = text.split('mesos_state_uri:');
    assert.equal(
      out,
      `${head}${OFF_HEADER}\n${OFF_SETTING}\n` +
        `${OFF_PREFIX}mesos_state_uri: http://myacct:mypass@localhost:5055\n${OFF_PREFIX}marathon_uris:\n${OFF_PREFIX}  - http://myacct:mypass@localhost:8088` +
        text.slice(text.indexOf('localhost:8088') + 'localhost:8088'.length),
    );
  });

  test('the Mesos URI findings leave with the keys; the file gets no finding from the added lines', () => {
    const text = readFileSync(join(projectRoot(), 'examples', 'guide', 'dragent.yaml'), 'utf8');
    const before = svc.check(text, 'dragent').findings;
    assert.ok(before.some((f) => f.ruleId === 'mesos-uri-port'));
    const after = svc.check(off(text), 'dragent').findings;
    assert.ok(!after.some((f) => /^(mesos-uri|marathon-uri|uri-|multiple-marathon)/.test(f.ruleId)), JSON.stringify(after.map((f) => f.ruleId)));
    assert.ok(after.every((f) => before.some((b) => b.ruleId === f.ruleId)), `a new rule fired: ${JSON.stringify(after.map((f) => f.ruleId))}`);
  });
});

// ---- edge cases -------------------------------------------------------------------------------------------

function roundTrip(text: string, expectedOff: string) {
  const out = off(text);
  assert.equal(out, expectedOff);
  assertOff(out, 'edge case');
  assert.equal(on(out), text);
}

describe('turn off / back on: edge cases', () => {
  test('an existing mesos_autodetect: true is commented out and comes back with its comment', () => {
    const text = 'customerid: k\nmesos_autodetect: true   # the default\nmesos_state_uri: http://m:5050\n';
    roundTrip(
      text,
      `customerid: k\n${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_autodetect: true   # the default\n${OFF_PREFIX}mesos_state_uri: http://m:5050\n`,
    );
  });

  test('mesos_autodetect already false (any yaml-cpp spelling, quoted too) is left alone: only the keys are commented', () => {
    for (const v of ['false', 'no', 'Off', 'N', '"FALSE"', "'no'"]) {
      const text = `mesos_autodetect: ${v}\nmesos_user: u\nmesos_password: p\n`;
      const out = off(text);
      assert.equal(out, `mesos_autodetect: ${v}\n${OFF_PREFIX}mesos_user: u\n${OFF_PREFIX}mesos_password: p\n`);
      assert.equal(on(out), text);
    }
    // false and no Mesos key: nothing to turn off
    assert.equal(turnOffEdits(svc.parse('mesos_autodetect: false\ncustomerid: k\n', 'dragent')), undefined);
  });

  test('a mesos_autodetect that is not a boolean for yaml-cpp (so true) is replaced; the first one decides', () => {
    roundTrip('mesos_autodetect: maybe\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_autodetect: maybe\n`);
    // duplicates: yaml-cpp reads the first (true), so both go and ours is the only one
    roundTrip(
      'mesos_autodetect: true\nk: 1\nmesos_autodetect: false\n',
      `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_autodetect: true\nk: 1\n${OFF_PREFIX}mesos_autodetect: false\n`,
    );
  });

  test('a file with only some of the keys: only those are commented, nothing else moves', () => {
    const text = '# creds only\nmarathon_user: admin\ntags: a:b\nmarathon_password: secret # keep me\n';
    roundTrip(text, `# creds only\n${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}marathon_user: admin\ntags: a:b\n${OFF_PREFIX}marathon_password: secret # keep me\n`);
  });

  test('marathon_uris: block items with comments and blank lines between them; comments after the last item stay', () => {
    const text = 'marathon_uris:\n  # first\n  - http://a:8080\n\n    # indented comment\n  - http://b:8080   # trailing\n  # - http://c:8080 (an old one)\ncustomerid: k\n';
    roundTrip(
      text,
      `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}marathon_uris:\n${OFF_PREFIX}  # first\n${OFF_PREFIX}  - http://a:8080\n${OFF_PREFIX}\n${OFF_PREFIX}    # indented comment\n${OFF_PREFIX}  - http://b:8080   # trailing\n  # - http://c:8080 (an old one)\ncustomerid: k\n`,
    );
  });

  test('flow style over several lines, a block scalar, a quoted multi-line scalar and an indented list', () => {
    roundTrip('marathon_uris: [http://a:8080,\n   http://b:8080]\nk: 1\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}marathon_uris: [http://a:8080,\n${OFF_PREFIX}   http://b:8080]\nk: 1\n`);
    roundTrip('mesos_state_uri: >-\n  http://m:5050\n\nk: 1\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_state_uri: >-\n${OFF_PREFIX}  http://m:5050\n\nk: 1\n`);
    roundTrip('mesos_password: "a\n  b"\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_password: "a\n${OFF_PREFIX}  b"\n`);
    roundTrip('marathon_uris:\n- http://a:8080\n- http://b:8080\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}marathon_uris:\n${OFF_PREFIX}- http://a:8080\n${OFF_PREFIX}- http://b:8080\n`);
  });

  test('CR LF: the added lines take the file\'s line break; every break is kept', () => {
    const text = 'customerid: k\r\nmesos_state_uri: http://m:5050\r\nmarathon_uris:\r\n  - http://m:8080\r\n';
    roundTrip(text, `customerid: k\r\n${OFF_HEADER}\r\n${OFF_SETTING}\r\n${OFF_PREFIX}mesos_state_uri: http://m:5050\r\n${OFF_PREFIX}marathon_uris:\r\n${OFF_PREFIX}  - http://m:8080\r\n`);
  });

  test('a BOM stays the first character when the first line is a Mesos key', () => {
    const text = '\uFEFFmesos_state_uri: http://m:5050\nk: 1\n';
    roundTrip(text, `\uFEFF${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_state_uri: http://m:5050\nk: 1\n`);
  });

  test('no Mesos key and no final line break: the setting is appended, and taken away with the break it needed', () => {
    roundTrip('customerid: k', `customerid: k\n${OFF_HEADER}\n${OFF_SETTING}`);
    roundTrip('customerid: k\n', `customerid: k\n${OFF_HEADER}\n${OFF_SETTING}\n`);
    roundTrip('', `${OFF_HEADER}\n${OFF_SETTING}\n`);
    roundTrip('# only a comment', `# only a comment\n${OFF_HEADER}\n${OFF_SETTING}`);
  });

  test('an indented top-level mapping: the added lines take its indentation', () => {
    roundTrip('  k: 1\n  mesos_state_uri: http://m:5050\n', `  k: 1\n  ${OFF_HEADER}\n  ${OFF_SETTING}\n${OFF_PREFIX}  mesos_state_uri: http://m:5050\n`);
  });

  test('anchors and aliases: among Mesos keys fine; an anchor a kept setting refers to refuses', () => {
    roundTrip('mesos_user: &u admin\nmarathon_user: *u\n', `${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_user: &u admin\n${OFF_PREFIX}marathon_user: *u\n`);
    roundTrip('base: &u admin\nmesos_user: *u\n', `base: &u admin\n${OFF_HEADER}\n${OFF_SETTING}\n${OFF_PREFIX}mesos_user: *u\n`);
    assert.deepEqual(turnOffEdits(svc.parse('mesos_user: &u admin\nk8s_cluster_name: *u\n', 'dragent')), { refused: 'an alias elsewhere refers to an anchor in a Mesos setting' });
  });

  test('refused: a flow mapping, a syntax error, a key sharing its line; nested keys are not Mesos parameters', () => {
    assert.ok(hasRefusal('{mesos_state_uri: "http://m:5050", customerid: k}\n'));
    assert.ok(hasRefusal('mesos_state_uri: http://m:5050\nk: [\n'));
    assert.ok(hasRefusal('&a mesos_state_uri: http://m:5050\n'));
    // a nested mesos_state_uri is not the agent's setting: it stays, and the action is not offered on it
    const text = 'app:\n  mesos_state_uri: http://m:5050\n';
    assert.deepEqual(actionsAt(text, text.indexOf('mesos_state_uri') + 2), []);
    assert.equal(off(text), `${text}${OFF_HEADER}\n${OFF_SETTING}\n`);
  });
});

function hasRefusal(text: string): boolean {
  const r = turnOffEdits(svc.parse(text, 'dragent'));
  return !!r && 'refused' in r;
}

// ---- where the actions are offered --------------------------------------------------------------------------

function actionsAt(text: string, offset: number, end = offset): { title: string; text: string }[] {
  const { doc, findings } = svc.check(text, 'dragent');
  return svc
    .codeActions(doc, findings, { start: offset, end })
    .filter((a) => a.kind === REWRITE_KIND)
    .map((a) => ({ title: a.title, text: applyEdits(text, a.edits) }));
}

describe('where the actions are offered', () => {
  const text = 'customerid: k\nmesos_state_uri: http://m:5050\nmesos_timeout_ms: 30000\nmesos_autodetect: yes\n';

  test('on a Mesos parameter (key or value), a tuning key and mesos_autodetect: turn off; not on other keys', () => {
    for (const at of ['mesos_state_uri', 'http://m', 'mesos_timeout_ms', 'mesos_autodetect', 'yes']) {
      const got = actionsAt(text, text.indexOf(at) + 1);
      assert.deepEqual(got.map((a) => a.title), [TURN_OFF_TITLE], at);
      assert.equal(got[0].text, off(text));
    }
    assert.deepEqual(actionsAt(text, 2), []);
    const { doc, findings } = svc.check(text, 'dragent');
    assert.deepEqual(svc.codeActions(doc, findings, { start: 16, end: 16 }, { only: ['quickfix'] }).filter((a) => a.kind === REWRITE_KIND), [], 'not a quick fix');
    assert.equal(svc.codeActions(doc, findings, { start: 16, end: 16 }, { only: ['refactor'] }).filter((a) => a.kind === REWRITE_KIND).length, 1);
  });

  test('in the turned-off file: back on, on a commented line, the header and the added setting; never on other lines', () => {
    const o = off(text);
    for (const at of [OFF_PREFIX + 'mesos_state_uri', OFF_HEADER.slice(0, 20), OFF_SETTING.slice(0, 10)]) {
      const got = actionsAt(o, o.indexOf(at) + 3);
      assert.deepEqual(got.map((a) => a.title), [TURN_ON_TITLE], at);
      assert.equal(got[0].text, text);
    }
    assert.deepEqual(actionsAt(o, 1), []);
  });

  test('a key added after turning off: both actions, and off then on still restores the whole file', () => {
    const o = off(text) + 'marathon_uris:\n  - http://m:8080\n';
    const got = actionsAt(o, o.indexOf('marathon_uris') + 1);
    assert.deepEqual(got.map((a) => a.title), [TURN_OFF_TITLE, TURN_ON_TITLE]);
    const twice = got[0].text;
    assert.ok(!twice.slice(twice.indexOf(OFF_SETTING) + 1).includes(OFF_SETTING), 'the setting is added once');
    assert.equal(on(twice), text + 'marathon_uris:\n  - http://m:8080\n');
  });

  test('a selection of the whole file of 20,000 lines answers in linear time', () => {
    const big = 'customerid: k\n' + Array.from({ length: 20_000 }, (_, i) => `${OFF_PREFIX}k${i}: ${i}\n`).join('') + 'mesos_autodetect: true\n';
    const t = performance.now();
    const got = actionsAt(big, 0, big.length);
    const ms = performance.now() - t;
    assert.deepEqual(got.map((a) => a.title), [TURN_OFF_TITLE, TURN_ON_TITLE]);
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

describe('hover on mesos_autodetect', () => {
  test('explains when it matters (master nodes, only without mesos_state_uri) and names the actions', () => {
    const { text, offset } = cursor('customerid: k\nmesos_auto|detect: false\n');
    const { doc, findings } = svc.check(text, 'dragent');
    const h = svc.hover(doc, offset, findings);
    assert.ok(h);
    assert.match(h.contents, /\*\*mesos_autodetect\*\*/);
    assert.match(h.contents, /only while no `mesos_state_uri` is set/);
    assert.match(h.contents, /\*\*master node\*\*/);
    assert.match(h.contents, /Turning Off Meta Data Reception/);
    assert.ok(h.contents.includes(TURN_OFF_TITLE) && h.contents.includes(TURN_ON_TITLE));
    assert.deepEqual({ start: h.start, end: h.end }, { start: text.indexOf('mesos_autodetect'), end: text.indexOf('mesos_autodetect') + 'mesos_autodetect'.length });
    // not on another key, nor on a nested mesos_autodetect
    const other = cursor('mesos_timeout_|ms: 1000\napp:\n  mesos_autodetect: true\n');
    const d2 = svc.check(other.text, 'dragent');
    assert.ok(!svc.hover(d2.doc, other.offset, d2.findings)?.contents.includes('When it matters'));
    const nested = other.text.indexOf('mesos_autodetect') + 3;
    assert.ok(!svc.hover(d2.doc, nested, d2.findings)?.contents.includes('When it matters'));
  });
});
