import { ruleTester } from '../helpers/rule-tester';

const CLEAN = 'mesos_state_uri: http://10.0.0.1:5050\nmarathon_uris:\n  - http://10.0.0.1:8080\n';

ruleTester('https-unsupported', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://[fd00::5]:5050\n', '# mesos_state_uri: https://x:5050\n', 'k8s_uri: https://k8s:443\n', 'marathon_uris: []\n'],
  invalid: [
    {
      name: 'mesos https, guide profile is an error',
      text: '# comment\nmesos_state_uri: https://m:5050 # trailing\n',
      findings: [{ line: 2, column: 18, endColumn: 23, severity: 'error', message: 'guide-2016' }],
      output: '# comment\nmesos_state_uri: http://m:5050 # trailing\n',
    },
    {
      name: 'latest profile is a warning that says why',
      text: 'mesos_state_uri: https://m:5050\n',
      settings: { agentProfile: 'latest' },
      findings: [{ line: 1, column: 18, severity: 'warning', message: 'never verify' }],
      output: 'mesos_state_uri: http://m:5050\n',
    },
    {
      name: 'any case, block list items, quoted, CRLF',
      text: 'marathon_uris:\r\n  - HTTPS://a:8080\r\n  - "HttpS://b:8080"\r\n',
      findings: [
        { line: 2, column: 5, endColumn: 10, severity: 'error' },
        { line: 3, column: 6, endColumn: 11, severity: 'error' },
      ],
      output: 'marathon_uris:\r\n  - http://a:8080\r\n  - "http://b:8080"\r\n',
    },
    {
      name: 'flow sequence and alias',
      text: 'x: &u https://a:8080\nmarathon_uris: [*u]\n',
      findings: [{ line: 1, column: 7, endColumn: 12 }],
    },
    {
      name: 'title warns about clear-text credentials',
      text: 'mesos_state_uri: https://u:p@m:5050\n',
      findings: [{ line: 1, column: 18 }],
      output: 'mesos_state_uri: http://u:p@m:5050\n',
    },
  ],
});

ruleTester('multiple-marathon-uris', 'dragent', {
  valid: [CLEAN, 'marathon_uris:\n  - http://a:8080\n  # - http://b:8080\n', 'marathon_uris: [http://a:8080]\n'],
  invalid: [
    {
      text: '# keep me\nmarathon_uris:\n  - http://a:8080 # first\n  - http://b:8080 # second\nmesos_autodetect: true\n',
      findings: [{ line: 4, column: 5, endColumn: 18, severity: 'warning', message: 'Only the first' }],
      output: '# keep me\nmarathon_uris:\n  - http://a:8080 # first\n  # - http://b:8080 # second\nmesos_autodetect: true\n',
    },
    {
      name: 'flow style: reported, no comment fix possible',
      text: 'marathon_uris: [http://a:8080, http://b:8080, http://c:8080]\n',
      findings: [{ line: 1, column: 32 }, { line: 1, column: 47 }],
      output: 'marathon_uris: [http://a:8080, http://b:8080, http://c:8080]\n',
    },
    {
      name: 'password of the first URI is masked in the message',
      text: 'marathon_uris:\n- http://u:secret@a:8080\n- http://b:8080\n',
      findings: [{ line: 3, column: 3, message: 'http://u:***@a:8080' }],
      output: 'marathon_uris:\n- http://u:secret@a:8080\n# - http://b:8080\n',
    },
  ],
});

ruleTester('marathon-uris-not-list', 'dragent', {
  valid: [CLEAN, 'marathon_uris:\n', 'marathon_uris: []\n'],
  invalid: [
    {
      text: 'marathon_uris: http://a:8080 # mine\nx_after: 1\n',
      findings: [{ line: 1, column: 16, endColumn: 29, severity: 'warning' }],
      output: 'marathon_uris:\n  - http://a:8080 # mine\nx_after: 1\n',
    },
    {
      name: 'CRLF kept',
      text: 'marathon_uris: "http://a:8080"\r\n',
      findings: [{ line: 1, column: 16 }],
      output: 'marathon_uris:\r\n  - "http://a:8080"\r\n',
    },
  ],
});

ruleTester('uri-no-scheme', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: ""\n'],
  invalid: [
    { text: 'mesos_state_uri: 10.0.0.1:5050\n', findings: [{ line: 1, column: 18, endColumn: 31, severity: 'warning', message: 'autodetection' }] },
    { text: 'marathon_uris:\n  - marathon.mesos:8080\n', findings: [{ line: 2, column: 5, severity: 'error', message: 'stops at start-up' }] },
    { text: 'marathon_uris:\n  - 8080\n', findings: [{ line: 2, column: 5, severity: 'error' }] },
  ],
});

ruleTester('uri-scheme', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: HTTP://m:5050\n'],
  invalid: [
    { text: 'mesos_state_uri: zk://10.0.0.1:2181/mesos\n', findings: [{ line: 1, column: 18, endColumn: 20, severity: 'error', message: 'ZooKeeper' }] },
    { text: 'marathon_uris:\n  - htp://m:8080\n', findings: [{ line: 2, column: 5, endColumn: 8 }] },
  ],
});

ruleTester('uri-host-underscore', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://my-master.example.com:5050\n'],
  invalid: [
    { text: 'mesos_state_uri: http://mesos_master:5050\n', findings: [{ line: 1, column: 30, endColumn: 31, severity: 'warning' }] },
    { text: 'marathon_uris:\n  - "http://u:p@mara_thon:8080"\n', findings: [{ line: 2, column: 21, endColumn: 22, severity: 'error' }] },
  ],
});

ruleTester('uri-credentials-format', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://u:p@m:5050\n', "mesos_state_uri: http://u-1:p!~*'();&=+$,@m:5050\n"],
  invalid: [
    { text: 'mesos_state_uri: http://admin@m:5050\n', findings: [{ line: 1, column: 25, endColumn: 30, severity: 'warning', message: 'Invalid credentials format' }] },
    { text: 'marathon_uris:\n  - http://admin@m:8080\n', findings: [{ line: 2, column: 12, severity: 'error' }] },
    { text: 'marathon_uris:\n  - "http://u:p ss@m:8080"\n', findings: [{ line: 2, column: 16, endColumn: 17, message: 'the credentials contain a character which' }] }, // a password's character is never quoted

    // issue 11 §7: an `@` in the password cannot be written in the URI; the way out is the key pair of this URI
    { name: 'an @ in the Mesos password', text: 'mesos_state_uri: http://ops:p@ss@m:5050\n', findings: [{ line: 1, column: 30, endColumn: 31, severity: 'warning', message: 'put the credentials in `mesos_user`/`mesos_password` instead' }] },
    { name: 'an @ in a Marathon password', text: 'marathon_uris:\n  - http://ops:p@ss@m:8080\n', findings: [{ line: 2, column: 17, severity: 'error', message: 'put the credentials in `marathon_user`/`marathon_password` instead' }] },
    { name: 'a / in the password: the parser names the key pairs, the rule says which', text: 'mesos_state_uri: http://ops:p/ss@m:5050\n', findings: [{ line: 1, column: 30, message: '(here `mesos_user`/`mesos_password`)' }] },
  ],
});

ruleTester('uri-invalid', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://[fd00::5]:5050\n'],
  invalid: [
    { text: 'mesos_state_uri: http://m:99999\n', findings: [{ line: 1, column: 26, severity: 'warning', message: '65535' }] },
    { text: 'marathon_uris:\n  - http://:8080\n', findings: [{ line: 2, column: 12, severity: 'error', message: 'no host' }] },
    { text: 'marathon_uris:\n  - http://m:8080#x\n', findings: [{ line: 2, column: 18, message: 'fragment' }] },
  ],
});

ruleTester('uri-percent-encoding', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://u:p@m:5050/%41\n'],
  invalid: [
    { text: 'mesos_state_uri: http://u:p%40ss@m:5050\n', findings: [{ line: 1, column: 28, endColumn: 31, severity: 'warning', message: 'not the character they encode, as part of the password' }] },
    { text: 'marathon_uris:\n  - http://u%2Fx:p@m:8080\n', findings: [{ line: 2, column: 13, message: 'user name' }] },
  ],
});

ruleTester('marathon-uri-path', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://m:5050/\n'],
  invalid: [
    { text: 'marathon_uris:\n  - http://m:8080/ # slash\n', findings: [{ line: 2, column: 18, endColumn: 19, severity: 'warning' }], output: 'marathon_uris:\n  - http://m:8080 # slash\n' },
    { text: 'marathon_uris:\n  - http://leader.mesos/marathon\n', findings: [{ line: 2, column: 24, endColumn: 33, message: '/v2/info' }], output: 'marathon_uris:\n  - http://leader.mesos/marathon\n' },
    { text: 'marathon_uris:\n  - http://m:8080?x=1\n', findings: [{ line: 2, column: 18, message: 'query' }] },
  ],
});

ruleTester('mesos-uri-port', 'dragent', {
  valid: [CLEAN, { text: 'mesos_state_uri: http://m:5050\n', settings: { agentProfile: 'latest' } }],
  invalid: [
    { text: 'mesos_state_uri: http://m:5055\n', findings: [{ line: 1, column: 27, endColumn: 31, severity: 'info' }] },
    { text: 'mesos_state_uri: http://master.mesos\n', settings: { agentProfile: 'latest' }, findings: [{ line: 1, column: 25, endColumn: 37, severity: 'warning', message: 'no port' }] },
  ],
});

ruleTester('mesos-uri-path', 'dragent', {
  valid: [CLEAN],
  invalid: [
    { text: 'mesos_state_uri: http://m:5050/master/state.json\n', findings: [{ line: 1, column: 31, severity: 'info' }], output: 'mesos_state_uri: http://m:5050\n' },
    { text: 'mesos_state_uri: http://m:5050?a=b\n', findings: [{ line: 1, column: 31, severity: 'warning' }] },
  ],
});

ruleTester('mesos-uri-credentials', 'dragent', {
  valid: [CLEAN, 'mesos_state_uri: http://m:5050\nmesos_user: u\nmesos_password: p\n'],
  invalid: [
    {
      text: '# master\nmesos_state_uri: http://myacct:mypass@localhost:5050 # creds\nmarathon_uris:\n  - http://localhost:8080\n',
      findings: [{ line: 2, column: 25, endColumn: 39, severity: 'info' }],
      output: '# master\nmesos_state_uri: http://localhost:5050 # creds\nmesos_user: myacct\nmesos_password: mypass\nmarathon_uris:\n  - http://localhost:8080\n',
    },
    {
      name: 'CRLF, no final newline, quoting of odd values',
      text: "mesos_state_uri: 'http://yes:p$1@m:5050'",
      findings: [{ line: 1, column: 26 }],
      output: "mesos_state_uri: 'http://m:5050'\nmesos_user: \"yes\"\nmesos_password: \"p$1\"\n",
    },
  ],
});
