import { ruleTester } from '../helpers/rule-tester';

ruleTester('marathon-cmd-args', 'marathon-app', {
  valid: [
    '{"id": "a", "cmd": "x"}',
    '{"id": "a", "args": ["x"]}',
    '{"id": "a", "cmd": "x", "args": []}',
    '{"id": "a", "cmd": "x", "args": null}',
    '{"id": "a", "container": {"docker": {"image": "nginx"}}}',
    '{"id": "a", "args": [], "container": {"type": "DOCKER", "docker": {"image": "x"}}}',
    '{"id": "a", "cmd": "x", "container": {"type": "MESOS"}}',
    '{"id": "a", "cmd": "x", "container": {"type": "MESOS", "volumes": []}}',
  ],
  invalid: [
    {
      name: 'both cmd and args: reported at the later key',
      text: '{"id": "a", "cmd": "x", "args": ["y"]}',
      findings: [{ line: 1, column: 25, endColumn: 31, severity: 'error', message: "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'." }],
    },
    {
      name: 'args before cmd',
      text: '{"id": "a", "args": ["y"], "cmd": "x"}',
      findings: [{ line: 1, column: 28, endColumn: 33, message: 'both set' }],
    },
    {
      name: 'neither and no container (issue #536): reported at the id key',
      text: '{\n    "cpus": 0.1,\n    "id": "mini-app",\n    "mem": 16\n}',
      findings: [{ line: 3, column: 5, endColumn: 9, message: 'no "cmd", no "args" and no "container"' }],
    },
    {
      name: 'neither and no id: reported at the opening brace',
      text: '{"cpus": 1}',
      findings: [{ line: 1, column: 1, endColumn: 2 }],
    },
    {
      name: 'empty container (issue #4978)',
      text: '{"id": "a", "cmd": "x", "container": {}}',
      findings: [{ line: 1, column: 25, endColumn: 36, message: 'docker must not be empty' }],
    },
    {
      name: 'DOCKER container without docker',
      text: '{"id": "a", "cmd": "x", "container": {"type": "DOCKER", "volumes": []}}',
      findings: [{ line: 1, column: 25, endColumn: 36, message: 'no "docker" object' }],
    },
    {
      name: 'type left out defaults to DOCKER',
      text: '{"id": "a", "cmd": "x", "container": {"volumes": []}}',
      findings: [{ line: 1, column: 25, endColumn: 36, message: 'the default when "type" is left out' }],
    },
  ],
});
