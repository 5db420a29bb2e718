import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit } from '../corpus/marathon-fixtures';

const noCollector = agentApp(',\n        { "key": "env", "value": "COLLECTOR=collector.example.com" }', '');
const app = (rest: string) => `{"id": "sysdig-agent", ${rest}"container": {"docker": {"image": "sysdig/agent"}}}`;

ruleTester('agent-app-collector', 'marathon-app', {
  valid: [AGENT_APP, app('"env": {"COLLECTOR": "collector.example.com"}, '), '{"id": "web", "container": {"docker": {"image": "nginx"}}}'],
  invalid: [
    {
      name: 'missing: the SaaS default is used; the fix writes it explicitly',
      text: noCollector,
      findings: [{ ...at(noCollector, '"parameters"'), severity: 'warning', message: 'collector.sysdigcloud.com' }],
      output: edit(noCollector, '" }\n      ]', '" },\n        { "key": "env", "value": "COLLECTOR=collector.sysdigcloud.com" }\n      ]'),
    },
    {
      name: 'env object',
      text: app('"env": {"ACCESS_KEY": "k"}, '),
      findings: [{ line: 1, column: 24, endColumn: 29 }],
      output: app('"env": {"ACCESS_KEY": "k", "COLLECTOR": "collector.sysdigcloud.com"}, '),
    },
    {
      name: 'empty value',
      text: app('"env": {"ACCESS_KEY": "k", "COLLECTOR": ""}, '),
      findings: [{ line: 1, column: 64, endColumn: 66, message: 'COLLECTOR is empty' }],
    },
  ],
});
