import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../helpers/rule-tester';
import { isValidLogPriority, suggestLogPriority } from '../../server/src/service/rules/schema/log-priority';

ruleTester('log-priority', 'dragent', {
  valid: [
    '',
    'log:\n  file_priority: info\n  console_priority: warning\n  event_priority: Info\n',
    // prefix match, any case: all accepted by the agent
    'log:\n  file_priority: information\n  console_priority: ERRORS\n  event_priority: warn_only\n',
    'log: { file_priority: debug } # flow mapping\n',
    "log:\n  file_priority: ''\n  console_priority: \"none\"\n  event_priority: Trace\n",
    // other log keys are not levels
    'log:\n  location: verbose\n  file_priority_by_component: [verbose]\n',
    // a dotted key is never read (unknown-key reports it), and a wrong type is the schema's business
    'log.file_priority: verbose\nlog:\n  file_priority: [a]\n',
  ],
  invalid: [
    {
      name: 'verbose → debug',
      text: 'log:\n  file_priority: verbose # too much\n',
      findings: [
        {
          line: 2,
          column: 18,
          endColumn: 25,
          severity: 'error',
          message: 'log.file_priority is "verbose", which is not a log level: the agent refuses to start ("Invalid log priority"). Use one of emergency, alert, fatal, critical, error, warning, notice, info, debug, trace or none; did you mean debug?',
        },
      ],
      output: 'log:\n  file_priority: debug # too much\n',
    },
    {
      name: 'err (a prefix of error, but the agent compares the other way round), quoted, CRLF',
      text: 'log:\r\n  console_priority: "err"\r\n',
      findings: [{ line: 2, column: 21, endColumn: 26, message: 'did you mean error?' }],
      output: 'log:\r\n  console_priority: "error"\r\n',
    },
    {
      name: 'warm, flow mapping, single quotes',
      text: "log: {event_priority: 'warm'}\n",
      findings: [{ line: 1, column: 23, endColumn: 29, message: 'log.event_priority is "warm"' }],
      output: "log: {event_priority: 'warning'}\n",
    },
    {
      name: 'typo',
      text: 'log:\n  file_priority: debgu\n',
      findings: [{ line: 2, column: 18, message: 'did you mean debug?' }],
      output: 'log:\n  file_priority: debug\n',
    },
    {
      name: 'no suggestion for something unrelated',
      text: 'log:\n  file_priority: 3\n',
      findings: [{ line: 2, column: 18, message: 'log.file_priority is "3", which is not a log level' }],
    },
    {
      name: 'empty value becomes the text null',
      text: 'log:\n  file_priority:\n  console_priority: info\n',
      findings: [{ line: 2, column: 3, endColumn: 16, message: 'reads an empty value as the text "null"' }],
    },
    {
      name: 'through an alias: reported on the anchored value',
      text: 'x: &lvl verbose\nlog:\n  file_priority: *lvl\n',
      findings: [{ line: 1, column: 9, endColumn: 16, message: 'log.file_priority is "verbose"' }],
    },
    {
      name: 'BOM and keys indented by one space',
      text: '\ufeff log:\n   file_priority: notify\n',
      findings: [{ line: 2, column: 19, message: 'did you mean notice?' }],
      output: '\ufeff log:\n   file_priority: notice\n',
    },
  ],
});

test('log-priority: prefix match as the agent does it', () => {
  for (const ok of ['', 'emergency', 'ALERT', 'fatal', 'Critical', 'error', 'errors', 'warn', 'warning', 'notice', 'info', 'information', 'debug', 'trace', 'none', 'debugging'])
    assert.ok(isValidLogPriority(ok), ok);
  for (const bad of ['verbose', 'err', 'warm', 'inf', ' info', 'null', 'crit', 'all', 'off'])
    assert.ok(!isValidLogPriority(bad), bad);
  assert.equal(suggestLogPriority('verbose')?.name, 'debug');
  assert.equal(suggestLogPriority('err')?.name, 'error');
  assert.equal(suggestLogPriority(' info')?.name, 'info');
  assert.equal(suggestLogPriority('xyzzy'), undefined);
});
