import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit } from '../corpus/marathon-fixtures';

const noPid = agentApp('        { "key": "pid", "value": "host" },\n', '');
const privatePid = agentApp('"value": "host"', '"value": "private"');
const noParams = AGENT_APP.replace(/,\n      "parameters": \[[\s\S]*?\n      \]/, '');

ruleTester('agent-app-pid-host', 'marathon-app', {
  valid: [AGENT_APP, '{"id": "web", "container": {"docker": {"image": "nginx"}}}'],
  invalid: [
    {
      name: 'missing from parameters: appended in the list\'s own style',
      text: noPid,
      findings: [{ ...at(noPid, '"parameters"'), severity: 'warning', message: '{ "key": "pid", "value": "host" }' }],
      output: edit(noPid, 'COLLECTOR=collector.example.com" }\n', 'COLLECTOR=collector.example.com" },\n        { "key": "pid", "value": "host" }\n'),
    },
    {
      name: 'pid with another value',
      text: privatePid,
      findings: [{ ...at(privatePid, '"private"') }],
      output: AGENT_APP,
    },
    {
      name: 'no parameters at all: the array is created',
      text: noParams,
      findings: [{ ...at(noParams, '"docker"') }],
      output: edit(noParams, '      "privileged": true\n', '      "privileged": true,\n      "parameters": [\n        { "key": "pid", "value": "host" }\n      ]\n'),
    },
    {
      name: 'one-line docker object',
      text: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent", "privileged": true}}}',
      findings: [{ line: 1, column: 38, endColumn: 46 }],
      output: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent", "privileged": true, "parameters": [{ "key": "pid", "value": "host" }]}}}',
    },
    {
      name: 'empty parameters array',
      text: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent", "parameters": []}}}',
      findings: [{ line: 1, column: 74, endColumn: 86 }],
      output: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent", "parameters": [{ "key": "pid", "value": "host" }]}}}',
    },
  ],
});
