// The stdio bootstrap answers `initialize` before loading the LSP library (server.ts, lsp/early-init.ts):
// the answer equals the full server's, it is sent once, and the bytes read meanwhile reach the full server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { initializeResult } from '../../server/src/lsp/capabilities';
import { DropFirstResponse, frame, readFirstMessage } from '../../server/src/lsp/early-init';
import { projectRoot } from '../helpers/paths';

/** splits a byte stream into its JSON-RPC messages */
function messages(buf: Buffer): any[] {
  const out: any[] = [];
  let rest = buf;
  for (;;) {
    const h = rest.indexOf('\r\n\r\n');
    if (h < 0) break;
    const len = Number(/Content-Length: (\d+)/i.exec(rest.subarray(0, h).toString('ascii'))![1]);
    if (rest.length < h + 4 + len) break;
    out.push(JSON.parse(rest.subarray(h + 4, h + 4 + len).toString('utf8')));
    rest = rest.subarray(h + 4 + len);
  }
  return out;
}

/** runs the server on raw bytes written in the given chunks; resolves with every message it wrote within ms */
function run(chunks: Buffer[], ms: number): Promise<any[]> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(projectRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = Buffer.alloc(0);
    p.stdout.on('data', (d: Buffer) => (out = Buffer.concat([out, d])));
    let i = 0;
    const next = () => {
      if (i < chunks.length) {
        p.stdin.write(chunks[i++]);
        setTimeout(next, 5);
      }
    };
    next();
    setTimeout(() => {
      p.kill();
      resolve(messages(out));
    }, ms);
  });
}

const init = (id: number | string, params: object) => frame({ jsonrpc: '2.0', id, method: 'initialize', params });

describe('answering initialize early over stdio', () => {
  test('one answer, equal to the full server’s, and the messages sent with it in one write are served', async () => {
    const params = { processId: null, rootUri: null, capabilities: { workspace: { workspaceFolders: true } }, initializationOptions: { clientCommands: ['sysdig-mesos.checkMesos'] } };
    const all = Buffer.concat([
      init(7, params),
      frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
      frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///w/dragent.yaml', languageId: 'yaml', version: 1, text: 'mesos_state_uri: https://m:5050\n' } } }),
    ]);
    // split in the middle of the first header and of the second message
    const got = await run([all.subarray(0, 10), all.subarray(10, 200), all.subarray(200)], 2500);
    const answers = got.filter((m) => m.id === 7);
    assert.equal(answers.length, 1, JSON.stringify(got.map((m) => m.method ?? m.id)));
    assert.deepEqual(answers[0].result, initializeResult(params as never));
    assert.ok(answers[0].result.capabilities.codeLensProvider, 'the client commands shaped the answer');
    const diags = got.find((m) => m.method === 'textDocument/publishDiagnostics');
    assert.ok(diags, 'the didOpen read with the initialize reached the full server');
    assert.ok(diags.params.diagnostics.some((d: any) => d.code === 'https-unsupported'));
  });

  test('a first message that is not initialize goes to the full server untouched', async () => {
    const got = await run([frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } } })], 1500);
    // the full server answered it (the library serves requests before initialize; our hover finds no document)
    assert.deepEqual(got, [{ jsonrpc: '2.0', id: 1, result: null }]);
  });

  test('readFirstMessage: split chunks, extra headers, leftovers kept; garbage is handed on', async () => {
    const input = new PassThrough();
    const p = readFirstMessage(input);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 'a', method: 'initialize', params: { capabilities: {} } });
    const bytes = Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}Content-Len`);
    input.write(bytes.subarray(0, 30));
    input.write(bytes.subarray(30));
    const r = await p;
    assert.deepEqual(r.initialize, { id: 'a', params: { capabilities: {} } });
    assert.equal(r.consumed.toString(), bytes.toString());
    const bad = new PassThrough();
    const q = readFirstMessage(bad);
    bad.write('hello\r\n\r\n{}');
    const s = await q;
    assert.equal(s.initialize, undefined);
    assert.equal(s.consumed.toString(), 'hello\r\n\r\n{}');
  });

  test('DropFirstResponse drops only the first response with that id, whatever the chunking', async () => {
    const target = new PassThrough();
    const d = new DropFirstResponse(1, target);
    let out = Buffer.alloc(0);
    target.on('data', (c: Buffer) => (out = Buffer.concat([out, c])));
    const stream = Buffer.concat([
      frame({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'é' } }),
      frame({ jsonrpc: '2.0', id: 1, result: { capabilities: {} } }),
      frame({ jsonrpc: '2.0', id: 1, method: 'workspace/configuration', params: { items: [] } }),
      frame({ jsonrpc: '2.0', id: 1, result: 'second' }),
    ]);
    for (let i = 0; i < stream.length; i += 7) d.write(stream.subarray(i, i + 7));
    d.end();
    await new Promise((r) => d.on('finish', r));
    const got = messages(out);
    assert.deepEqual(
      got.map((m) => m.method ?? m.result),
      ['window/logMessage', 'workspace/configuration', 'second'],
    );
  });

  test('after the drop, a header and its content written apart reach the target as one write, in order', async () => {
    const writes: Buffer[] = [];
    const target = new PassThrough();
    const realWrite = target.write.bind(target);
    target.write = ((chunk: Buffer, cb?: (e?: Error | null) => void) => {
      writes.push(Buffer.from(chunk));
      return realWrite(chunk, cb);
    }) as typeof target.write;
    const d = new DropFirstResponse(1, target);
    const write = (c: string | Buffer) => new Promise<void>((r) => d.write(c, () => r()));
    await write(frame({ jsonrpc: '2.0', id: 1, result: {} }));
    const second = frame({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'after' } });
    const split = second.indexOf('\r\n\r\n') + 4;
    await write(second.subarray(0, split).toString('ascii'));
    await write(second.subarray(split));
    const third = frame({ jsonrpc: '2.0', id: 2, result: 'third' });
    await write(third);
    await new Promise((r) => d.end(r));
    assert.deepEqual(writes.map((w) => messages(w).map((m) => m.params?.message ?? m.result)), [['after'], ['third']]);
  });
});
