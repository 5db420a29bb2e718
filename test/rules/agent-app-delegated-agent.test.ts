import { ruleTester } from '../helpers/rule-tester';
import { agentApp, at } from '../corpus/marathon-fixtures';

const LAST = 'COLLECTOR=collector.example.com" }';
/** the guide's agent app (instances: 3, one per host) with ADDITIONAL_CONF written as the JSON source `src` */
const param = (src: string) => agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=${src}" }`);
const withInstances = (text: string, n: string) => text.replace('"instances": 3', `"instances": ${n}`);

const REMOTE = String.raw`security: {enabled: true}\nmesos_state_uri: http://10.0.0.1:5050`;
const MARATHON = String.raw`marathon_uris:\n  - http://10.0.0.1:8080\n  - http://10.0.0.2:8080`;

ruleTester('agent-app-delegated-agent', 'marathon-app', {
  valid: [
    param(String.raw`security: {enabled: true}`),
    { name: 'one instance: that one agent is the delegated agent', text: withInstances(param(REMOTE), '1') },
    { name: 'instances left out: Marathon runs one', text: withInstances(param(REMOTE), '3').replace('"instances": 3,\n', '') },
    { name: 'the node\'s own master', text: param(String.raw`mesos_state_uri: http://localhost:5050\nmarathon_uris: [http://127.0.0.1:8080]`) },
    { name: 'not the agent image', text: param(REMOTE).replace('"sysdig/agent"', '"nginx"') },
    { name: 'an unparsable URI is the URI rules\' business', text: param(String.raw`mesos_state_uri: 10.0.0.1:5050`) },
  ],
  invalid: [
    {
      name: 'mesos_state_uri on a remote master, on every node',
      text: param(REMOTE),
      findings: [{ ...at(param(REMOTE), 'http://10.0.0.1:5050'), severity: 'warning', message: /^`mesos_state_uri` in `ADDITIONAL_CONF` points at the Mesos master on 10\.0\.0\.1: every instance of this app \(instances: 3, one agent per node\)/ }],
    },
    {
      name: 'marathon_uris: its first item only (the one the agent uses)',
      text: param(MARATHON),
      findings: [{ ...at(param(MARATHON), 'http://10.0.0.1:8080'), message: 'points at Marathon on 10.0.0.1' }],
    },
    {
      name: 'the guide\'s instance placeholder means one per node too',
      text: withInstances(param(REMOTE), '"YOUR-NUMBER-OF-INSTANCES-HERE"'),
      findings: [{ ...at(withInstances(param(REMOTE), '"YOUR-NUMBER-OF-INSTANCES-HERE"'), 'http://10.0.0.1:5050'), message: 'instances: "YOUR-NUMBER-OF-INSTANCES-HERE"' }],
    },
  ],
});
