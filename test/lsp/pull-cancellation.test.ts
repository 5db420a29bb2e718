// Issue 14 over real stdio: a document pull whose document changes before it is answered, or that the client
// cancels, is answered ServerCancelled with retriggerRequest (vscode-languageclient then pulls again at once);
// the pull after it answers the new version, and workspace/diagnostic agrees with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  ResponseError,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { generateDragentYaml, middleEdit } from '../../bench/generate';
import { projectRoot } from './lsp-client';
import { clientPool } from './client-pool';

const { client, tempDir } = clientPool();
// 10,000 lines: a check takes tens of milliseconds, many time slices, so the change is read before it ends
const big = generateDragentYaml(10_000);
const at = middleEdit(big);
const oneChar = (text: string) => [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text }];

const isServerCancelled = (e: unknown) => {
  assert.ok(e instanceof ResponseError, String(e));
  assert.equal(e.code, LSPErrorCodes.ServerCancelled);
  assert.deepEqual(e.data, { retriggerRequest: true });
  return true;
};

test('a pull superseded by a didChange answers ServerCancelled; the next pull answers the new version', async () => {
  const folder = tempDir('sysdig-mesos-cancel-');
  const c = await client({ pull: true });
  const uri = pathToFileURL(join(folder, 'dragent.yaml')).href;
  await c.open(uri, big.text, 'yaml');
  const first = c.pull(uri);
  await c.change(uri, oneChar('8'));
  await assert.rejects(first, isServerCancelled);
  const second = (await c.pull(uri)) as FullDocumentDiagnosticReport;
  assert.equal(second.kind, DocumentDiagnosticReportKind.Full);
  // the same text opened fresh elsewhere (the first closed, or the two would be each other's cross-file finding):
  // the same findings (a cancelled check left nothing behind)
  await c.close(uri);
  const fresh = pathToFileURL(join(folder, 'again', 'dragent.yaml')).href;
  const lines = big.text.split('\n');
  lines[at.line] = lines[at.line].slice(0, at.character) + '8' + lines[at.line].slice(at.character + 1);
  await c.open(fresh, lines.join('\n'), 'yaml');
  const reference = (await c.pull(fresh)) as FullDocumentDiagnosticReport;
  assert.deepEqual(
    second.items.map((d) => ({ ...d, data: undefined })),
    reference.items.map((d) => ({ ...d, data: undefined })),
  );
  assert.ok(second.items.length > 0, 'the generated file has findings');
});

test('a pull the client cancels answers ServerCancelled; the server goes on answering', async () => {
  const folder = tempDir('sysdig-mesos-cancel-');
  const c = await client({ pull: true });
  const uri = pathToFileURL(join(folder, 'dragent.yaml')).href;
  await c.open(uri, big.text, 'yaml');
  const source = new CancellationTokenSource();
  const pending = c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(pending, isServerCancelled);
  const r = await c.pull(uri);
  assert.equal(r.kind, DocumentDiagnosticReportKind.Full);
});

test('workspace/diagnostic after a burst of cancelled pulls: the open document at its last version, the same resultId as its pull', async () => {
  const folder = tempDir('sysdig-mesos-cancel-ws-');
  const guide = (name: string) => readFileSync(join(projectRoot(), 'examples', 'guide', name), 'utf8');
  mkdirSync(join(folder, 'agent'), { recursive: true });
  mkdirSync(join(folder, 'app'), { recursive: true });
  writeFileSync(join(folder, 'agent', 'dragent.yaml'), big.text);
  writeFileSync(join(folder, 'app', 'sysdig.json'), guide('sysdig.json'));
  const c = await client({ pull: true, refresh: true, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
  const uri = pathToFileURL(join(folder, 'agent', 'dragent.yaml')).href;
  await c.open(uri, big.text, 'yaml');
  // as VS Code types: each change cancels the pull in flight and pulls again
  let inFlight: { source: CancellationTokenSource; done: Promise<unknown> } | undefined;
  const pull = () => {
    const source = new CancellationTokenSource();
    inFlight = { source, done: c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token) };
    inFlight.done.catch(() => undefined);
    return inFlight.done;
  };
  void pull();
  let version = 1;
  for (let i = 0; i < 6; i++) {
    inFlight?.source.cancel();
    version = await c.change(uri, oneChar(i % 2 ? '7' : '8'));
    void pull();
  }
  let last: FullDocumentDiagnosticReport | undefined;
  for (let attempt = 0; !last && attempt < 5; attempt++) {
    try {
      last = (await inFlight!.done) as FullDocumentDiagnosticReport;
    } catch (e) {
      isServerCancelled(e);
      void pull();
    }
  }
  assert.ok(last && last.kind === DocumentDiagnosticReportKind.Full);
  const ws = await c.workspacePull();
  const open = ws.items.find((i) => i.uri === uri);
  assert.ok(open && open.kind === DocumentDiagnosticReportKind.Full, JSON.stringify(open)?.slice(0, 200));
  assert.equal(open.version, version);
  assert.equal(open.resultId, last.resultId);
  assert.deepEqual(open.items, last.items);
  const app = ws.items.find((i) => i.uri.endsWith('/app/sysdig.json'));
  assert.ok(app && app.kind === DocumentDiagnosticReportKind.Full && app.version === null && app.items.length > 0, 'the file on disk is reported too');
});
