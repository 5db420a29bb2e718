import { ruleTester } from '../helpers/rule-tester';

ruleTester('marathon-number', 'marathon-app', {
  valid: [
    '{"id": "a", "cmd": "x", "instances": 0, "cpus": 0.1, "mem": 0, "disk": 0, "gpus": 0}',
    '{"id": "a", "cmd": "x", "upgradeStrategy": {"minimumHealthCapacity": 1, "maximumOverCapacity": 0}}',
    '{"id": "a", "cmd": "x", "backoffFactor": 1.15, "backoffSeconds": 1, "maxLaunchDelaySeconds": 3600}',
    '{"id": "a", "cmd": "x", "healthChecks": [{"portIndex": 0, "gracePeriodSeconds": 300}], "portDefinitions": [{"port": 65535}]}',
    // strings are marathon-number-as-string's business
    '{"id": "a", "cmd": "x", "instances": "-3"}',
    // not numeric fields
    '{"id": "a", "cmd": "x", "labels": {"instances": "-1"}, "env": {"mem": "-1"}}',
  ],
  invalid: [
    {
      name: 'negative instances and mem, with Marathon\'s message shape',
      text: '{\n  "id": "a",\n  "cmd": "x",\n  "instances": -3,\n  "mem": -3,\n  "cpus": 0.5\n}\n',
      findings: [
        { line: 4, column: 16, endColumn: 18, severity: 'error', message: 'got -3, expected 0 or more' },
        { line: 5, column: 10, endColumn: 12, severity: 'error', message: 'got -3.0, expected 0.0 or more' },
      ],
    },
    {
      name: 'fractional instances',
      text: '{"id": "a", "cmd": "x", "instances": 2.5}',
      findings: [{ line: 1, column: 38, endColumn: 41, message: 'error.expected.int at /instances' }],
    },
    {
      name: 'negative health check portIndex (issue #3338)',
      text: '{\n  "id": "a",\n  "cmd": "x",\n  "healthChecks": [{ "portIndex": -1 }]\n}\n',
      findings: [{ line: 4, column: 35, endColumn: 37, message: 'Health check port indices must address an element' }],
    },
    {
      name: 'upgradeStrategy outside [0, 1]',
      text: '{\n  "upgradeStrategy": {"minimumHealthCapacity": 1.5, "maximumOverCapacity": -0.1},\n  "id": "a",\n  "cmd": "x"\n}',
      findings: [
        { line: 2, column: 48, endColumn: 51, message: 'got 1.5, expected 1.0 or less' },
        { line: 2, column: 76, endColumn: 80, message: 'got -0.1, expected 0.0 or more' },
      ],
    },
    {
      name: 'negative backoffSeconds and a port above 65535',
      text: '{"id": "a", "cmd": "x", "backoffSeconds": -1, "portDefinitions": [{"port": 70000}]}',
      findings: [
        { line: 1, column: 43, endColumn: 45, message: 'at /backoffSeconds: "got -1, expected 0 or more"' },
        { line: 1, column: 76, endColumn: 81, message: 'at /portDefinitions(0)/port: "got 70000, expected 65535 or less"' },
      ],
    },
    {
      name: 'backoffFactor below 1: warning',
      text: '{"id": "a", "cmd": "x", "backoffFactor": 0.5}',
      findings: [{ line: 1, column: 42, endColumn: 45, severity: 'warning', message: 'backoffFactor' }],
    },
  ],
});
