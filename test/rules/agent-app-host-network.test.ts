import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at } from '../corpus/marathon-fixtures';

const bridge = agentApp('"network": "HOST"', '"network": "BRIDGE"');
const lower = agentApp('"network": "HOST"', '"network": "host"');
const withNetworks = (networks: string) => agentApp('      "network": "HOST",\n', '').replace('  "instances": 3,\n', `  "instances": 3,\n  "networks": ${networks},\n`);

ruleTester('agent-app-host-network', 'marathon-app', {
  valid: [
    AGENT_APP,
    // host networking is the default when nothing is said
    agentApp('      "network": "HOST",\n', ''),
    withNetworks('[{"mode": "host"}]'),
    '{"id": "web", "container": {"docker": {"image": "nginx", "network": "BRIDGE"}}}',
  ],
  invalid: [
    {
      name: 'BRIDGE',
      text: bridge,
      findings: [{ ...at(bridge, '"BRIDGE"'), severity: 'warning', message: 'BRIDGE network' }],
      output: AGENT_APP,
    },
    {
      name: 'lower-case host is refused by Marathon: error',
      text: lower,
      findings: [{ ...at(lower, '"host"'), severity: 'error', message: 'Marathon refuses the app' }],
      output: AGENT_APP,
    },
    {
      name: '1.5+ networks in container/bridge mode',
      text: withNetworks('[{"mode": "container/bridge"}]'),
      findings: [{ ...at(withNetworks('[{"mode": "container/bridge"}]'), '"container/bridge"'), severity: 'warning' }],
      output: withNetworks('[{"mode": "host"}]'),
    },
    {
      name: 'a network without mode is a container network',
      text: withNetworks('[{"name": "dcos"}]'),
      findings: [{ ...at(withNetworks('[{"name": "dcos"}]'), '{"name": "dcos"}'), message: 'without "mode"' }],
      output: withNetworks('[{ "mode": "host" }]'),
    },
  ],
});
