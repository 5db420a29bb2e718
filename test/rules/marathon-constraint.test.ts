import { ruleTester } from '../helpers/rule-tester';

const app = (constraints: string) => `{"id": "a", "cmd": "x", "constraints": ${constraints}}`;

ruleTester('marathon-constraint', 'marathon-app', {
  valid: [
    app('[["hostname", "UNIQUE"]]'),
    app('[["rack_id", "GROUP_BY", "3"], ["rack_id", "GROUP_BY"]]'),
    app('[["hostname", "LIKE", "srv2.*"], ["hostname", "UNLIKE", "db[0-9]+"]]'),
    app('[["hostname", "MAX_PER", "2"], ["rack", "CLUSTER", "rack-1"], ["os", "IS", "centos"]]'),
    app('[]'),
    app('null'),
    '{"id": "a", "cmd": "x"}',
  ],
  invalid: [
    {
      name: 'lower-case operator (issue #3161)',
      text: app('[["attribute", "unique"]]'),
      findings: [{ line: 1, column: 55, endColumn: 63, severity: 'error', message: 'operators are case-sensitive' }],
      output: app('[["attribute", "UNIQUE"]]'),
    },
    {
      name: 'a string instead of an array',
      text: app('["hostname:UNIQUE"]'),
      findings: [{ line: 1, column: 41, endColumn: 58, message: 'not a string' }],
      output: app('[["hostname", "UNIQUE"]]'),
    },
    {
      name: 'a string with a value and a lower-case operator',
      text: app('["rack:group_by:3"]'),
      findings: [{ line: 1, column: 41 }],
      output: app('[["rack", "GROUP_BY", "3"]]'),
    },
    {
      name: 'one element only',
      text: app('[["hostname"]]'),
      findings: [{ line: 1, column: 41, endColumn: 53, message: 'this one has 1' }],
    },
    {
      name: 'a number as value',
      text: app('[["hostname", "MAX_PER", 2]]'),
      findings: [{ line: 1, column: 65, endColumn: 66, message: 'write numbers as "1"' }],
      output: app('[["hostname", "MAX_PER", "2"]]'),
    },
    {
      name: 'UNIQUE with a value',
      text: app('[["hostname", "UNIQUE", "x"]]'),
      findings: [{ line: 1, column: 64, endColumn: 67, message: 'Value specified but not used' }],
    },
    {
      name: 'CLUSTER without a value',
      text: app('[["rack", "CLUSTER"]]'),
      findings: [{ line: 1, column: 50, endColumn: 59, message: 'Missing value' }],
    },
    {
      name: 'LIKE with an invalid regular expression',
      text: app('[["host", "LIKE", "("]]'),
      findings: [{ line: 1, column: 58, endColumn: 61, message: 'not a valid regular expression' }],
    },
    {
      name: 'GROUP_BY with a non-number',
      text: app('[["rack", "GROUP_BY", "many"]]'),
      findings: [{ line: 1, column: 62, endColumn: 68, message: 'not a number' }],
    },
    {
      name: 'MAX_PER without a value: warning',
      text: app('[["hostname", "MAX_PER"]]'),
      findings: [{ line: 1, column: 54, endColumn: 63, severity: 'warning' }],
    },
    {
      name: 'unknown operator: no fix',
      text: app('[["hostname", "ONE_PER_HOST"]]'),
      findings: [{ line: 1, column: 54, endColumn: 68, message: 'use one of UNIQUE, CLUSTER' }],
      output: app('[["hostname", "ONE_PER_HOST"]]'),
    },
    {
      name: 'constraints not an array',
      text: app('"hostname:UNIQUE"'),
      findings: [{ line: 1, column: 40, endColumn: 57 }],
    },
    {
      name: 'multi-line, two bad entries',
      text: '{\n  "id": "a",\n  "cmd": "x",\n  "constraints": [\n    ["hostname", "unique"],\n    "rack:CLUSTER:r1"\n  ]\n}\n',
      findings: [
        { line: 5, column: 18, endColumn: 26 },
        { line: 6, column: 5, endColumn: 22 },
      ],
      output: '{\n  "id": "a",\n  "cmd": "x",\n  "constraints": [\n    ["hostname", "UNIQUE"],\n    ["rack", "CLUSTER", "r1"]\n  ]\n}\n',
    },
  ],
});
