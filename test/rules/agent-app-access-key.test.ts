import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit, SAMPLE_ACCESS_KEY } from '../corpus/marathon-fixtures';

const noKey = agentApp(`        { "key": "env", "value": "ACCESS_KEY=${SAMPLE_ACCESS_KEY}" },\n`, '');
const emptyKey = agentApp(`ACCESS_KEY=${SAMPLE_ACCESS_KEY}`, 'ACCESS_KEY=');
const app = (rest: string, docker = '{"image": "sysdig/agent"}') => `{"id": "sysdig-agent", ${rest}"container": {"docker": ${docker}}}`;

ruleTester('agent-app-access-key', 'marathon-app', {
  valid: [
    AGENT_APP,
    app('"env": {"ACCESS_KEY": "k"}, '),
    app('"env": {"ACCESS_KEY": {"secret": "sysdig-key"}}, '),
    '{"id": "web", "container": {"docker": {"image": "nginx"}}}',
    // the entrypoint appends ADDITIONAL_CONF to the dragent.yaml it writes: its customerid is the access key
    app('"env": {"ADDITIONAL_CONF": "customerid: k\\nsecurity:\\n  enabled: true"}, '),
    app('"env": {"TAGS": "a:b"}, ', '{"image": "sysdig/agent", "parameters": [{"key": "env", "value": "ADDITIONAL_CONF=log:\\n  file_priority: info\\ncustomerid: k"}]}'),
  ],
  invalid: [
    {
      name: 'missing from the guide-style parameters: added there',
      text: noKey,
      findings: [{ ...at(noKey, '"parameters"'), severity: 'error', message: 'cannot authenticate' }],
      output: edit(noKey, 'COLLECTOR=collector.example.com" }\n', 'COLLECTOR=collector.example.com" },\n        { "key": "env", "value": "ACCESS_KEY=YOUR-ACCESS-KEY-HERE" }\n'),
    },
    {
      name: 'env object in use: added there',
      text: app('"env": {"COLLECTOR": "c.example.com"}, '),
      findings: [{ line: 1, column: 24, endColumn: 29 }],
      output: app('"env": {"COLLECTOR": "c.example.com", "ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}, '),
    },
    {
      name: 'parameters without env entries but an env object: added to env',
      text: app('"env": {"TAGS": "a:b"}, ', '{"image": "sysdig/agent", "parameters": [{"key": "pid", "value": "host"}]}'),
      findings: [{ line: 1, column: 24, endColumn: 29 }],
      output: app('"env": {"TAGS": "a:b", "ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}, ', '{"image": "sysdig/agent", "parameters": [{"key": "pid", "value": "host"}]}'),
    },
    {
      name: 'no variables anywhere: reported at "docker", env added to the app',
      text: app(''),
      findings: [{ line: 1, column: 38, endColumn: 46 }],
      output: '{"id": "sysdig-agent", "container": {"docker": {"image": "sysdig/agent"}}, "env": { "ACCESS_KEY": "YOUR-ACCESS-KEY-HERE" }}',
    },
    {
      name: 'empty value',
      text: emptyKey,
      findings: [{ ...at(emptyKey, '"ACCESS_KEY="'), message: 'ACCESS_KEY is empty' }],
    },
    {
      name: 'ADDITIONAL_CONF with an empty customerid (or one nested, not top-level) does not count',
      text: app('"env": {"ADDITIONAL_CONF": "customerid: \\"\\"\\nsecurity:\\n  customerid: k"}, '),
      findings: [{ line: 1, column: 24, endColumn: 29, message: 'sets no ACCESS_KEY' }],
      output: app('"env": {"ADDITIONAL_CONF": "customerid: \\"\\"\\nsecurity:\\n  customerid: k", "ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}, '),
    },
  ],
});
