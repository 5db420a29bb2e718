// The entrypoint's `echo -e "$ADDITIONAL_CONF"` (agent-dragent.md §1 item 16, §5) as the embedded text sees it,
// checked against a real bash in the C locale (the agent image sets no locale).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bash, written } from '../helpers/echo';

const TABLE: [string, string][] = [
  ['a\\nb', 'a\nb\n'],
  ['a\nb', 'a\nb\n'],
  ['a\\tb', 'a\tb\n'],
  ['x\\\\y', 'x\\y\n'],
  ['a\\cb\\nc', 'a'],
  ['a\\db', 'a\\db\n'],
  ['a\\x41b', 'aAb\n'],
  ['a\\xZ', 'a\\xZ\n'],
  ['a\\0101b', 'aAb\n'],
  ['a\\101b', 'a\\101b\n'],
  ['a\\u41', 'aA\n'],
  ['a\\u00e9b', 'a\\u00E9b\n'],
  ['a\\U1F600', 'a\\U0001F600\n'],
  ['a\\xc3\\xa9', 'aé\n'],
  ['a\\', 'a\\\n'],
  ['a\\e[', 'a\x1b[\n'],
  ['a\\"', 'a\\"\n'],
  ['-n x', '-n x\n'],
];

test('echo -e: the escapes bash expands, one by one', () => {
  for (const [value, want] of TABLE) assert.equal(written(value), want, JSON.stringify(value));
});

test('echo -e: a value of option letters only writes no configuration', () => {
  assert.equal(written('-n'), undefined);
  assert.equal(written('-neE'), undefined);
});

test('echo -e: a NUL ends the value (the environment cannot carry it)', () => {
  assert.equal(written('a: 1\0b: 2'), 'a: 1\n');
});

test('echo -e: the table agrees with a real bash', () => {
  const values = TABLE.map(([v]) => v);
  assert.deepEqual(bash(values), values.map(written));
});

// values built from the characters and escapes that matter, then compared with bash in one run
const piece = fc.oneof(
  fc.constantFrom('a', 'b', ':', ' ', '-', '{', '}', '\n', '\t', 'é', '漢', '0', '7', '9', 'f', 'F', 'x', 'u', 'U', 'c'),
  fc.constantFrom('\\n', '\\t', '\\\\', '\\c', '\\0', '\\01', '\\0101', '\\x', '\\x4', '\\x41', '\\xc3', '\\xa9', '\\u', '\\u4', '\\u00e9', '\\U1F600', '\\e', '\\q', '\\'),
);
test('echo -e: random values agree with a real bash (property)', () => {
  const samples = fc.sample(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), { numRuns: 300, seed: 1207 });
  const values = samples.filter((v) => v !== '' && written(v) !== undefined);
  assert.deepEqual(bash(values), values.map(written));
});
