import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, ruleTester, service } from '../helpers/rule-tester';
import { applyEdits } from '../helpers/edits';
import { AGENT_APP, agentApp, at, edit, projectRoot, readCorpus, SAMPLE_ACCESS_KEY, vendorGuideAppFilled, vendorGuideAppRaw } from '../corpus/marathon-fixtures';
import { oldTasksStoppedFirst } from '../../server/src/service/rules/marathon/agent-app-upgrade-strategy';

const ID = 'agent-app-upgrade-strategy';
const TAIL = '      ]\n  }\n}\n';
const KILL_FIRST_BLOCK = ',\n  "upgradeStrategy": {\n    "minimumHealthCapacity": 0,\n    "maximumOverCapacity": 0\n  }';
/** AGENT_APP with `"upgradeStrategy": <json>` as its last member. */
const withStrategy = (json: string) => edit(AGENT_APP, TAIL, `      ]\n  },\n  "upgradeStrategy": ${json}\n}\n`);
const withInstances = (n: string, json?: string) => {
  const t = agentApp('"instances": 3', `"instances": ${n}`);
  return json === undefined ? t : edit(t, TAIL, `      ]\n  },\n  "upgradeStrategy": ${json}\n}\n`);
};
const KILL_FIRST = withStrategy('{\n    "minimumHealthCapacity": 0,\n    "maximumOverCapacity": 0\n  }');
const UNIQUE = '["hostname", "UNIQUE"]';

const maxPer = agentApp(UNIQUE, '["hostname", "MAX_PER", "1"]');
const noInstances = agentApp('  "instances": 3,\n', '');
const mhcOne = withStrategy('{"minimumHealthCapacity": 1}');
const high = withStrategy('{ "minimumHealthCapacity": 0.9, "maximumOverCapacity": 0.5 }');
const empty = withStrategy('{}');
const nul = withStrategy('null');
const mocOnly = withStrategy('{"maximumOverCapacity": 0}');
const mhcNull = withStrategy('{"minimumHealthCapacity": null, "maximumOverCapacity": 1}');
const single = withInstances('1', '{"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}');
const oneLine = `{"id": "sysdig-agent", "instances": 2, "constraints": [${UNIQUE}], "container": {"docker": {"image": "sysdig/agent:latest"}}}`;
const crlf = AGENT_APP.replace(/\n/g, '\r\n');

ruleTester(ID, 'marathon-app', {
  valid: [
    { name: 'kill-first strategy', text: KILL_FIRST },
    { name: 'mhc 0.5 with 3 instances stops one old agent first', text: withStrategy('{"minimumHealthCapacity": 0.5}') },
    { name: 'mhc 0.5 with 2 instances stops one', text: withInstances('2', '{"minimumHealthCapacity": 0.5}') },
    { name: 'mhc 0 with 1 instance', text: withInstances('1', '{"minimumHealthCapacity": 0, "maximumOverCapacity": 1}') },
    { name: 'mhc 2/3 as a double with 3 instances: 3 × 0.6666666666666666 = 2, one stopped first', text: withStrategy('{"minimumHealthCapacity": 0.6666666666666666}') },
    { name: 'GROUP_BY hostname does not pin one task per node', text: agentApp(UNIQUE, '["hostname", "GROUP_BY"]') },
    { name: 'MAX_PER 2 does not pin one task per node', text: agentApp(UNIQUE, '["hostname", "MAX_PER", "2"]') },
    { name: 'no constraints (agent-app-unique-host reports that)', text: agentApp(`  "constraints": [${UNIQUE}],\n`, '') },
    { name: 'not the agent', text: `{"id": "web", "instances": 3, "constraints": [${UNIQUE}], "container": {"docker": {"image": "nginx"}}}` },
    { name: 'instances 0: nothing to replace', text: withInstances('0') },
    { name: 'unknown count and mhc below 1: a large count would stop some first', text: withInstances('"3"', '{"minimumHealthCapacity": 0.5}') },
    { name: 'mhc out of range: Marathon refuses it (marathon-number)', text: withStrategy('{"minimumHealthCapacity": 2}') },
    { name: 'mhc as a string: Marathon refuses it', text: withStrategy('{"minimumHealthCapacity": "0"}') },
    { name: 'upgradeStrategy of another type: the schema reports it', text: withStrategy('"kill-first"') },
    {
      name: 'persistent volume: resident app, other defaults and path',
      text: agentApp('"mode": "RO"\n        }\n      ]', '"mode": "RO"\n        },\n        { "containerPath": "data", "mode": "RW", "persistent": { "size": 10 } }\n      ]'),
    },
  ],
  invalid: [
    {
      name: 'the default strategy: reported at the constraint, the strategy added as the app\'s last member',
      text: AGENT_APP,
      findings: [{ ...at(AGENT_APP, UNIQUE), severity: 'warning', message: 'With the default minimumHealthCapacity 1, Marathon keeps ceil(3 × 1) = 3 of 3 old agents running' }],
      output: KILL_FIRST,
    },
    {
      name: 'the message says when: every node runs one',
      text: AGENT_APP,
      findings: [{ ...at(AGENT_APP, UNIQUE), message: /when every node runs one: the update never finishes/ }],
    },
    {
      name: 'MAX_PER 1 is one per node too',
      text: maxPer,
      findings: [{ ...at(maxPer, '["hostname", "MAX_PER", "1"]') }],
      output: edit(maxPer, TAIL, `      ]\n  }${KILL_FIRST_BLOCK}\n}\n`),
    },
    {
      name: 'a string constraint shows the same intent',
      text: agentApp(UNIQUE, '"hostname:UNIQUE"'),
      findings: [{ ...at(agentApp(UNIQUE, '"hostname:UNIQUE"'), '"hostname:UNIQUE"') }],
    },
    {
      name: 'no instances means 1',
      text: noInstances,
      findings: [{ ...at(noInstances, UNIQUE), message: 'ceil(1 × 1) = 1 of 1' }],
    },
    {
      name: 'instances still a placeholder: mhc 1 stops nothing first for any count',
      text: withInstances('"YOUR-NUMBER-OF-INSTANCES-HERE"'),
      findings: [{ ...at(AGENT_APP, UNIQUE), message: 'keeps all old agents running' }],
    },
    {
      name: 'mhc 1 given: reported at its value, set to 0 and maximumOverCapacity added inline',
      text: mhcOne,
      findings: [{ ...at(mhcOne, '1}'), endColumn: at(mhcOne, '1}').column + 1, message: 'With "minimumHealthCapacity": 1,' }],
      output: withStrategy('{"minimumHealthCapacity": 0, "maximumOverCapacity": 0}'),
    },
    {
      name: 'mhc 0.9 with 3 instances: ceil(2.7) = 3, nothing stopped first; both values edited',
      text: high,
      findings: [{ ...at(high, '0.9'), message: 'ceil(3 × 0.9) = 3 of 3' }],
      output: withStrategy('{ "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }'),
    },
    {
      name: 'mhc 0.5 with 1 instance: ceil(0.5) = 1',
      text: single,
      findings: [{ ...at(single, '0.5'), message: 'ceil(1 × 0.5) = 1 of 1' }],
      output: withInstances('1', '{"minimumHealthCapacity": 0, "maximumOverCapacity": 0}'),
    },
    {
      name: 'an empty object: reported at its key, filled on one line',
      text: empty,
      findings: [{ ...at(empty, '"upgradeStrategy"') }],
      output: withStrategy('{"minimumHealthCapacity": 0, "maximumOverCapacity": 0}'),
    },
    {
      name: 'null reads as the defaults: replaced, laid out like the app',
      text: nul,
      findings: [{ ...at(nul, '"upgradeStrategy"') }],
      output: KILL_FIRST,
    },
    {
      name: 'only maximumOverCapacity 0 given: only minimumHealthCapacity is added',
      text: mocOnly,
      findings: [{ ...at(mocOnly, '"upgradeStrategy"'), message: 'the default minimumHealthCapacity 1' }],
      output: withStrategy('{"maximumOverCapacity": 0, "minimumHealthCapacity": 0}'),
    },
    {
      name: 'minimumHealthCapacity null reads as 1: reported at the key of the strategy, the null set to 0',
      text: mhcNull,
      findings: [{ ...at(mhcNull, '"upgradeStrategy"') }],
      output: withStrategy('{"minimumHealthCapacity": 0, "maximumOverCapacity": 0}'),
    },
    {
      name: 'a one-line app gets the strategy on its line',
      text: oneLine,
      findings: [{ ...at(oneLine, UNIQUE) }],
      output: oneLine.replace(/}$/, ', "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }}'),
    },
    {
      name: 'CRLF line endings are kept',
      text: crlf,
      findings: [{ line: 4, column: 19 }],
      output: KILL_FIRST.replace(/\n/g, '\r\n'),
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// The arithmetic at the boundary: TaskReplaceActor stops `instances − ceil(instances × mhc)` old tasks first.

/** Whether the rule reports an app with `n` instances and minimumHealthCapacity `mhc` (other fields as the guide's). */
function reported(n: number, mhc: number): boolean {
  const text = withInstances(String(n), `{"minimumHealthCapacity": ${mhc}, "maximumOverCapacity": 1}`);
  return lint(text, 'marathon-app').findings.some((f) => f.ruleId === ID);
}

test(`${ID}: hand-worked cases of ceil(instances × mhc) against instances`, () => {
  const cases: [n: number, mhc: number, stoppedFirst: number][] = [
    [1, 0, 1],
    [1, 0.01, 0],
    [1, 0.5, 0],
    [2, 0.5, 1],
    [3, 0.5, 1], // ceil(1.5) = 2
    [3, 0.66, 1], // ceil(1.98) = 2
    [3, 0.67, 0], // ceil(2.01) = 3
    [3, 0.7, 0], // 3 × 0.7 = 2.0999999999999996 as a double, ceil 3
    [4, 0.75, 1], // exactly 3
    [4, 0.76, 0],
    [10, 0.9, 1], // exactly 9
    [10, 0.91, 0],
    [100, 0.5, 50], // "minimumHealthCapacity: 0.5 with many instances" stops half first and finishes
    [100, 0.99, 1],
    [100, 0.995, 0],
    [5, 1, 0],
  ];
  for (const [n, mhc, k] of cases) {
    assert.equal(oldTasksStoppedFirst(n, mhc), k, `instances ${n}, mhc ${mhc}`);
    assert.equal(reported(n, mhc), k === 0, `instances ${n}, mhc ${mhc}: reported iff nothing is stopped first`);
  }
});

test(`${ID}: instances 1..12 × mhc grid — reported exactly when instances × mhc > instances − 1`, () => {
  const mhcs = [0, 0.1, 0.25, 0.3, 0.5, 0.6, 2 / 3, 0.67, 0.75, 0.8, 0.9, 0.91, 0.95, 0.99, 1];
  let reportedCount = 0;
  let quietCount = 0;
  for (let n = 1; n <= 12; n++) {
    for (const mhc of mhcs) {
      // ceil(x) ≥ n ⇔ x > n − 1: the same double x = n × mhc, written without ceil
      const expected = n * mhc > n - 1;
      assert.equal(reported(n, mhc), expected, `instances ${n}, mhc ${mhc}`);
      if (expected) reportedCount++;
      else quietCount++;
    }
  }
  // both sides of the boundary are exercised
  assert.ok(reportedCount > 20 && quietCount > 60, `${reportedCount} reported, ${quietCount} quiet`);
});

test(`${ID}: maximumOverCapacity never changes the verdict`, () => {
  for (const [n, mhc] of [[3, 1], [3, 0.5], [1, 0.5], [4, 0.75]] as const) {
    const verdicts = [0, 0.5, 1].map((moc) => lint(withInstances(String(n), `{"minimumHealthCapacity": ${mhc}, "maximumOverCapacity": ${moc}}`), 'marathon-app').findings.some((f) => f.ruleId === ID));
    assert.deepEqual(verdicts, [verdicts[0], verdicts[0], verdicts[0]], `instances ${n}, mhc ${mhc}`);
    assert.equal(verdicts[0], oldTasksStoppedFirst(n, mhc) === 0);
  }
});

// ---------------------------------------------------------------------------------------------
// Whole files: the fix inserts exactly the strategy, nothing else changes, and the rule is satisfied.

function fixOf(text: string) {
  const mine = lint(text, 'marathon-app').findings.filter((f) => f.ruleId === ID);
  assert.equal(mine.length, 1, `one ${ID} finding expected`);
  const fix = mine[0].fixes![0];
  assert.equal(fix.edits.length, 1);
  return { edit: fix.edits[0], out: applyEdits(text, fix.edits) };
}

test(`${ID}: whole-file fix on the guide's sysdig.json (filled in) — one insertion, valid JSON, no finding left`, () => {
  const text = vendorGuideAppFilled();
  const { edit: e, out } = fixOf(text);
  assert.equal(e.start, e.end, 'an insertion, nothing replaced');
  assert.equal(e.newText, KILL_FIRST_BLOCK);
  assert.equal(out, text.slice(0, e.start) + KILL_FIRST_BLOCK + text.slice(e.start));
  assert.deepEqual(JSON.parse(out).upgradeStrategy, { minimumHealthCapacity: 0, maximumOverCapacity: 0 });
  assert.deepEqual({ ...JSON.parse(out), upgradeStrategy: undefined }, { ...JSON.parse(text), upgradeStrategy: undefined });
  assert.deepEqual(lint(out, 'marathon-app').findings.map((f) => `${f.ruleId}: ${f.message}`), []);
});

test(`${ID}: whole-file fix on the guide's sysdig.json as printed — only the insertion, the other findings unchanged`, () => {
  const text = vendorGuideAppRaw();
  const before = lint(text, 'marathon-app').findings.filter((f) => f.ruleId !== ID);
  const { edit: e, out } = fixOf(text);
  assert.equal(e.newText, KILL_FIRST_BLOCK);
  assert.equal(out, text.slice(0, e.start) + KILL_FIRST_BLOCK + text.slice(e.start));
  const after = lint(out, 'marathon-app').findings;
  assert.equal(after.filter((f) => f.ruleId === ID).length, 0);
  // everything else (placeholders, typographic quotes) is reported as before, at the same places (all before the insertion)
  assert.deepEqual(after.map((f) => [f.ruleId, f.start, f.end]), before.map((f) => [f.ruleId, f.start, f.end]));
});

test(`${ID}: whole-file fix on the real agent apps of sysdig-cloud-scripts`, () => {
  for (const f of ['draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig.json', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json']) {
    const text = readCorpus('marathon-sysdig', f)
      .replace('YOUR-NUMBER-OF-INSTANCES-HERE', '4')
      .replace(/ACCESS_KEY=[^"]*/, `ACCESS_KEY=${SAMPLE_ACCESS_KEY}`)
      .replace(/COLLECTOR=[^"]*/, 'COLLECTOR=collector.example.com');
    const { edit: e, out } = fixOf(text);
    assert.equal(out, text.slice(0, e.start) + KILL_FIRST_BLOCK + text.slice(e.start), f);
    JSON.parse(out);
    assert.deepEqual(lint(out, 'marathon-app').findings.map((x) => `${x.ruleId}: ${x.message}`), [], f);
  }
});

test(`${ID}: examples/fixed/sysdig.json is the guide's app with this fix applied, and gives no finding`, () => {
  const fixed = readFileSync(join(projectRoot(), 'examples', 'fixed', 'sysdig.json'), 'utf8');
  assert.deepEqual(lint(fixed, 'marathon-app').findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  assert.deepEqual(JSON.parse(fixed).upgradeStrategy, { minimumHealthCapacity: 0, maximumOverCapacity: 0 });
  const without = fixed.replace(KILL_FIRST_BLOCK, '');
  assert.notEqual(without, fixed);
  assert.equal(fixOf(without).out, fixed);
});

test(`${ID}: offered as a quick fix, but not preferred, so "fix all" does not take the trade-off for the user`, () => {
  const { doc, findings } = service.check(AGENT_APP, 'marathon-app');
  const mine = findings.filter((f) => f.ruleId === ID);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].fixes![0].preferred, undefined);
  const actions = service.codeActions(doc, findings, { start: mine[0].start, end: mine[0].start });
  assert.ok(actions.some((a) => a.kind === 'quickfix' && a.title.startsWith('Stop old agents first') && applyEdits(AGENT_APP, a.edits) === KILL_FIRST));
  assert.equal(service.fixAll(AGENT_APP, 'marathon-app').output, AGENT_APP);
});
