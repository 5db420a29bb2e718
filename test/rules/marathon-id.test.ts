import { ruleTester } from '../helpers/rule-tester';

ruleTester('marathon-id', 'marathon-app', {
  valid: [
    '{"id": "sysdig-agent", "cmd": "x"}',
    '{"id": "/monitoring/sysdig-agent.v2", "cmd": "x"}',
    '{"id": "../a/./b/", "cmd": "x"}',
    '{"id": "0a.b-c", "cmd": "x"}',
    // not an object at all: the syntax/schema side's business
    '[1, 2]',
  ],
  invalid: [
    {
      name: 'underscore (issue #1023)',
      text: '{"id": "dsdsd_dsd", "cmd": "x"}',
      findings: [{ line: 1, column: 14, endLine: 1, endColumn: 15, severity: 'error', message: 'must fully match regular expression' }],
      output: '{"id": "dsdsd-dsd", "cmd": "x"}',
    },
    {
      name: 'upper case and underscore: one finding from the first to the last bad character',
      text: '{"id": "Sysdig_Agent", "cmd": "x"}',
      // each reason once (issue 11 §7: it read "upper-case letters, `_`, upper-case letters")
      findings: [{ line: 1, column: 9, endColumn: 17, message: /\(upper-case letters, `_`\): / }],
      output: '{"id": "sysdig-agent", "cmd": "x"}',
    },
    {
      name: 'leading dash in a segment: no automatic fix',
      text: '{"id": "/prod/-agent", "cmd": "x"}',
      findings: [{ line: 1, column: 15, endColumn: 16, message: 'a `-` at the start of a part' }],
      output: '{"id": "/prod/-agent", "cmd": "x"}',
    },
    {
      name: 'trailing dash',
      text: '{"id": "agent-", "cmd": "x"}',
      findings: [{ line: 1, column: 14, endColumn: 15, message: 'a `-` at the end of a part' }],
    },
    {
      name: 'empty part between dots',
      text: '{"id": "a..b", "cmd": "x"}',
      findings: [{ line: 1, column: 10, endColumn: 12, message: 'an empty part between dots' }],
    },
    {
      name: 'dot at the end',
      text: '{"id": "a.", "cmd": "x"}',
      findings: [{ line: 1, column: 10, endColumn: 11, message: 'an empty part between dots' }],
    },
    {
      name: 'missing id: reported at the opening brace',
      text: '{"cmd": "x"}',
      findings: [{ line: 1, column: 1, endColumn: 2, message: 'no "id"' }],
    },
    {
      name: 'id is not a string',
      text: '{"id": 12, "cmd": "x"}',
      findings: [{ line: 1, column: 8, endColumn: 10, message: 'error.expected.jsstring' }],
    },
    {
      name: 'escaped character: the whole literal is reported and rewritten',
      text: '{"id": "a\\u005Fb", "cmd": "x"}',
      findings: [{ line: 1, column: 8, endColumn: 18 }],
      output: '{"id": "a-b", "cmd": "x"}',
    },
    {
      name: 'last segment clashes with the API (1.8+): warning',
      text: '{"id": "/app/tasks", "cmd": "x"}',
      findings: [{ line: 1, column: 14, endColumn: 19, severity: 'warning', message: 'Marathon 1.8' }],
    },
    {
      name: 'multi-line document',
      text: '{\r\n  "id": "My_App",\r\n  "cmd": "x"\r\n}\r\n',
      findings: [{ line: 2, column: 10, endColumn: 14 }],
      output: '{\r\n  "id": "my-app",\r\n  "cmd": "x"\r\n}\r\n',
    },
  ],
});
