import { ruleTester } from '../helpers/rule-tester';
import { getSchema } from '../../server/src/service/schema';

ruleTester('unknown-key', 'dragent', {
  valid: [
    '',
    'collector: c\ncollector_port: 6443\nmesos_state_uri: http://10.0.0.1:5050\nmarathon_uris: [http://10.0.0.1:8080]\n',
    // keys with spaces and leading digits are real keys
    'sysdig capture:\n  max outstanding: 1\n10s_flush_enable: true\n',
    // the real (misspelled) key of the agent
    'falcobasline:\n  max_drops_buffer_rate_percentage: 0.5\n',
    // the ConfigMap template marker is in the agent key inventory
    'configmap: true\n',
    // free-form maps: app check conf, jmx per-application sections (2015 layout), events
    'app_checks:\n  - name: x\n    conf:\n      whatever: 1\njmx:\n  default:\n    - query: a\n  cassandra:\n    pattern: cassandra\nevents:\n  docker:\n    container: [kill]\n',
    // flow style and comments, CRLF
    'log: { file_priority: debug, console_priority: info } # ok\r\nstatsd: {limit: 10}\r\n',
    // keys nested in the right place
    'security:\n  enabled: true\n  k8s_audit_server_port: 7765\nmemdump:\n  autodisable:\n    enabled: true\n',
    // anchors are checked where written; an alias is not walked again
    'statsd: &s\n  limit: 1\n',
  ],
  invalid: [
    {
      name: 'typo with a fix (only the key text changes, the comment stays)',
      text: 'mesos_state_url: http://m:5050 # master\nmesos_timeout_ms: 1000\n',
      findings: [{ line: 1, column: 1, endColumn: 16, severity: 'warning', message: '`mesos_state_url` is not a setting the agent reads, so it is silently ignored; did you mean `mesos_state_uri`?' }],
      output: 'mesos_state_uri: http://m:5050 # master\nmesos_timeout_ms: 1000\n',
    },
    {
      name: 'nmemdump (real corpus typo), keys indented by one space',
      text: ' security:\n   enabled: true\n nmemdump:\n   enabled: true\n',
      findings: [{ line: 3, column: 2, endColumn: 10, message: 'did you mean `memdump`?' }],
      output: ' security:\n   enabled: true\n memdump:\n   enabled: true\n',
    },
    {
      name: 'marathon_uri → marathon_uris',
      text: 'marathon_uri:\n  - http://m:8080\n',
      findings: [{ line: 1, column: 1, endColumn: 13, message: 'did you mean `marathon_uris`?' }],
      output: 'marathon_uris:\n  - http://m:8080\n',
    },
    {
      name: 'no credentials key',
      text: 'mesos_credentials: admin:secret\n',
      findings: [{ line: 1, column: 1, message: 'Mesos credentials go in `mesos_user` and `mesos_password`' }],
    },
    {
      name: 'environment variable name instead of the key',
      text: 'ACCESS_KEY: 00000000-0000-0000-0000-000000000000\n',
      findings: [{ line: 1, column: 1, endColumn: 11, message: 'did you mean `customerid`?' }],
      output: 'customerid: 00000000-0000-0000-0000-000000000000\n',
    },
    {
      name: 'quoted key keeps its quotes',
      text: '"mesos_user_": admin\n\'collectr\': c\n',
      findings: [
        { line: 1, column: 1, endColumn: 14, message: 'did you mean `mesos_user`?' },
        { line: 2, column: 1, endColumn: 11, message: 'did you mean `collector`?' },
      ],
      output: '"mesos_user": admin\n\'collector\': c\n',
    },
    {
      name: 'nested level, flow mapping',
      text: 'prometheus: {enable: true, max_metrics: 10}\n',
      findings: [{ line: 1, column: 14, endColumn: 20, message: '`prometheus.enable` is not a setting the agent reads, so it is silently ignored; did you mean `enabled`?' }],
      output: 'prometheus: {enabled: true, max_metrics: 10}\n',
    },
    {
      name: 'dotted key written as one key',
      text: 'log.file_priority: debug\n',
      findings: [{ line: 1, column: 1, endColumn: 18, message: 'never splits a key at dots. Write `log:` and under it `file_priority:`' }],
    },
    {
      name: 'template marker kubectl.configmap',
      text: 'kubectl.configmap: true\n### Agent tags\n',
      findings: [{ line: 1, column: 1, message: "marker written by Sysdig's Kubernetes ConfigMap template" }],
    },
    {
      name: 'key in the wrong place',
      text: 'udp_port: 8125\n',
      findings: [{ line: 1, column: 1, message: 'it belongs in `statsd`' }],
    },
    {
      name: 'YAML merge key',
      text: 'base: &b\n  limit: 1\nstatsd:\n  <<: *b\n',
      findings: [
        { line: 1, column: 1, message: '`base` is not a setting' },
        { line: 4, column: 3, endColumn: 5, message: 'merge key' },
      ],
    },
    {
      name: 'CRLF and BOM',
      text: '\ufeffcolector: c\r\nssl: true\r\n',
      findings: [{ line: 1, column: 2, endColumn: 10, message: 'did you mean `collector`?' }],
      output: '\ufeffcollector: c\r\nssl: true\r\n',
    },
    {
      name: 'no suggestion when nothing is close',
      text: 'frobnicate: 1\n',
      findings: [{ line: 1, column: 1, message: '`frobnicate` is not a setting the agent reads, so it is silently ignored.' }],
    },
    {
      name: 'no rename onto a key that is already there',
      text: 'collector: a\ncolector: b\n',
      findings: [{ line: 2, column: 1, message: '`colector` is not a setting the agent reads, so it is silently ignored.' }],
    },
    {
      name: 'deprecated pre-release keys: replacement named, rename offered when the value keeps its meaning',
      text: 'dcos_uid: admin\nmarathon_apps_uri: http://m:8080/v2/apps\nprotocols_enabled: false\n',
      findings: [
        { line: 1, column: 1, endColumn: 9, severity: 'warning', message: 'Deprecated key `dcos_uid`. Pre-release spelling (Oct 2016), no longer read. The DC/OS Enterprise login is `dcos_user`.' },
        { line: 2, column: 1, severity: 'warning', message: 'Use `marathon_uris`' },
        { line: 3, column: 1, message: 'Use `protocols`' },
      ],
      output: 'dcos_user: admin\nmarathon_apps_uri: http://m:8080/v2/apps\nprotocols: false\n',
    },
    {
      name: 'k8s_timeout_ms converted to seconds; information only for the 2016 agents',
      text: 'k8s_timeout_ms: 60000 # one minute\n',
      findings: [{ line: 1, column: 1, severity: 'info', message: 'later agents read `k8s_timeout_s`, in seconds' }],
      output: 'k8s_timeout_s: 60 # one minute\n',
    },
    {
      name: 'k8s_timeout_ms is a warning for the latest agents',
      text: 'k8s_timeout_ms: 1500\n',
      settings: { agentProfile: 'latest' },
      findings: [{ line: 1, column: 1, severity: 'warning', message: 'k8s_timeout_s' }],
      output: 'k8s_timeout_ms: 1500\n',
    },
    {
      name: 'pre-release ssl mapping: each key reported with its replacement',
      text: 'ssl:\n  enabled: false\n  ca_certificate: ca.pem\n',
      findings: [
        { line: 2, column: 3, message: 'Deprecated key `ssl.enabled`' },
        { line: 3, column: 3, message: 'The CA bundle is the top-level `ca_certificate`' },
      ],
    },
  ],
});

if (getSchema('marathon-app')) {
  ruleTester('unknown-key', 'marathon-app', {
    valid: ['{"id": "a", "cmd": "x", "env": {"ANY_NAME": "v"}, "labels": {"x": "y"}}'],
    invalid: [
      {
        name: 'typo keeps the JSON quotes',
        text: '{\n  "id": "a",\n  "cmd": "x",\n  "cpu": 0.5\n}\n',
        findings: [{ line: 4, column: 3, endColumn: 8, severity: 'warning', message: '`cpu` is not a field of a Marathon app definition: Marathon ignores it; did you mean `cpus`?' }],
        output: '{\n  "id": "a",\n  "cmd": "x",\n  "cpus": 0.5\n}\n',
      },
      {
        name: 'field one level too high',
        text: '{"id": "a", "container": {"type": "DOCKER", "forcePullImage": true, "docker": {"image": "x"}}}',
        findings: [{ line: 1, column: 45, message: 'it belongs in `container.docker` or `container.appc`' }],
      },
    ],
  });
}
