import { ruleTester } from '../helpers/rule-tester';

ruleTester('empty-value', 'dragent', {
  valid: [
    '',
    // empty lists and maps are fine (all items commented out, as in Sysdig's 2019 ConfigMap)
    'app_checks:\n  # - name: elasticsearch\nmarathon_uris:\nprometheus:\nsecurity: {}\n',
    // quoted empty text is a real empty value, not null
    'mesos_state_uri: ""\ntags: \'\'\n',
    // free-form maps
    'app_checks:\n  - name: x\n    conf:\n      user:\n',
    // log levels are log-priority's business
    'log:\n  file_priority:\n',
    // unknown keys are unknown-key's business
    'frobnicate:\n',
  ],
  invalid: [
    {
      name: 'collector left empty',
      text: 'collector:\ncollector_port: 6443\n',
      findings: [
        {
          line: 1,
          column: 1,
          endColumn: 10,
          severity: 'warning',
          message: 'collector has no value: the agent\'s YAML library reads an empty value as the text "null", so the agent tries to connect to a collector host named "null". Write a value or remove the key.',
        },
      ],
      output: 'collector: collector.sysdigcloud.com\ncollector_port: 6443\n',
    },
    {
      name: 'mesos_state_uri with only a comment: the fix keeps the comment',
      text: 'mesos_state_uri: # set me\n',
      findings: [{ line: 1, column: 1, message: 'Invalid URI: [null]' }],
      output: 'mesos_state_uri: "" # set me\n',
    },
    {
      name: 'number and boolean: default used; ~ and null',
      text: 'mesos_timeout_ms: ~\nmesos_autodetect: null\r\n',
      findings: [
        { line: 1, column: 1, message: 'mesos_timeout_ms has no value: the agent cannot convert an empty value, ignores it and uses the default 10000.' },
        { line: 2, column: 1, message: 'uses the default true' },
      ],
      output: 'mesos_timeout_ms: 10000\nmesos_autodetect: true\r\n',
    },
    {
      name: 'nested key in a flow mapping, key with spaces',
      text: 'statsd: {limit: , enabled: true}\nsysdig capture:\n  max outstanding:\n',
      findings: [
        { line: 1, column: 10, endColumn: 15, message: 'statsd.limit has no value' },
        { line: 3, column: 3, endColumn: 18, message: 'sysdig capture.max outstanding has no value' },
      ],
    },
    {
      name: 'ssl (boolean) empty',
      text: 'ssl:\n',
      findings: [{ line: 1, column: 1, message: 'uses the default true' }],
      output: 'ssl: true\n',
    },
    {
      name: 'default depends on the agent version: no fix',
      text: 'collector_port:\n',
      findings: [{ line: 1, column: 1, message: 'uses the default 6443 (6666 before 2020-01)' }],
      output: 'collector_port:\n',
    },
    {
      name: 'item of a list',
      text: 'app_checks:\n  - name:\n',
      findings: [{ line: 2, column: 5, message: 'app_checks[0].name has no value' }],
    },
  ],
});
