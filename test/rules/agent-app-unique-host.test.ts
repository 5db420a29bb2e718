import { ruleTester } from '../helpers/rule-tester';
import { AGENT_APP, agentApp, at, edit } from '../corpus/marathon-fixtures';

const noConstraints = agentApp('  "constraints": [["hostname", "UNIQUE"]],\n', '');
const empty = agentApp('[["hostname", "UNIQUE"]]', '[]');
const other = agentApp('[["hostname", "UNIQUE"]]', '[["rack", "GROUP_BY"]]');

ruleTester('agent-app-unique-host', 'marathon-app', {
  valid: [
    AGENT_APP,
    agentApp('[["hostname", "UNIQUE"]]', '[["hostname", "MAX_PER", "1"]]'),
    '{"id": "web", "instances": 3, "container": {"docker": {"image": "nginx"}}}',
  ],
  invalid: [
    {
      name: 'no constraints: reported at "id", added at the end of the app',
      text: noConstraints,
      findings: [{ ...at(noConstraints, '"id"'), severity: 'warning', message: '["hostname", "UNIQUE"]' }],
      output: edit(noConstraints, '      ]\n  }\n}\n', '      ]\n  },\n  "constraints": [["hostname", "UNIQUE"]]\n}\n'),
    },
    {
      name: 'empty constraints',
      text: empty,
      findings: [{ ...at(empty, '"constraints"') }],
      output: AGENT_APP,
    },
    {
      name: 'other constraints only',
      text: other,
      findings: [{ ...at(other, '"constraints"') }],
      output: agentApp('[["hostname", "UNIQUE"]]', '[["rack", "GROUP_BY"], ["hostname", "UNIQUE"]]'),
    },
    {
      name: 'MAX_PER 2 is not one per host',
      text: agentApp('[["hostname", "UNIQUE"]]', '[["hostname", "MAX_PER", "2"]]'),
      findings: [{ ...at(AGENT_APP, '"constraints"') }],
    },
  ],
});
