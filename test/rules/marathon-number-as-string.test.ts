import { ruleTester } from '../helpers/rule-tester';

ruleTester('marathon-number-as-string', 'marathon-app', {
  valid: [
    '{"id": "a", "cmd": "x", "instances": 3, "cpus": 0.5, "mem": 512}',
    '{"id": "a", "cmd": "x", "labels": {"instances": "3"}, "env": {"CPUS": "0.5"}}',
    '{"id": "a", "cmd": "x", "constraints": [["hostname", "MAX_PER", "2"]]}',
  ],
  invalid: [
    {
      name: 'instances as a string (issue #1632)',
      text: '{\n    "instances": "2"\n}\n',
      findings: [{ line: 2, column: 18, endColumn: 21, severity: 'error', message: 'error.expected.jsnumber' }],
      output: '{\n    "instances": 2\n}\n',
    },
    {
      name: 'cpus fixable, mem with a unit is not',
      text: '{"id": "a", "cmd": "x", "cpus": "0.5", "mem": "512MB"}',
      findings: [
        { line: 1, column: 33, endColumn: 38, message: '"cpus" is the string "0.5"' },
        { line: 1, column: 47, endColumn: 54, message: 'at /mem' },
      ],
      output: '{"id": "a", "cmd": "x", "cpus": 0.5, "mem": "512MB"}',
    },
    {
      name: 'nested field, path in Marathon style',
      text: '{"id": "a", "cmd": "x", "healthChecks": [{"portIndex": "0"}]}',
      findings: [{ line: 1, column: 56, endColumn: 59, message: '/healthChecks(0)/portIndex' }],
      output: '{"id": "a", "cmd": "x", "healthChecks": [{"portIndex": 0}]}',
    },
    {
      name: 'padded number: fix writes the trimmed number',
      text: '{"id": "a", "cmd": "x", "instances": " 3 "}',
      findings: [{ line: 1, column: 38, endColumn: 43 }],
      output: '{"id": "a", "cmd": "x", "instances": 3}',
    },
  ],
});
