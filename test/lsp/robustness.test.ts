// Garbage in, answers out: no input kills the server or stops it answering, and document text never
// reaches the log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DocumentDiagnosticReportKind, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { LspClient, projectRoot, syntaxOnly } from './lsp-client';

/** appears in every garbage document; must never show up in the server's log or stderr */
const MARKER = 'SECRET-MARKER-7f3a';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytesText(n: number, seed: number): string {
  const r = prng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(r() * 256));
  return s;
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let prev = 'a';
  for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = name;
  }
  return lines.join('\n') + '\n';
}

const CASES: Record<string, string> = {
  'random bytes': randomBytesText(20_000, 1),
  'random bytes with NULs and control characters': randomBytesText(5_000, 2).replace(/[a-z]/g, '\u0000'),
  '2 MB line': 'customerid: ' + 'x'.repeat(2 * 1024 * 1024),
  '2 MB line of YAML and JSON punctuation': ':-[]{}#&*!|>\'",?'.repeat(130_000),
  '10,000 nested [': '['.repeat(10_000),
  '10,000 nested [ closed': '['.repeat(10_000) + ']'.repeat(10_000),
  '10,000 nested flow maps': '{a: '.repeat(10_000),
  '3,000 levels of block indentation': Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
  'alias bomb': aliasBomb(),
  '5,000 aliases': 'a: &a x\nb: [' + Array(5_000).fill('*a').join(',') + ']\n',
  'invalid UTF-16 surrogates': 'tags: "\uD800 lone high, \uDC00 lone low, \uDBFF\uDBFF"\ncustomerid: \uDFFF\n\uD800: x\n',
  'BOM, CR only line breaks, tabs': '\uFEFFa:\r\tb: 1\r  c: [1,\t2]\r',
  'only NULs': '\u0000'.repeat(1000),
  'empty': '',
};

describe('garbage documents', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ pull: false });
    await c.initialize();
  });
  after(() => c.kill());

  let n = 0;
  for (const [name, body] of Object.entries(CASES)) {
    for (const file of ['dragent.yaml', 'sysdig.json']) {
      test(`${name} as ${file}: diagnostics arrive and the server still answers`, async () => {
        const uri = `file:///garbage/${n++}/${file}`;
        const text = `# ${MARKER}\n${body}`;
        await c.open(uri, text);
        const d = await c.waitForDiagnostics(uri, 1, 60_000);
        for (const diag of d.diagnostics) {
          assert.ok(diag.range.start.line <= diag.range.end.line, JSON.stringify(diag.range));
        }
        // a following request is answered
        const probe = `file:///garbage/probe-${n}/dragent.yaml`;
        await c.open(probe, 'a:\n\tb: 1\n');
        const r = (await c.pull(probe)) as FullDocumentDiagnosticReport;
        assert.equal(r.kind, DocumentDiagnosticReportKind.Full);
        assert.equal(syntaxOnly(r.items).length, 1);
        // edit the garbage incrementally, too
        const v = await c.change(uri, [{ range: { start: { line: 0, character: 2 }, end: { line: 1, character: 3 } }, text: '\uD800x\r' }]);
        await c.waitForDiagnostics(uri, v, 60_000);
        await c.close(uri);
        await c.close(probe);
        assert.equal(c.proc.exitCode, null, 'server still running');
      });
    }
  }

  test('document text never reaches the log or stderr', () => {
    assert.ok(!c.logs.some((l) => l.message.includes(MARKER)), 'marker found in a log message');
    assert.ok(!c.stderr.includes(MARKER), 'marker found on stderr');
  });
});

describe('garbage protocol messages', () => {
  test('bad params and out-of-range edits are survived', async () => {
    const c = await LspClient.start();
    try {
      await c.initialize();
      const uri = 'file:///proto/dragent.yaml';
      await c.open(uri, 'customerid: abc\n');
      await c.waitForDiagnostics(uri, 1);
      const raw = c.connection;
      // edits far outside the text, reversed ranges, negative positions, unknown documents, missing fields
      await c.change(uri, [{ range: { start: { line: 999, character: 999 }, end: { line: 0, character: 0 } }, text: 'a:\n\tb: 1\n' }]);
      await c.change(uri, [{ range: { start: { line: -5, character: -5 }, end: { line: -1, character: -1 } }, text: '' }]);
      await raw.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///proto/unknown.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
      await raw.sendNotification('textDocument/didChange', {});
      await raw.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///proto/null/dragent.yaml', languageId: 'yaml', version: 1, text: null } });
      await raw.sendNotification('textDocument/didOpen', {});
      await raw.sendNotification('workspace/didChangeConfiguration', { settings: { 'sysdig-mesos': { rules: 'nonsense', agentProfile: 42, files: { dragent: 7 } } } });
      await raw.sendNotification('$/unknownNotification', { x: 1 });
      // malformed requests get an answer (an empty report or an error), never silence
      const bad = (await raw.sendRequest('textDocument/diagnostic', {})) as FullDocumentDiagnosticReport;
      assert.deepEqual(bad.items, []);
      await assert.rejects(raw.sendRequest('sysdig-mesos/doesNotExist', {}));
      // the server still works: the document holds what the edits made of it
      const r = (await c.pull(uri)) as FullDocumentDiagnosticReport;
      assert.equal(r.kind, DocumentDiagnosticReportKind.Full);
      assert.equal(await c.shutdown(), 0);
    } finally {
      c.kill();
    }
  });

  // (A header without Content-Length loses the framing for good in vscode-jsonrpc; no real client sends one.)
  test('a message body that is not JSON does not stop the server', async () => {
    const p = spawn(process.execPath, [join(projectRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      let out = '';
      p.stdout.setEncoding('utf8');
      p.stdout.on('data', (d: string) => (out += d));
      const send = (o: unknown) => {
        const b = Buffer.from(JSON.stringify(o), 'utf8');
        p.stdin.write(`Content-Length: ${b.length}\r\n\r\n`);
        p.stdin.write(b);
      };
      const waitFor = async (re: RegExp) => {
        for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 25));
        assert.match(out, re);
      };
      send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      await waitFor(/"id":1,"result"/);
      const junk = '{{{{ not json';
      p.stdin.write(`Content-Length: ${junk.length}\r\n\r\n${junk}`);
      send({ jsonrpc: '2.0', id: 2, method: 'textDocument/diagnostic', params: { textDocument: { uri: 'file:///x/dragent.yaml' } } });
      await waitFor(/"id":2,"result"/);
      const bad = Buffer.from('{"jsonrpc":"2.0","id":3,"method":"textDocument/diagnostic","params":', 'utf8');
      p.stdin.write(`Content-Length: ${bad.length}\r\n\r\n`);
      p.stdin.write(bad);
      send({ jsonrpc: '2.0', id: 4, method: 'textDocument/diagnostic', params: { textDocument: { uri: 'file:///x/dragent.yaml' } } });
      await waitFor(/"id":4,"result"/);
      assert.equal(p.exitCode, null);
    } finally {
      p.kill();
    }
  });
});
