// The server wiring in this process over in-memory streams, so rules can be injected: a rule that
// throws is logged (rule id + message, once) and skipped while the other rules' findings still arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startLanguageServer } from '../../server/src/lsp/language-server';
import { ALL_RULES, type Rule } from '../../server/src/service/index';

const syntax = ALL_RULES.find((r) => r.id === 'syntax')!;
const throwing: Rule = {
  id: 'always-throws',
  kinds: ['dragent', 'marathon-app'],
  severity: 'error',
  title: 'test rule',
  docs: 'throws',
  check({ doc }) {
    if (doc.text.includes('boom')) throw new TypeError('the rule broke');
  },
};
const reporting: Rule = {
  id: 'reports-everything',
  kinds: ['dragent'],
  severity: 'info',
  title: 'test rule',
  docs: 'reports the whole text',
  check({ doc, report }) {
    report({ start: 0, end: doc.text.length, message: 'whole text', fixes: [{ title: 'empty it', edits: [{ start: 0, end: doc.text.length, newText: '' }] }] });
  },
};

test('a throwing rule is logged once with its id and message; the other rules still report', async () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new ServerReader(toServer), new ServerWriter(toClient));
  startLanguageServer(server, { rules: [syntax, throwing, reporting] });
  server.listen();

  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void diagnostics.push(p));
  client.onNotification(LogMessageNotification.type, (p) => void logs.push(p.message));
  client.listen();
  try {
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///inproc/dragent.yaml';
    const wait = async (version: number) => {
      for (let i = 0; i < 400; i++) {
        const d = diagnostics.find((x) => x.uri === uri && x.version === version);
        if (d) return d;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no diagnostics for version ${version}`);
    };
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a:\n\tb: boom\n' } });
    const d1 = await wait(1);
    assert.deepEqual(d1.diagnostics.map((d) => d.code).sort(), ['reports-everything', 'syntax']);
    const whole = d1.diagnostics.find((d) => d.code === 'reports-everything')!;
    assert.deepEqual(whole.data, { version: 1, fixes: [{ title: 'empty it', edits: [{ range: whole.range, newText: '' }] }] });
    const ruleLogs = () => logs.filter((l) => l.includes('always-throws'));
    assert.equal(ruleLogs().length, 1, logs.join('\n'));
    assert.match(ruleLogs()[0], /rule always-throws failed and was skipped: TypeError: the rule broke/);
    assert.ok(!ruleLogs()[0].includes('\tb:'), 'no document text in the log');

    // the same failure again is not logged again
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'a: boom boom\n' }] });
    const d2 = await wait(2);
    assert.deepEqual(d2.diagnostics.map((d) => d.code), ['reports-everything']);
    assert.equal(ruleLogs().length, 1);
  } finally {
    client.dispose();
    server.dispose();
    toServer.destroy();
    toClient.destroy();
  }
});
