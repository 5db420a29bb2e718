import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, lint } from '../helpers/rule-tester';
import { getSchema, validateDocument } from '../../server/src/service/schema';
import { parseJson } from '../../server/src/service/documents/json-document';

ruleTester('schema', 'dragent', {
  valid: [
    '',
    '# only comments\n',
    'collector: collector.example.com\ncollector_port: 6443\nssl: true\n',
    // yaml-cpp booleans in every accepted spelling, plain and quoted
    'mesos_autodetect: yes\nmesos_follow_leader: Off\nmarathon_follow_leader: "TRUE"\nssl: y\nssl_verify_certificate: \'No\'\nauto_config: ON\n',
    // quoted numbers are numbers for yaml-cpp; hex too
    'mesos_timeout_ms: "10000"\ncollector_port: \'6666\'\nstatsd:\n  udp_port: 0x1F90\n',
    // any scalar is a valid string
    'tags: 12345\ncustomerid: true\nk8s_cluster_name: host-com:8443\n',
    // keys with spaces and leading digits
    'sysdig capture:\n  max outstanding: 2\n  transmit rate: 1.5e6\n10s_flush_enable: true\n60s_flush_enable: "false"\n',
    // empty lists and maps are fine; a list in flow style
    'app_checks:\nmarathon_uris: []\npercentiles: [50, 95, 99]\nprometheus:\n',
    // flow mapping, comments and CRLF
    'log: { file_priority: debug } # flow\r\nstatsd:\r\n  limit: 100 # comment\r\n',
    // BOM
    '\ufeffcollector_port: 6443\n',
    // free-form maps stay open
    'app_checks:\n  - name: redis\n    conf:\n      host: localhost\n      port: "{port}"\n      anything: [1, 2]\njmx:\n  tomcat:\n    pattern: catalina\nevents:\n  kubernetes:\n    node: all\n',
    // anchors and aliases: the alias stands for a valid value
    'x-port: &p 6443\ncollector_port: *p\n',
    // the pre-release ssl mapping form is not a type error (unknown-key reports its keys as deprecated)
    'ssl:\n  enabled: true\n',
    // a Jinja placeholder is not a value yet
    'customerid: {{ dragent_api_key }}\n',
    // float infinity in yaml-cpp spelling
    'sysdig capture:\n  transmit rate: .inf\n',
  ],
  invalid: [
    {
      name: 'bool that yaml-cpp does not know',
      text: 'mesos_autodetect: maybe\n',
      findings: [
        {
          line: 1,
          column: 19,
          endColumn: 24,
          severity: 'warning',
          message: 'mesos_autodetect must be a boolean (true/false, yes/no, on/off, y/n), got the string "maybe": the agent cannot convert it, ignores it and uses the default true.',
        },
      ],
    },
    {
      name: 'port out of range, with a comment after it',
      text: 'collector: c.example.com\ncollector_port: 70000 # too big\n',
      findings: [{ line: 2, column: 17, endColumn: 22, message: 'collector_port must be at most 65535, got 70000: the agent cannot convert it, ignores it and uses the default 6443 (6666 before 2020-01).' }],
    },
    {
      name: 'quoted port out of range',
      text: "collector_port: '70000'\n",
      findings: [{ line: 1, column: 17, endColumn: 24, message: 'collector_port must be an integer from 0 to 65535, got the string "70000"' }],
    },
    {
      name: 'negative value for an unsigned key',
      text: 'containers:\n  limit: -1\n',
      findings: [{ line: 2, column: 10, message: 'containers.limit must be at least 0, got -1' }],
    },
    {
      name: 'mapping where a boolean is expected (multi-line value: reported on the key)',
      text: 'mesos_autodetect:\n  enabled: true\n',
      findings: [{ line: 1, column: 1, endColumn: 17, message: 'mesos_autodetect must be a boolean (true/false, yes/no, on/off, y/n), got a mapping' }],
    },
    {
      name: 'scalar where a group of settings is expected',
      text: 'statsd: true\n',
      findings: [{ line: 1, column: 9, message: 'statsd must be a mapping (nested keys), got the boolean true: the agent finds none of the settings meant to be nested under it.' }],
    },
    {
      name: 'scalar where a list is expected',
      text: 'known_ports: 8080\n',
      findings: [{ line: 1, column: 14, message: 'known_ports must be a list of port numbers (a YAML sequence), got the number 8080: the agent reads no items from it.' }],
    },
    {
      name: 'flow style, keys with spaces and leading digits, CRLF',
      text: 'sysdig capture: {max outstanding: lots}\r\n10s_flush_enable: maybe\r\n',
      findings: [
        { line: 1, column: 35, endColumn: 39, message: 'sysdig capture.max outstanding must be a whole number of 0 or more, got the string "lots"' },
        { line: 2, column: 19, endColumn: 24, message: '10s_flush_enable must be a boolean' },
      ],
    },
    {
      name: 'BOM before the first key',
      text: '\ufeffssl: maybe\n',
      findings: [{ line: 1, column: 7, endColumn: 12, message: 'ssl must be a boolean' }],
    },
    {
      name: 'alias to a wrong value: reported where the alias is written',
      text: 'x-port: &p 70000\ncollector_port: *p\n',
      findings: [{ line: 2, column: 17, endColumn: 19, message: 'collector_port must be at most 65535, got 70000' }],
    },
    {
      name: 'numbers as yaml-cpp reads them: 1.0 is no integer, 0o17 no number; 1e3 and 0x10 are fine where allowed',
      text: 'mesos_timeout_ms: 1.0\nk8s_delegated_nodes: 0o17\nstatsd: {limit: 0x10}\nsysdig capture: {transmit rate: 1e3}\n',
      findings: [
        { line: 1, column: 19, endColumn: 22, message: 'mesos_timeout_ms must be an integer, got the string "1.0"' },
        { line: 2, column: 22, message: 'k8s_delegated_nodes must be an integer' },
      ],
    },
    {
      name: 'list item of the wrong type',
      text: 'percentiles: [50, high, 99]\n',
      findings: [{ line: 1, column: 19, endColumn: 23, message: 'percentiles[1] must be a number, got the string "high": the agent cannot use this value.' }],
    },
    {
      name: 'app check without a name, and a bad port in its pattern',
      text: 'app_checks:\n  - check_module: redisdb\n    pattern:\n      port: 99999\n',
      findings: [
        { line: 2, column: 5, endColumn: 17, message: 'app_checks[0] has no `name`: the agent drops this app check.' },
        { line: 4, column: 13, message: 'app_checks[0].pattern.port must be at most 65535, got 99999' },
      ],
    },
    {
      name: 'string key given a list',
      text: 'tags: [a, b]\n',
      findings: [{ line: 1, column: 7, endColumn: 13, message: 'tags must be a single value (text), got a list: the agent cannot convert it, ignores it and uses the default "" (empty).' }],
    },
    {
      name: 'document that is not a mapping',
      text: 'just some text\n',
      findings: [{ line: 1, column: 1, endColumn: 15, message: 'The file must be a mapping of agent settings, got the string "just some text": the agent finds no settings in it.' }],
    },
  ],
});

// The Marathon app schema is written separately; these cases run once it exists.
if (getSchema('marathon-app')) {
  ruleTester('schema', 'marathon-app', {
    valid: ['{"id": "/sysdig-agent", "cmd": "x", "instances": 3, "cpus": 0.5, "mem": 512}', '{\r\n  "id": "a",\r\n  "cmd": "sleep 1"\r\n}\r\n'],
    invalid: [
      {
        name: 'enum, case-sensitive',
        text: '{"id": "a", "container": {"type": "docker", "docker": {"image": "sysdig/agent"}}}',
        findings: [{ line: 1, column: 35, endColumn: 43, severity: 'error', message: 'container.type must be one of "DOCKER", "MESOS", got the string "docker": Marathon rejects the app definition (HTTP 422).' }],
      },
      {
        name: 'missing required field in a nested object: reported on its key',
        text: '{\n  "id": "a",\n  "container": {\n    "type": "DOCKER",\n    "docker": {}\n  }\n}\n',
        findings: [{ line: 5, column: 5, endColumn: 13, message: 'container.docker has no `image`' }],
      },
      {
        name: 'anyOf without noise: one message naming both accepted types',
        text: '{"id": "a", "cmd": "x", "env": {"A": 5}}',
        findings: [{ line: 1, column: 38, endColumn: 39, message: 'env.A must be a string or an object, got the number 5' }],
      },
    ],
  });
}

test('schema: a missing top-level field is placed on the opening brace', { skip: !getSchema('marathon-app') }, () => {
  // (in the whole service marathon-id reports this one, and its message wins at the same place)
  const problems = validateDocument(parseJson('{"cmd": "x"}', 'marathon-app'));
  assert.deepEqual(
    problems.map((p) => [p.start, p.end, p.kind, p.message]),
    [[0, 1, 'required', 'The app definition has no `id`: Marathon rejects the app definition (HTTP 422).']],
  );
});

test('schema: a wrong type under a syntax error is not reported twice', () => {
  const { findings } = lint('collector_port: [70000\n', 'dragent');
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'schema').map((f) => f.message),
    [],
  );
});

test('schema: a value a more specific rule reports is said once', () => {
  const { findings } = lint('mesos_timeout_ms: 10s\n', 'dragent');
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['number-with-unit'],
  );
});
