import { ruleTester } from '../helpers/rule-tester';
import type { DeployFills } from '../../server/src/service/deploy-fills';

const editor = (over: Partial<DeployFills> = {}): { deployFills: DeployFills } => ({ deployFills: { door: 'editor', accessKey: false, collector: false, variables: [], ...over } });
const app = (env: string) => `{"id": "sysdig-agent", "env": ${env}, "container": {"docker": {"image": "sysdig/agent:\${TAG}"}}}`;
const col = (text: string, needle: string) => text.indexOf(needle) + 1;

ruleTester('deploy-variable', 'marathon-app', {
  valid: [
    // lint and the CLI judge the file alone: no fills known, nothing said
    app('{"ACCESS_KEY": "${ACCESS_KEY}"}'),
    { name: 'no ${…} in the file', text: '{"id": "web", "cmd": "echo $HOME {x}"}', settings: editor() },
    { name: 'keys are not templated', text: '{"id": "web", "env": {"${X}": "1"}}', settings: editor() },
  ],
  invalid: [
    {
      name: 'the walkthrough: ${ACCESS_KEY} with the key in secret storage is an information; ${TAG} without a value an error',
      text: app('{"ACCESS_KEY": "${ACCESS_KEY}"}'),
      settings: editor({ accessKey: true }),
      findings: [
        { line: 1, column: col(app('{"ACCESS_KEY": "${ACCESS_KEY}"}'), '${ACCESS_KEY}'), severity: 'info', message: "is filled from VS Code's secret storage at deploy" },
        { line: 1, column: col(app('{"ACCESS_KEY": "${ACCESS_KEY}"}'), '${TAG}'), severity: 'error', message: 'add "TAG" to the sysdig-mesos.deploy.variables setting' },
      ],
    },
    {
      name: 'a value in deploy.variables wins; ${ACCESS_KEY} without a stored key names both ways out',
      text: app('{"ACCESS_KEY": "${ACCESS_KEY}"}'),
      settings: editor({ variables: ['TAG'] }),
      findings: [
        { line: 1, column: col(app('{"ACCESS_KEY": "${ACCESS_KEY}"}'), '${ACCESS_KEY}'), severity: 'error', message: 'add "ACCESS_KEY" to the sysdig-mesos.deploy.variables setting, or run "Sysdig Mesos: Set Sysdig access key"' },
        { line: 1, column: col(app('{"ACCESS_KEY": "${ACCESS_KEY}"}'), '${TAG}'), severity: 'info', message: 'is filled from the sysdig-mesos.deploy.variables setting at deploy' },
      ],
    },
    {
      name: 'escaped string: the whole value is marked',
      text: '{"id": "web", "cmd": "say \\"${WHO}\\""}',
      settings: editor(),
      findings: [{ line: 1, column: 22, endColumn: 38, severity: 'error' }],
    },
  ],
});

ruleTester('placeholder', 'marathon-app', {
  valid: [],
  invalid: [
    {
      name: 'ACCESS_KEY placeholder with the key stored: an information (deploy sends the stored key)',
      text: app('{"ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}'),
      settings: editor({ accessKey: true, variables: ['TAG'] }),
      findings: [{ line: 1, column: col(app('{"ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}'), 'YOUR-'), severity: 'info', message: "stays in the file: deploy sends ACCESS_KEY from VS Code's secret storage in its place" }],
    },
    {
      name: 'without it: an error naming the command too',
      text: app('{"ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}'),
      settings: editor({ variables: ['TAG'] }),
      findings: [{ line: 1, column: col(app('{"ACCESS_KEY": "YOUR-ACCESS-KEY-HERE"}'), 'YOUR-'), severity: 'error', message: 'or keep it out of the file: run "Sysdig Mesos: Set Sysdig access key"' }],
    },
  ],
});
