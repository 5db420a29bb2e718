import { ruleTester } from '../helpers/rule-tester';

ruleTester('placeholder', 'dragent', {
  valid: [
    'customerid: 00000000-0000-0000-0000-000000000000\n',
    '# customerid: YOUR-ACCESS-KEY-HERE\n',
    'mesos_state_uri: http://[fd00::5]:5050\n',
    'tags: "role:[web]"\n',
    'tags: somewhere,there\n',
    // the guide's sample account is matched as whole words only
    'mesos_user: myaccount\nmesos_password: mypassword\n',
  ],
  invalid: [
    {
      name: 'the guide example',
      text: 'customerid: 831g28-Your-Key-Here-a0fpc9d\nmesos_state_uri: http://[username:password@][hostname][:port]\nmarathon_uris:\n  - http://[username:password@][hostname][:port]\n',
      findings: [
        { line: 1, column: 13, endColumn: 41, severity: 'error', message: 'access key' },
        { line: 2, column: 25, endColumn: 62, message: 'the Mesos master, port 5050' },
        // issue 11 §7: the Marathon template's example is Marathon's port, not Mesos's
        { line: 4, column: 12, endColumn: 49, message: '`http://user:password@10.0.0.1:8080` (Marathon, port 8080' },
      ],
    },
    { name: 'em dash and any case', text: 'customerid: your-access—key-here\n', findings: [{ line: 1, column: 13, endColumn: 33 }] },
    { name: 'in a key', text: 'YOUR-KEY-HERE: 1\n', findings: [{ line: 1, column: 1, endColumn: 14 }] },
    { name: 'collector', text: 'collector: COLLECTOR-ADDRESS-HERE\n', findings: [{ line: 1, column: 12, message: 'collector host' }] },
    {
      // issue 11 §9: the guide's example file logs in as myacct:mypass; the pair is one finding per URI
      name: "the guide's sample credentials",
      text: 'mesos_state_uri: http://myacct:mypass@localhost:5055\nmarathon_uris:\n  - http://myacct:mypass@localhost:8088\n',
      findings: [
        { line: 1, column: 25, endColumn: 38, severity: 'error', message: 'real user name and password' },
        { line: 3, column: 12, endColumn: 25, severity: 'error', message: 'real user name and password' },
      ],
    },
    {
      name: 'either sample word on its own',
      text: 'mesos_user: myacct\nmesos_password: MyPass\n',
      findings: [
        { line: 1, column: 13, endColumn: 19 },
        { line: 2, column: 17, endColumn: 23 },
      ],
    },
  ],
});

ruleTester('placeholder', 'marathon-app', {
  valid: ['{"id": "sysdig-agent", "instances": 3, "env": {"ACCESS_KEY": "0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"}}'],
  invalid: [
    {
      name: 'unquoted (syntax error) and quoted, with em dash',
      text: '{\n  "id": "sysdig-agent",\n  "instances": YOUR-NUMBER-OF-INSTANCES-HERE,\n  "env": {"ACCESS_KEY": "YOUR-ACCESS—KEY-HERE"}\n}\n',
      findings: [
        { line: 3, column: 16, endColumn: 45, message: 'number of Mesos agent nodes' },
        { line: 4, column: 26, endColumn: 46, message: 'access key' },
      ],
    },
  ],
});

ruleTester('smart-quotes', 'dragent', {
  valid: ['tags: "a:b"\n', '# “comment” — fine\ncollector: x\n'],
  invalid: [
    {
      name: 'quotes around a value',
      text: 'tags: “role:web” # note “x”\n',
      findings: [
        { line: 1, column: 7, endColumn: 8, severity: 'warning', message: 'U+201C' },
        { line: 1, column: 16, endColumn: 17 },
      ],
      output: 'tags: "role:web" # note “x”\n',
    },
    {
      name: 'nbsp and zero-width in a key, em dash in value',
      text: 'collector\u200b: a\u2014b\nssl:\u00a0true\n',
      findings: [{ line: 1, column: 10 }, { line: 1, column: 14 }, { line: 2, column: 5, message: 'a space' }],
      output: 'collector: a-b\nssl: true\n',
    },
    {
      name: 'typographic quote inside a double-quoted YAML string is escaped',
      text: 'tags: "say “hi”"\n',
      findings: [{ line: 1, column: 12 }, { line: 1, column: 15 }],
      output: 'tags: "say \\"hi\\""\n',
    },
  ],
});

ruleTester('smart-quotes', 'marathon-app', {
  valid: ['{"id": "a", "cmd": "echo \\"hi\\""}'],
  invalid: [
    {
      name: 'the guide: strings closed by a typographic quote break the JSON',
      text: '{\n  "id": "a",\n  "env": [\n    { "key": "env", "value": "ACCESS_KEY=abc” },\n    { "key": "env", "value": "COLLECTOR=c” }\n  ]\n}\n',
      findings: [
        { line: 4, column: 45, endColumn: 46, severity: 'error', message: 'invalid JSON' },
        { line: 5, column: 42, severity: 'error' },
      ],
      output: '{\n  "id": "a",\n  "env": [\n    { "key": "env", "value": "ACCESS_KEY=abc" },\n    { "key": "env", "value": "COLLECTOR=c" }\n  ]\n}\n',
    },
    {
      name: 'inside a valid string: warning, escaped fix',
      text: '{"id": "a", "labels": {"x": "“q”"}}',
      findings: [{ line: 1, column: 30, severity: 'warning' }, { line: 1, column: 32, severity: 'warning' }],
      output: '{"id": "a", "labels": {"x": "\\"q\\""}}',
    },
  ],
});

ruleTester('duplicate-key', 'dragent', {
  valid: ['a: 1\nb:\n  a: 2\n', 'list:\n  - a: 1\n  - a: 2\n'],
  invalid: [
    { text: 'collector: a\n# x\ncollector: b\n', findings: [{ line: 3, column: 1, endColumn: 10, message: 'line 1' }] },
    { text: 'log: {file_priority: info, file_priority: debug}\n', findings: [{ line: 1, column: 28 }] },
  ],
});

ruleTester('duplicate-key', 'marathon-app', {
  valid: ['{"id": "a", "cmd": "x"}'],
  invalid: [{ text: '{"id": "a",\n "id": "b"}', findings: [{ line: 2, column: 2, endColumn: 6, message: 'Marathon keeps only one' }] }],
});

ruleTester('multiple-documents', 'dragent', {
  valid: ['a: 1\n', '---\na: 1\n', 'a: 1\n...\n'],
  invalid: [{ text: 'a: 1\n---\nb: 2\n', findings: [{ line: 2, column: 1, endColumn: 4 }] }],
});

ruleTester('placeholder', 'marathon-app', {
  valid: [
    { name: "another tool's marker is not the guide's", text: '{"id": "a", "container": {"docker": {"image": "x:__FILL_IN_VERSION_HERE__"}}}' },
    { name: 'escaped JSON with brackets in a value next to a URI elsewhere', text: '{"id": "a", "cmd": "curl http://x", "env": {"M": "{\\"l\\":[{\\"file\\":\\"/o\\"}]}"}}' },
  ],
  invalid: [],
});
