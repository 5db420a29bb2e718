// Every dragent.yaml rule on an agent app's ADDITIONAL_CONF, with exact positions inside the JSON string: through
// JSON escapes (\" \\ \u00e9), JSON-decoded newlines (\n) and the `\n` that `echo -e` expands (\\n in JSON).
import { ruleTester } from '../helpers/rule-tester';
import { agentApp, at } from '../corpus/marathon-fixtures';

const LAST = 'COLLECTOR=collector.example.com" }';
/** the guide's agent app with one more docker env parameter whose JSON source is `src` */
const param = (src: string) => agentApp(LAST, `${LAST},\n        { "key": "env", "value": "ADDITIONAL_CONF=${src}" }`);
/** an agent app setting ADDITIONAL_CONF in `env` */
const env = (src: string) => `{"id": "sysdig-agent", "env": {"ADDITIONAL_CONF": "${src}"}, "container": {"docker": {"image": "sysdig/agent"}}}`;

const DECODED_NL = String.raw`security: {enabled: true}\nmesos_state_url: http://10.0.0.1:5050`;
const ECHO_NL = String.raw`security: {enabled: true}\\nmesos_state_url: http://10.0.0.1:5050`;

ruleTester('unknown-key', 'marathon-app', {
  valid: [
    param(String.raw`security: {enabled: true}\ncommandlines_capture: {enabled: true}\nmemdump: {enabled: true}`),
    param(String.raw`security: {enabled: true}\\ncommandlines_capture: {enabled: true}`),
    env(String.raw`log:\n  file_priority: debug`),
    { name: 'not the agent image: not the agent entrypoint', text: param('mesos_state_url: x').replace('"sysdig/agent"', '"nginx"') },
  ],
  invalid: [
    {
      name: 'after a JSON-decoded newline',
      text: param(DECODED_NL),
      findings: [{ ...at(param(DECODED_NL), 'mesos_state_url'), severity: 'warning', message: /^In `ADDITIONAL_CONF`: .*did you mean `mesos_state_uri`/ }],
      output: param(DECODED_NL.replace('mesos_state_url', 'mesos_state_uri')),
    },
    {
      name: 'after an echo -e newline (\\\\n in JSON): the fix keeps that style',
      text: param(ECHO_NL),
      findings: [{ ...at(param(ECHO_NL), 'mesos_state_url'), message: 'did you mean `mesos_state_uri`' }],
      output: param(ECHO_NL.replace('mesos_state_url', 'mesos_state_uri')),
    },
    {
      name: 'in env',
      text: env(String.raw`mesos_state_url: http://10.0.0.1:5050`),
      findings: [{ ...at(env(String.raw`mesos_state_url: http://10.0.0.1:5050`), 'mesos_state_url'), message: 'did you mean `mesos_state_uri`' }],
      output: env(String.raw`mesos_state_uri: http://10.0.0.1:5050`),
    },
    {
      name: 'a double-quoted YAML key written with \\" escapes: the range covers the escapes',
      text: env(String.raw`\"mesos_state_url\": http://10.0.0.1:5050`),
      findings: [{ ...at(env(String.raw`\"mesos_state_url\": http://10.0.0.1:5050`), String.raw`\"mesos_state_url\"`) }],
      output: env(String.raw`\"mesos_state_uri\": http://10.0.0.1:5050`),
    },
    {
      name: 'a \\u00e9 escape inside the key counts as one character and is covered whole',
      text: env(String.raw`caf\u00e9: 1`),
      findings: [{ ...at(env(String.raw`caf\u00e9: 1`), String.raw`caf\u00e9`), message: '`café` is not a setting' }],
    },
    {
      name: 'after a backslash written \\\\\\\\ (JSON and echo both unescape it)',
      text: env(String.raw`tags: a\\\\b\nmesos_state_url: x`),
      findings: [{ ...at(env(String.raw`tags: a\\\\b\nmesos_state_url: x`), 'mesos_state_url') }],
      output: env(String.raw`tags: a\\\\b\nmesos_state_uri: x`),
    },
    {
      name: 'a nested key after a decoded newline and indentation',
      text: env(String.raw`memdump:\n  enabld: true`),
      findings: [{ ...at(env(String.raw`memdump:\n  enabld: true`), 'enabld'), message: 'did you mean `enabled`' }],
      output: env(String.raw`memdump:\n  enabled: true`),
    },
  ],
});

ruleTester('log-priority', 'marathon-app', {
  valid: [env(String.raw`log: {file_priority: warning}`)],
  invalid: [
    {
      name: 'an invalid level stops the agent: an error inside the string',
      text: param(String.raw`log: {file_priority: verbose}`),
      findings: [{ ...at(param(String.raw`log: {file_priority: verbose}`), 'verbose'), severity: 'error', message: 'In `ADDITIONAL_CONF`: ' }],
    },
  ],
});

ruleTester('number-with-unit', 'marathon-app', {
  valid: [env(String.raw`mesos_timeout_ms: 10000`)],
  invalid: [
    {
      name: 'a unit after a \\\\n line',
      text: env(String.raw`security: {enabled: true}\\nmesos_timeout_ms: 10s`),
      findings: [{ ...at(env(String.raw`security: {enabled: true}\\nmesos_timeout_ms: 10s`), '10s') }],
      output: env(String.raw`security: {enabled: true}\\nmesos_timeout_ms: 10000`),
    },
  ],
});

ruleTester('syntax', 'marathon-app', {
  valid: [env(String.raw`security: {enabled: true}`)],
  invalid: [
    {
      name: 'an unclosed flow mapping: the agent will not start; the last character before the closing quote',
      text: env(String.raw`security: {enabled: true`),
      findings: [{ line: 1, column: env(String.raw`security: {enabled: true`).indexOf('true"') + 4, endColumn: env(String.raw`security: {enabled: true`).indexOf('true"') + 5, message: 'In `ADDITIONAL_CONF`: ' }],
    },
  ],
});

ruleTester('https-unsupported', 'marathon-app', {
  valid: [env(String.raw`mesos_state_uri: http://10.0.0.1:5050`)],
  invalid: [
    {
      name: 'the guide-2016 agent refuses https',
      text: env(String.raw`mesos_state_uri: https://10.0.0.1:5050`),
      findings: [{ ...at(env(String.raw`mesos_state_uri: https://10.0.0.1:5050`), 'https') }],
    },
  ],
});

ruleTester('multiple-marathon-uris', 'marathon-app', {
  valid: [env(String.raw`marathon_uris:\n  - http://10.0.0.1:8080`)],
  invalid: [
    {
      name: 'only the first is used',
      text: env(String.raw`marathon_uris:\n  - http://10.0.0.1:8080\n  - http://10.0.0.2:8080`),
      findings: [{ ...at(env(String.raw`marathon_uris:\n  - http://10.0.0.1:8080\n  - http://10.0.0.2:8080`), 'http://10.0.0.2:8080') }],
    },
  ],
});

const UNDERSCORE = env(String.raw`mesos_state_uri: http://mesos_master:5050`);
ruleTester('uri-host-underscore', 'marathon-app', {
  valid: [env(String.raw`mesos_state_uri: http://mesos-master:5050`)],
  invalid: [
    {
      text: env(String.raw`mesos_state_uri: http://mesos_master:5050`),
      findings: [{ line: 1, column: UNDERSCORE.indexOf('s_m') + 2, endColumn: UNDERSCORE.indexOf('s_m') + 3 }],
    },
  ],
});

ruleTester('placeholder', 'marathon-app', {
  valid: [env(String.raw`collector: collector.example.com`)],
  invalid: [
    {
      name: 'said once (the app\'s own finding, which the fill-in box works on)',
      text: env(String.raw`collector: COLLECTOR-ADDRESS-HERE`),
      findings: [{ ...at(env(String.raw`collector: COLLECTOR-ADDRESS-HERE`), 'COLLECTOR-ADDRESS-HERE') }],
    },
  ],
});

ruleTester('smart-quotes', 'marathon-app', {
  valid: [env(String.raw`tags: 'role:agent'`)],
  invalid: [
    {
      name: 'said once, with the YAML fix: a single-quoted scalar doubles the quote',
      text: env(String.raw`tags: 'it’s'`),
      findings: [{ ...at(env(String.raw`tags: 'it’s'`), '’'), message: 'In `ADDITIONAL_CONF`: ' }],
      output: env(String.raw`tags: 'it''s'`),
    },
  ],
});
