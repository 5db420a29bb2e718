import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit } from '../corpus/marathon-fixtures';

const noPrivileged = agentApp('      "privileged": true,\n', '');
const inline = (docker: string) => `{"id": "sysdig-agent", "container": {"docker": ${docker}}}`;

ruleTester('agent-app-privileged', 'marathon-app', {
  valid: [
    AGENT_APP,
    // not the agent: nothing to say
    '{"id": "web", "container": {"docker": {"image": "nginx"}}}',
    inline('{"image": "sysdig/agent-slim"}'),
    inline('{"image": "mysysdig/agent"}'),
    inline('{"image": "sysdig/agent-kmodule"}'),
    '{"id": "sysdig-agent", "cmd": "x"}',
  ],
  invalid: [
    {
      name: 'missing: reported at "docker", the member is added after the last one',
      text: noPrivileged,
      findings: [{ ...at(noPrivileged, '"docker"'), severity: 'warning', message: 'not privileged' }],
      output: edit(noPrivileged, 'COLLECTOR=collector.example.com" }\n      ]\n', 'COLLECTOR=collector.example.com" }\n      ],\n      "privileged": true\n'),
    },
    {
      name: 'false',
      text: agentApp('"privileged": true', '"privileged": false'),
      findings: [{ ...at(agentApp('"privileged": true', '"privileged": false'), 'false'), message: 'kernel module' }],
      output: AGENT_APP,
    },
    {
      name: 'registry prefix and tag, docker object on one line',
      text: inline('{"image": "docker.io/sysdig/agent:latest"}'),
      findings: [{ line: 1, column: 38, endColumn: 46 }],
      output: inline('{"image": "docker.io/sysdig/agent:latest", "privileged": true}'),
    },
    {
      name: 'registry with port and digest; the string "true" is not a boolean',
      text: inline('{"image": "registry.example.com:5000/sysdig/agent@sha256:0123", "privileged": "true"}'),
      findings: [{ line: 1, column: 126, endColumn: 132 }],
      output: inline('{"image": "registry.example.com:5000/sysdig/agent@sha256:0123", "privileged": true}'),
    },
    {
      name: 'empty docker object gets the member inline',
      text: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent:0.93.1"}}}',
      findings: [{ line: 1, column: 38, endColumn: 46 }],
      output: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent:0.93.1", "privileged": true}}}',
    },
  ],
});
