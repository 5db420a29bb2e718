import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, lint } from '../helpers/rule-tester';
import { agentApp, at } from '../corpus/marathon-fixtures';

const LAST = 'COLLECTOR=collector.example.com" }';
/** the guide's agent app with ADDITIONAL_CONF written as the JSON source `src`, and more docker env parameters */
const withConf = (src: string, ...more: string[]) =>
  agentApp(LAST, [LAST, `{ "key": "env", "value": "ADDITIONAL_CONF=${src}" }`, ...more.map((v) => `{ "key": "env", "value": ${JSON.stringify(v)} }`)].join(',\n        '));

const COLLECTOR = withConf(String.raw`security: {enabled: true}\ncollector: other.example.com\nmemdump: {enabled: true}`);
const ACCESS = withConf(String.raw`customerid: 0000-aaaa\nsecurity: {enabled: true}`);
const TAGS_ESCAPED = withConf(String.raw`tags: \"a:b\"\\ntags2: x`, 'TAGS=role:agent');
const LAST_LINE = withConf(String.raw`security: {enabled: true}\nssl: false`, 'SECURE=true');
const RUN_MODE_REPLACED = withConf(String.raw`run_mode: standard\nsecurity: {enabled: true}`, 'RUN_MODE=nodriver');
const RUN_MODE_IGNORED = withConf(String.raw`run_mode : standard`, 'RUN_MODE=nodriver');
/** ADDITIONAL_CONF in `env`, its lines joined by echo newlines (`\\n` in the JSON source), a value with JSON escapes */
const IN_ENV = agentApp('"instances": 3,', String.raw`"instances": 3,
  "env": { "ADDITIONAL_CONF": "security: {enabled: true}\\ncollector: \"other\u002eexample.com\"\\nmemdump: {enabled: true}" },`);
const FILLED = withConf(String.raw`collector: other.example.com`).replace('"COLLECTOR=collector.example.com"', '"COLLECTOR="');

ruleTester('agent-app-env-conf-conflict', 'marathon-app', {
  valid: [
    withConf(String.raw`security: {enabled: true}\nmemdump: {enabled: true}`),
    { name: 'a key no variable sets', text: withConf(String.raw`tags: a:b`) },
    { name: 'ADDITIONAL_CONF sets customerid and no ACCESS_KEY is set: it is the one used', text: withConf(String.raw`customerid: 0000-aaaa`).replace(/\{ "key": "env", "value": "ACCESS_KEY=[^"]*" \},\n\s*/, '') },
    { name: 'an empty variable writes nothing', text: withConf(String.raw`tags: a:b`, 'TAGS=') },
    { name: 'a nested key of the same name is another key', text: withConf(String.raw`app: {collector: x}`) },
    { name: 'COLLECTOR empty, no deploy fills (lint): ADDITIONAL_CONF\'s collector is used', text: FILLED },
  ],
  invalid: [
    {
      name: 'collector in ADDITIONAL_CONF while COLLECTOR is set: the sharper message, on the characters in the string',
      text: COLLECTOR,
      findings: [{ ...at(COLLECTOR, 'collector: other.example.com'), severity: 'warning', message: /^The collector in `ADDITIONAL_CONF` \(`collector`\) is never used: COLLECTOR writes `collector` to dragent\.yaml before `ADDITIONAL_CONF` is appended, and the agent \(yaml-cpp\) reads the first\. The agent connects with the COLLECTOR value/ }],
      output: COLLECTOR.replace(String.raw`collector: other.example.com\n`, ''),
    },
    {
      name: 'customerid in ADDITIONAL_CONF while ACCESS_KEY is set',
      text: ACCESS,
      findings: [{ ...at(ACCESS, 'customerid: 0000-aaaa'), message: 'a second copy of a secret in the app' }],
      output: ACCESS.replace(String.raw`customerid: 0000-aaaa\n`, ''),
    },
    {
      name: 'through JSON escapes and a literal \\n (echo -e): the finding covers the escapes, the fix keeps the string valid',
      text: TAGS_ESCAPED,
      findings: [{ ...at(TAGS_ESCAPED, String.raw`tags: \"a:b\"`), message: /^`tags` in `ADDITIONAL_CONF` is not used: TAGS writes `tags`/ }],
      output: TAGS_ESCAPED.replace(String.raw`tags: \"a:b\"\\n`, ''),
    },
    {
      name: 'the last line: removed with the newline before it (echo writes the final one)',
      text: LAST_LINE,
      findings: [{ ...at(LAST_LINE, 'ssl: false') }],
      output: LAST_LINE.replace(String.raw`\nssl: false`, ''),
    },
    {
      name: "RUN_MODE's sed replaces a run_mode: line of ADDITIONAL_CONF",
      text: RUN_MODE_REPLACED,
      findings: [{ ...at(RUN_MODE_REPLACED, 'run_mode: standard'), message: /^RUN_MODE replaces this line/ }],
      output: RUN_MODE_REPLACED.replace(String.raw`run_mode: standard\n`, ''),
    },
    {
      name: 'RUN_MODE appended after a run_mode its sed did not match: the variable is the one ignored (no fix)',
      text: RUN_MODE_IGNORED,
      findings: [{ ...at(RUN_MODE_IGNORED, '"RUN_MODE=nodriver"'), message: /^RUN_MODE is not used/ }],
    },
    {
      name: 'ADDITIONAL_CONF in env with echo newlines and a \\u escape: the finding covers the escapes, the fix keeps the echo style',
      text: IN_ENV,
      findings: [{ ...at(IN_ENV, String.raw`collector: \"other\u002eexample.com\"`), message: 'The collector in `ADDITIONAL_CONF`' }],
      output: IN_ENV.replace(String.raw`collector: \"other\u002eexample.com\"\\n`, ''),
    },
    {
      name: 'COLLECTOR left for deploy to fill (editor): ADDITIONAL_CONF\'s collector is still not used',
      text: FILLED,
      settings: { deployFills: { door: 'editor', accessKey: false, collector: true, variables: [] } },
      findings: [{ ...at(FILLED, 'collector: other.example.com'), message: 'COLLECTOR (COLLECTOR, filled at deploy from the sysdig-mesos.deploy.collector setting) writes' }],
    },
  ],
});

test('agent-app-env-conf-conflict: the variable the agent reads is the related location, in the same document', () => {
  const { doc, findings } = lint(COLLECTOR, 'marathon-app');
  const f = findings.find((x) => x.ruleId === 'agent-app-env-conf-conflict')!;
  assert.equal(f.related?.length, 1);
  assert.equal(f.related![0].id, '');
  assert.equal(doc.text.slice(f.related![0].start, f.related![0].end), '"COLLECTOR=collector.example.com"');
});
