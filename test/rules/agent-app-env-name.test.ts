import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at } from '../corpus/marathon-fixtures';

const withParam = (v: string) => agentApp('COLLECTOR=collector.example.com" }', `COLLECTOR=collector.example.com" },\n        { "key": "env", "value": "${v}" }`);
const app = (env: string) => `{"id": "sysdig-agent", "env": ${env}, "container": {"docker": {"image": "sysdig/agent"}}}`;

ruleTester('agent-app-env-name', 'marathon-app', {
  valid: [
    AGENT_APP,
    withParam('CHECK_CERTIFICATE=false'),
    app('{"ACCESS_KEY": "k", "MY_OWN_VAR": "x"}'),
    '{"id": "web", "env": {"CHECK_CERT": "false"}, "container": {"docker": {"image": "nginx"}}}',
  ],
  invalid: [
    {
      name: 'CHECK_CERT in a docker parameter: only the name is renamed',
      text: withParam('CHECK_CERT=false'),
      findings: [{ ...at(withParam('CHECK_CERT=false'), 'CHECK_CERT'), severity: 'warning', message: 'CHECK_CERTIFICATE' }],
      output: withParam('CHECK_CERTIFICATE=false'),
    },
    {
      name: 'CHECK_CERT in env',
      text: app('{"CHECK_CERT": "false"}'),
      findings: [{ line: 1, column: 32, endColumn: 44 }],
      output: app('{"CHECK_CERTIFICATE": "false"}'),
    },
    {
      name: 'wrong case',
      text: app('{"collector": "c.example.com"}'),
      findings: [{ line: 1, column: 32, endColumn: 43, message: 'case-sensitive' }],
      output: app('{"COLLECTOR": "c.example.com"}'),
    },
    {
      name: 'both spellings: no fix, the wrong one is dead',
      text: app('{"CHECK_CERTIFICATE": "false", "CHECK_CERT": "false"}'),
      findings: [{ line: 1, column: 62, endColumn: 74, message: 'dead' }],
      output: app('{"CHECK_CERTIFICATE": "false", "CHECK_CERT": "false"}'),
    },
  ],
});
