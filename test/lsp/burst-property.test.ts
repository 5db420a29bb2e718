// Cancellation and coalescing (issue 14) must not change findings: after any burst of edits, the last
// diagnostics — pushed, or pulled the way VS Code pulls (the in-flight pull cancelled on each change, pulled again
// when answered ServerCancelled) — equal a one-shot check of the final text. The server runs in this process
// over in-memory streams, so rules can be injected to see which versions were checked to the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { createConnection, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLanguageServer } from '../../server/src/lsp/language-server';
import { checkText } from '../../server/src/lsp/validation';
import { defaultServerSettings } from '../../server/src/lsp/settings';
import type { ServerLog } from '../../server/src/lsp/server-context';
import { ALL_RULES, createLanguageService, type Rule } from '../../server/src/service/index';
import { corpusDir } from '../helpers/paths';

interface InProcess {
  client: ProtocolConnection;
  pushed: PublishDiagnosticsParams[];
  dispose(): void;
}

/** the server wired as start.ts wires it (the activity counter the scheduler coalesces with), in this process */
async function inProcess(pull: boolean, rules?: readonly Rule[]): Promise<InProcess> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  let activity = 0;
  const server = createConnection(new ServerReader(toServer), new ServerWriter(toClient), {
    messageStrategy: {
      handleMessage(message, next) {
        activity++;
        return next(message);
      },
    },
  });
  startLanguageServer(server, { activity: () => activity, rules });
  server.listen();
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const pushed: PublishDiagnosticsParams[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void pushed.push(p));
  client.listen();
  const capabilities = pull ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {};
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities, workspaceFolders: null });
  await client.sendNotification(InitializedNotification.type, {});
  return {
    client,
    pushed,
    dispose() {
      client.dispose();
      server.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}

const sources = (() => {
  const read = (dir: string, name: string) =>
    readdirSync(join(corpusDir(), dir))
      .sort()
      .map((f) => ({ name, text: readFileSync(join(corpusDir(), dir, f), 'utf8') }));
  return [...read('dragent', 'dragent.yaml'), ...read('marathon-sysdig', 'sysdig.json')];
})();

const noLog = { once() {}, info() {}, warn() {}, error() {}, debug() {} } as unknown as ServerLog;
const service = createLanguageService();

/** what a single check of the final text gives, as the server checks an open document with default settings */
function oneShot(name: string, text: string, version: number): Diagnostic[] {
  const kind = name.endsWith('.json') ? 'marathon-app' : 'dragent';
  return checkText({ getService: () => service, log: noLog }, { uri: `file:///x/${name}`, version, text, kind }, defaultServerSettings(), { filePath: name, stamp: '' }).items;
}

/** an edit as the property generates it: where (a fraction of the text), how much to delete, what to insert */
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.integer({ min: 0, max: 3 }),
  ins: fc.string({ unit: fc.constantFrom('a', '1', ':', ' ', '\n', '"', '-', '#', '{', '}', ',', '\t'), maxLength: 3 }),
});
const burstArb = fc.record({
  source: fc.integer({ min: 0, max: sources.length - 1 }),
  edits: fc.array(editArb, { minLength: 1, maxLength: 12 }),
});

/** the edits as LSP changes against the successive versions, and the final text */
function changesOf(text: string, edits: { at: number; del: number; ins: string }[]) {
  let doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  const changes: TextDocumentContentChangeEvent[] = [];
  for (const e of edits) {
    const len = doc.getText().length;
    const start = Math.min(len, Math.floor(e.at * len));
    const end = Math.min(len, start + e.del);
    const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.ins };
    changes.push(change);
    doc = TextDocument.update(doc, [change], doc.version + 1);
  }
  return { changes, final: doc.getText() };
}

let run = 0;
const uriFor = (name: string) => `file:///burst/run-${++run}/${name}`;

test('push: after a burst of edits on corpus files, the last diagnostics equal a one-shot check of the final text', async () => {
  const s = await inProcess(false);
  try {
    await fc.assert(
      fc.asyncProperty(burstArb, async ({ source, edits }) => {
        const { name, text } = sources[source];
        const uri = uriFor(name);
        const { changes, final } = changesOf(text, edits);
        await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: name.endsWith('.json') ? 'json' : 'yaml', version: 1, text } });
        // the whole burst written at once: the server reads it while (or before) it checks version 1
        await Promise.all(changes.map((c, i) => s.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: i + 2 }, contentChanges: [c] })));
        const last = changes.length + 1;
        const got = await waitFor(() => s.pushed.find((p) => p.uri === uri && p.version === last), `v${last} of ${uri}`);
        assert.deepEqual(got.diagnostics, oneShot(name, final, last));
        // nothing older is pushed after the final version
        assert.equal(s.pushed.filter((p) => p.uri === uri).at(-1)?.version, last);
        await s.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      }),
      { numRuns: 25 },
    );
  } finally {
    s.dispose();
  }
});

test('pull as VS Code pulls: the in-flight pull cancelled on each change; the final pull equals a one-shot check', async () => {
  const s = await inProcess(true);
  try {
    await fc.assert(
      fc.asyncProperty(burstArb, async ({ source, edits }) => {
        const { name, text } = sources[source];
        const uri = uriFor(name);
        const { changes, final } = changesOf(text, edits);
        await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: name.endsWith('.json') ? 'json' : 'yaml', version: 1, text } });
        let inFlight: { cancel: CancellationTokenSource; done: Promise<unknown> } | undefined;
        const pull = () => {
          const cancel = new CancellationTokenSource();
          const done = s.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, cancel.token);
          inFlight = { cancel, done };
          return done;
        };
        void pull().catch(() => undefined);
        for (let i = 0; i < changes.length; i++) {
          inFlight?.cancel.cancel();
          await s.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: i + 2 }, contentChanges: [changes[i]] });
          void pull().catch(() => undefined);
        }
        // the last pull: re-pulled while the server answers ServerCancelled (as vscode-languageclient does)
        let report: unknown;
        for (let attempt = 0; ; attempt++) {
          try {
            report = await inFlight!.done;
            break;
          } catch (e) {
            assert.ok(e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled, String(e));
            assert.deepEqual(e.data, { retriggerRequest: true });
            assert.ok(attempt < 5, 'the final version is answered');
            void pull().catch(() => undefined);
          }
        }
        const r = report as { kind: string; items: Diagnostic[] };
        assert.equal(r.kind, DocumentDiagnosticReportKind.Full);
        assert.deepEqual(r.items, oneShot(name, final, changes.length + 1));
        await s.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      }),
      { numRuns: 25 },
    );
  } finally {
    s.dispose();
  }
});

test('a change that arrives while a version is being checked stops that check: it never reaches the last rule', async () => {
  // every rule slow enough to end the check's time slice, so the server reads the change between two rules
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  let onFirstRule: ((text: string) => void) | undefined;
  const slow = (n: number): Rule => ({
    id: `slow-${n}`,
    kinds: ['dragent'],
    severity: 'info',
    title: 'test rule',
    docs: 'takes its time',
    check({ doc }) {
      if (n === 0) onFirstRule?.(doc.text);
      busy(15);
    },
  });
  const reachedEnd: string[] = [];
  // (the server's warm-up lint of '' after `initialized` is not a document version)
  const last: Rule = { id: 'last', kinds: ['dragent'], severity: 'info', title: 'test rule', docs: 'records', check: ({ doc }) => void (doc.text && reachedEnd.push(doc.text)) };
  const syntax = ALL_RULES.find((r) => r.id === 'syntax')!;
  for (const pull of [false, true]) {
    reachedEnd.length = 0;
    const s = await inProcess(pull, [syntax, slow(0), slow(1), slow(2), slow(3), last]);
    try {
      const uri = uriFor('dragent.yaml');
      let sent: Promise<void> | undefined;
      // while version 1 is in its first slow rule, the client (same process) writes version 2
      onFirstRule = (text) => {
        if (text === 'a: 1\n' && !sent) {
          sent = s.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'a: 2\n' }] });
        }
      };
      await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a: 1\n' } });
      if (pull) {
        await assert.rejects(s.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), (e) => e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled);
        const r = (await s.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { kind: string };
        assert.equal(r.kind, DocumentDiagnosticReportKind.Full);
      } else {
        await waitFor(() => s.pushed.find((p) => p.uri === uri && p.version === 2), 'v2');
        assert.deepEqual(
          s.pushed.filter((p) => p.uri === uri).map((p) => p.version),
          [2],
        );
      }
      assert.ok(sent, 'the change was sent during the check of version 1');
      assert.deepEqual(reachedEnd, ['a: 2\n'], `${pull ? 'pull' : 'push'}: only the latest version is checked to the end`);
    } finally {
      onFirstRule = undefined;
      s.dispose();
    }
  }
});

async function waitFor<T>(get: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
