import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../helpers/rule-tester';
import { convert, keyUnit, parseWithUnit } from '../../server/src/service/rules/schema/number-with-unit';

ruleTester('number-with-unit', 'dragent', {
  valid: [
    '',
    'mesos_timeout_ms: 10000\nk8s_timeout_s: "60"\nstatsd:\n  udp_port: 8125\n',
    // text settings may contain units
    'tags: size:10s\nsdjagent_opts: -Xmx256m\n',
    // free-form maps are not checked
    'app_checks:\n  - name: x\n    conf:\n      timeout: 10s\n',
    // a unit in a comment
    'mesos_timeout_ms: 30000 # 30s\n',
  ],
  invalid: [
    {
      name: 'seconds for a millisecond key',
      text: 'mesos_timeout_ms: 10s # ten seconds\n',
      findings: [
        {
          line: 1,
          column: 19,
          endColumn: 22,
          severity: 'warning',
          message: 'mesos_timeout_ms must be a plain number without a unit, got "10s": the agent cannot convert it, ignores it and uses the default 10000. Write 10000 (milliseconds, as the key name says).',
        },
      ],
      output: 'mesos_timeout_ms: 10000 # ten seconds\n',
    },
    {
      name: 'space before the unit, quoted, CRLF',
      text: 'k8s_timeout_s: "30 s"\r\nssl: true\r\n',
      findings: [{ line: 1, column: 16, endColumn: 22, message: 'got "30 s"' }],
      output: 'k8s_timeout_s: 30\r\nssl: true\r\n',
    },
    {
      name: 'minutes and compound durations',
      text: 'k8s_timeout_s: 1m\nmesos_timeout_ms: 1m30s\n',
      findings: [
        { line: 1, column: 16, message: 'Write 60 (seconds' },
        { line: 2, column: 19, message: 'Write 90000' },
      ],
      output: 'k8s_timeout_s: 60\nmesos_timeout_ms: 90000\n',
    },
    {
      name: 'size in the key unit, nested, flow mapping',
      text: 'watchdog: {max_memory_usage_mb: 512MB}\n',
      findings: [{ line: 1, column: 33, endColumn: 38, message: 'watchdog.max_memory_usage_mb must be a plain number without a unit, got "512MB"' }],
      output: 'watchdog: {max_memory_usage_mb: 512}\n',
    },
    {
      name: 'ambiguous size (GB: 1000 or 1024?): no fix',
      text: 'watchdog:\n  max_memory_usage_mb: 1GB\n',
      findings: [{ line: 2, column: 24, message: 'uses the default 1024.' }],
      output: 'watchdog:\n  max_memory_usage_mb: 1GB\n',
    },
    {
      name: '`m` is megabytes for a size key',
      text: 'watchdog:\n  warn_memory_usage_mb: 300m\n',
      findings: [{ line: 2, column: 25, message: 'Write 300 (megabytes' }],
      output: 'watchdog:\n  warn_memory_usage_mb: 300\n',
    },
    {
      name: 'key without a unit in its name: no fix',
      text: 'prometheus:\n  interval: 10s\n',
      findings: [{ line: 2, column: 13, message: 'prometheus.interval must be a plain number without a unit' }],
      output: 'prometheus:\n  interval: 10s\n',
    },
    {
      name: 'fraction that is not a whole number of the key unit: no fix',
      text: 'k8s_timeout_s: 1500ms\n',
      findings: [{ line: 1, column: 16, message: 'got "1500ms"' }],
      output: 'k8s_timeout_s: 1500ms\n',
    },
    {
      name: 'percent sign',
      text: 'memdump:\n  autodisable:\n    capture_headers_percentage_threshold: 60%\n',
      findings: [{ line: 3, column: 43, message: 'Write 60 (percent)' }],
      output: 'memdump:\n  autodisable:\n    capture_headers_percentage_threshold: 60\n',
    },
    {
      name: 'inside a list item',
      text: 'app_checks:\n  - name: x\n    interval: 30s\n',
      findings: [{ line: 3, column: 15, message: 'app_checks[0].interval must be a plain number without a unit, got "30s": the agent cannot convert it and cannot use this value.' }],
    },
    {
      name: 'key with spaces',
      text: 'sysdig capture:\n  transmit rate: 1MB\n',
      findings: [{ line: 2, column: 18, message: 'sysdig capture.transmit rate must be a plain number without a unit' }],
    },
  ],
});

test('number-with-unit: parsing and conversion', () => {
  assert.deepEqual(parseWithUnit('10s'), [{ value: 10, unit: 's' }]);
  assert.deepEqual(parseWithUnit('1h 30m'), [
    { value: 1, unit: 'h' },
    { value: 30, unit: 'm' },
  ]);
  assert.equal(parseWithUnit('10'), undefined);
  assert.equal(parseWithUnit('abc'), undefined);
  assert.equal(parseWithUnit('10s!'), undefined);
  assert.equal(convert(parseWithUnit('2h')!, keyUnit('x_s'), true), 7200);
  assert.equal(convert(parseWithUnit('250us')!, keyUnit('delay_us'), true), 250);
  assert.equal(convert(parseWithUnit('1.5s')!, keyUnit('timeout_ms'), true), 1500);
  assert.equal(convert(parseWithUnit('1.5ms')!, keyUnit('timeout_ms'), true), undefined);
  assert.equal(convert(parseWithUnit('10s')!, keyUnit('limit'), true), undefined);
  assert.equal(convert(parseWithUnit('10MB')!, keyUnit('x_s'), true), undefined);
});
