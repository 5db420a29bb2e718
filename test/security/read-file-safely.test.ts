// Hostile files, in process: the reader and the directory walk both the CLI and the language server use
// (issue 10 §5). The CLI and LSP suites beside this one show the same files through the real doors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, jsonErrorWithoutContent, MAX_FILE_BYTES, readFileSafely } from '../../server/src/files/read-file-safely';
import { walkDir, type Skipped } from '../../server/src/files/walk-dir';

const base = mkdtempSync(join(tmpdir(), 'sysdig-mesos-hostile-'));
after(() => rmSync(base, { recursive: true, force: true }));
const SECRET = 'TOPSECRET-hunter2-do-not-print';

let n = 0;
function folder(): string {
  const d = join(base, `ws${++n}`);
  mkdirSync(d);
  return d;
}

function refused(fn: () => unknown, reason: FileReadError['reason']): FileReadError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof FileReadError, `a FileReadError, not ${e}`);
    assert.equal(e.reason, reason, e.message);
    assert.ok(!e.message.includes(SECRET), e.message);
    assert.doesNotMatch(e.message, /\n/);
    return e;
  }
  assert.fail(`expected a ${reason} refusal`);
}

const outside = join(base, 'outside-secret.json');
writeFileSync(outside, `{"token": "${SECRET}"}`);

test('a regular file inside the folder, and a link to one inside it, are read', () => {
  const ws = folder();
  writeFileSync(join(ws, 'a.json'), '{"rules": {}}');
  symlinkSync('a.json', join(ws, 'b.json'));
  assert.equal(readFileSafely(join(ws, 'a.json'), { root: ws }), '{"rules": {}}');
  assert.equal(readFileSafely(join(ws, 'b.json'), { root: ws }), '{"rules": {}}');
});

test('a link out of the folder is refused, naming neither more nor less than the path and the reason', () => {
  const ws = folder();
  symlinkSync(outside, join(ws, '.sysdig-mesos.json'));
  const e = refused(() => readFileSafely(join(ws, '.sysdig-mesos.json'), { root: ws }), 'outside');
  assert.match(e.message, /^cannot read .*\.sysdig-mesos\.json: it leads outside /);
  // without a root (a file the user named), the same link is followed
  assert.match(readFileSafely(join(ws, '.sysdig-mesos.json')), /token/);
});

test('/dev/zero is not a regular file: refused at once, not read until memory runs out', () => {
  const e = refused(() => readFileSafely('/dev/zero'), 'not-regular');
  assert.match(e.detail, /a device/);
  const ws = folder();
  symlinkSync('/dev/zero', join(ws, 'zero.json'));
  // inside a folder the link already leads out of it; explicitly named, it is still not a file
  refused(() => readFileSafely(join(ws, 'zero.json'), { root: ws }), 'outside');
  refused(() => readFileSafely(join(ws, 'zero.json')), 'not-regular');
});

test('a FIFO is refused without waiting for a writer', () => {
  const ws = folder();
  const fifo = join(ws, 'dragent.yaml');
  execFileSync('mkfifo', [fifo]);
  const started = Date.now();
  refused(() => readFileSafely(fifo, { root: ws }), 'not-regular');
  assert.ok(Date.now() - started < 2000);
});

test('the size cap is checked by stat, and enforced while reading (a /proc file says 0 bytes)', () => {
  const ws = folder();
  writeFileSync(join(ws, 'big.json'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
  const e = refused(() => readFileSafely(join(ws, 'big.json'), { root: ws }), 'too-large');
  assert.match(e.detail, /over the 1048576-byte limit/);
  assert.equal(readFileSafely(join(ws, 'big.json'), { maxBytes: MAX_FILE_BYTES + 1 }).length, MAX_FILE_BYTES + 1);
  // /proc/self/cmdline: a regular file whose stat size is 0, with more than 8 bytes to read
  const proc = refused(() => readFileSafely('/proc/self/cmdline', { maxBytes: 8 }), 'too-large');
  assert.match(proc.detail, /more than 8 bytes/);
});

test('a missing file and a dangling link: ENOENT, one line', () => {
  const ws = folder();
  symlinkSync(join(ws, 'nowhere'), join(ws, 'dangling.json'));
  assert.match(refused(() => readFileSafely(join(ws, 'missing.json'), { root: ws }), 'missing').message, /ENOENT/);
  assert.match(refused(() => readFileSafely(join(ws, 'dangling.json'), { root: ws }), 'missing').message, /ENOENT/);
});

test('why a text is not JSON never quotes the text', () => {
  for (const text of [SECRET, `{"a": ${SECRET}}`, `{"a": "${SECRET}`, `{"${SECRET}" 1}`, `{} ${SECRET}`, `[1, 2 ${SECRET}`]) {
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    assert.ok(err, text);
    const m = jsonErrorWithoutContent(err, text);
    assert.match(m, /^not valid JSON/);
    assert.ok(!m.includes('TOPSECRET') && !m.includes('hunter2'), m);
    assert.ok(!/'[A-Za-z0-9]'/.test(m), `no character of the file quoted: ${m}`);
  }
  assert.equal(jsonErrorWithoutContent(new SyntaxError('Expected property name or \'}\' in JSON at position 3'), '{\n x'), "not valid JSON: Expected property name or '}' at line 2, column 2");
});

test('the walk skips dangling links, loops and links out of the tree, and says so', () => {
  const ws = folder();
  writeFileSync(join(ws, 'dragent.yaml'), 'customerid: x\n');
  mkdirSync(join(ws, 'sub'));
  writeFileSync(join(ws, 'sub', 'sysdig.json'), '{}');
  symlinkSync(join(ws, 'gone.yaml'), join(ws, 'dangling.yaml'));
  symlinkSync('.', join(ws, 'sub', 'self'));
  symlinkSync('..', join(ws, 'sub', 'up'));
  symlinkSync('loop-b', join(ws, 'loop-a'));
  symlinkSync('loop-a', join(ws, 'loop-b'));
  symlinkSync(outside, join(ws, 'outside.json'));
  symlinkSync('dragent.yaml', join(ws, 'inside.dragent.yaml'));
  const skipped: Skipped[] = [];
  const files = walkDir(ws, (s) => skipped.push(s));
  assert.deepEqual(files.map((f) => f.slice(ws.length + 1)).sort(), ['dragent.yaml', 'inside.dragent.yaml', 'sub/sysdig.json']);
  const why = Object.fromEntries(skipped.map((s) => [s.path.slice(ws.length + 1), s.reason]));
  assert.match(why['dangling.yaml'], /dangling symbolic link/);
  assert.match(why['loop-a'], /symbolic link loop/);
  assert.match(why['loop-b'], /symbolic link loop/);
  assert.match(why['outside.json'], /symbolic link out of/);
  assert.match(why['sub/self'], /already searched/);
  assert.match(why['sub/up'], /already searched/);
});
