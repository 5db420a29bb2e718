import { ruleTester } from '../helpers/rule-tester';
import { agentApp, at } from '../corpus/marathon-fixtures';

const LAST = 'COLLECTOR=collector.example.com" }';
const withConf = (src: string) => agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=${src}" }`);
const withVolume = (text: string, path: string) => text.replace('"volumes": [', `"volumes": [\n        { "containerPath": "${path}", "hostPath": "/var/lib/sysdig", "mode": "RW" },`);
const DIR = withVolume(withConf('security: {enabled: true}'), '/opt/draios/etc');
const FILE = withVolume(withConf('security: {enabled: true}'), '/opt/draios/etc/dragent.yaml');
const ENV = withVolume(agentApp('"instances": 3,', '"instances": 3,\n  "env": { "ADDITIONAL_CONF": "security: {enabled: true}" },'), '/opt/draios/etc/');

ruleTester('agent-app-additional-conf-persisted', 'marathon-app', {
  valid: [
    withConf('security: {enabled: true}'),
    { name: 'a volume elsewhere', text: withVolume(withConf('a: 1'), '/opt/draios/logs') },
    { name: 'no ADDITIONAL_CONF', text: withVolume(agentApp('"instances": 3', '"instances": 3'), '/opt/draios/etc') },
    { name: 'an empty ADDITIONAL_CONF', text: withVolume(withConf(''), '/opt/draios/etc') },
  ],
  invalid: [
    {
      name: 'a volume at /opt/draios/etc: on the name ADDITIONAL_CONF= in the parameter (information)',
      text: DIR,
      findings: [{ ...at(DIR, 'ADDITIONAL_CONF='), severity: 'info', message: 'applied on a node\'s first start only' }],
    },
    {
      name: 'a file at dragent.yaml: never applied (warning)',
      text: FILE,
      findings: [{ ...at(FILE, 'ADDITIONAL_CONF='), severity: 'warning', message: 'is never applied' }],
    },
    {
      name: 'in env: on the key',
      text: ENV,
      findings: [{ ...at(ENV, '"ADDITIONAL_CONF"'), severity: 'info' }],
    },
  ],
});
