// The editor features over real stdio (dist/server.js): code actions, hover, completion, outline, folding,
// selection ranges, and the workspace file `.sysdig-mesos.json` with disable-next-line comments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  InsertTextFormat,
  SelectionRangeRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type SelectionRange,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, OFF_PREFIX, TURN_OFF_TITLE, TURN_ON_TITLE } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from './lsp-client';
import { clientPool } from './client-pool';

const { client, started, tempDir } = clientPool();
const svc = createLanguageService();

function applyLspEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}
function editsOf(a: CodeAction, uri: string): TextEdit[] {
  return a.edit?.changes?.[uri] ?? [];
}
function posOf(text: string, needle: string, delta = 0) {
  const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  return doc.positionAt(i + delta);
}

describe('capabilities', () => {
  test('the server offers code actions (quickfix, fix-all), hover, completion, symbols, folding, selection ranges', async () => {
    const c = await started();
    const init = await c.initialize();
    const caps = init.capabilities;
    const ca = caps.codeActionProvider;
    assert.ok(ca && typeof ca === 'object');
    assert.deepEqual(ca.codeActionKinds, [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll, 'source.fixAll.sysdig-mesos']);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.selectionRangeProvider, true);
  });
});

describe('code actions', () => {
  test('guide sysdig.json: quick fixes carry their diagnostic and isPreferred; fix-all is one edit leaving no smart-quotes', async () => {
    const c = await client();
    const uri = 'file:///work/guide/sysdig.json';
    const text = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');
    await c.open(uri, text);
    const pushed = await c.waitForDiagnostics(uri, 1);
    const smart = pushed.diagnostics.filter((d) => d.code === 'smart-quotes');
    assert.equal(smart.length, 3);
    const quick = (await c.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: smart[0].range,
      context: { diagnostics: [smart[0]], only: [CodeActionKind.QuickFix] },
    })) as CodeAction[];
    const replace = quick.find((a) => a.title.startsWith('Replace the'))!;
    assert.ok(replace, JSON.stringify(quick.map((a) => a.title)));
    assert.equal(replace.kind, CodeActionKind.QuickFix);
    assert.equal(replace.isPreferred, true);
    assert.deepEqual(replace.diagnostics, [smart[0]], 'the client\'s own diagnostic is attached');
    const one = applyLspEdits(text, editsOf(replace, uri));
    assert.equal(one, text.replace('ACCESS—KEY', 'ACCESS-KEY'));
    const allTypo = quick.find((a) => a.title === 'Fix all typographic characters in file')!;
    assert.equal(applyLspEdits(text, editsOf(allTypo, uri)), text.replace('ACCESS—KEY', 'ACCESS-KEY').replace(/”/g, '"'));
    assert.ok(!quick.some((a) => a.kind === 'source.fixAll.sysdig-mesos'));

    const source = (await c.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] },
    })) as CodeAction[];
    assert.deepEqual(source.map((a) => [a.kind, a.title]), [['source.fixAll.sysdig-mesos', 'Fix all auto-fixable problems']]);
    assert.equal(editsOf(source[0], uri).length, 3, 'the three fixes\' own edits');
    const fixed = applyLspEdits(text, editsOf(source[0], uri));
    assert.equal(fixed, text.replace('ACCESS—KEY', 'ACCESS-KEY').replace(/”/g, '"'));
    // as the cursor moves (automatic trigger) the whole-file action is not computed; invoked, it is
    const at = { start: smart[0].range.start, end: smart[0].range.start };
    const auto = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: at, context: { diagnostics: [], triggerKind: 2 } })) as CodeAction[];
    assert.ok(!auto.some((a) => a.kind === 'source.fixAll.sysdig-mesos'));
    assert.ok(auto.some((a) => a.isPreferred));
    const invoked = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: at, context: { diagnostics: [], triggerKind: 1 } })) as CodeAction[];
    assert.deepEqual(editsOf(invoked.find((a) => a.kind === 'source.fixAll.sysdig-mesos')!, uri), editsOf(source[0], uri));
    const v2 = await c.change(uri, [{ text: fixed }]);
    const after = await c.waitForDiagnostics(uri, v2);
    assert.deepEqual(after.diagnostics.filter((d) => d.code === 'smart-quotes'), []);
  });

  test('dragent.yaml: a disable-next-line action that, applied, suppresses the finding', async () => {
    const c = await client();
    const uri = 'file:///work/actions/dragent.yaml';
    const text = '# agent\ncustomerid: abc\n\nmesos_state_uri: localhost:5050\n';
    await c.open(uri, text);
    const d = (await c.waitForDiagnostics(uri, 1)).diagnostics.find((x) => x.code === 'uri-no-scheme')!;
    assert.ok(d);
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const dis = actions.find((a) => a.title === 'Disable uri-no-scheme for this line')!;
    assert.ok(dis, JSON.stringify(actions.map((a) => a.title)));
    const out = applyLspEdits(text, editsOf(dis, uri));
    assert.equal(out, '# agent\ncustomerid: abc\n\n# sysdig-mesos-disable-next-line uri-no-scheme\nmesos_state_uri: localhost:5050\n');
    const v2 = await c.change(uri, [{ text: out }]);
    assert.deepEqual((await c.waitForDiagnostics(uri, v2)).diagnostics, []);
  });

  test('dragent.yaml (CR LF): "Turn off Mesos metadata reception" on a Mesos key and on mesos_autodetect, as the cursor moves; back on restores the text', async () => {
    const c = await client();
    const uri = 'file:///work/reception/dragent.yaml';
    const text = 'customerid: abc\r\nmesos_state_uri: http://m:5050 # master\r\nmarathon_uris:\r\n  - http://m:8080\r\nmesos_autodetect: true\r\n';
    await c.open(uri, text);
    await c.waitForDiagnostics(uri, 1);
    const ask = async (t: string, needle: string, only?: string[]) =>
      (await c.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: posOf(t, needle, 2), end: posOf(t, needle, 2) },
        context: { diagnostics: [], triggerKind: 2, ...(only ? { only } : {}) },
      })) as CodeAction[];
    const expected = svc.codeActions(svc.parse(text, 'dragent'), [], { start: 20, end: 20 }).find((a) => a.title === TURN_OFF_TITLE)!;
    let turnedOff = '';
    for (const needle of ['mesos_state_uri', 'http://m:8080', 'mesos_autodetect']) {
      const offs = (await ask(text, needle)).filter((a) => a.title === TURN_OFF_TITLE);
      assert.equal(offs.length, 1, needle);
      assert.equal(offs[0].kind, CodeActionKind.RefactorRewrite);
      assert.equal(offs[0].diagnostics, undefined, 'no diagnostic: a rewrite, not a fix');
      turnedOff = applyLspEdits(text, editsOf(offs[0], uri));
      assert.equal(turnedOff, applyEdits(text, expected.edits));
    }
    assert.ok(turnedOff.includes(`\r\n${OFF_PREFIX}marathon_uris:\r\n${OFF_PREFIX}  - http://m:8080\r\n`));
    assert.deepEqual((await ask(text, 'customerid')).filter((a) => a.kind === CodeActionKind.RefactorRewrite), []);
    assert.deepEqual(await ask(text, 'mesos_state_uri', [CodeActionKind.QuickFix]), [], 'not among the quick fixes');
    const v2 = await c.change(uri, [{ text: turnedOff }]);
    await c.waitForDiagnostics(uri, v2);
    const back = (await ask(turnedOff, 'mesos_state_uri')).filter((a) => a.kind === CodeActionKind.RefactorRewrite);
    assert.deepEqual(back.map((a) => a.title), [TURN_ON_TITLE]);
    assert.equal(applyLspEdits(turnedOff, editsOf(back[0], uri)), text);
    const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: posOf(turnedOff, 'mesos_autodetect: false', 3) });
    assert.match((h!.contents as MarkupContent).value, /\*\*master node\*\*/);
  });
});

describe('hover, completion, outline', () => {
  test('hover on a dragent key and on a Marathon field: markdown from the schemas, plus the rule docs under the cursor', async () => {
    const c = await client();
    const yamlUri = 'file:///work/hover/dragent.yaml';
    const yaml = 'customerid: abc\nmesos_state_uri: localhost:5050\n';
    await c.open(yamlUri, yaml);
    const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: yamlUri }, position: posOf(yaml, 'localhost', 2) });
    assert.ok(h);
    const md = h.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /\*\*mesos_state_uri\*\*/);
    assert.match(md.value, /\*\*uri-no-scheme\*\*/);
    const jsonUri = 'file:///work/hover/sysdig.json';
    const json = '{"id": "a", "instances": 1, "cmd": "x"}';
    await c.open(jsonUri, json);
    const j = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: jsonUri }, position: posOf(json, 'instances', 3) });
    assert.match((j!.contents as MarkupContent).value, /How many tasks to run/);
    assert.deepEqual(j!.range, { start: posOf(json, '"instances"'), end: posOf(json, '"instances"', 11) });
    assert.equal(await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///work/hover/other.txt' }, position: { line: 0, character: 0 } }), null);
  });

  test('completion: `mara` offers marathon_uris; the empty sysdig.json gets the agent app snippet', async () => {
    const c = await client({ snippets: true });
    const uri = 'file:///work/complete/dragent.yaml';
    const text = 'customerid: abc\nmara';
    await c.open(uri, text);
    const items = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 4 } })) as CompletionItem[];
    const m = items.find((i) => i.label === 'marathon_uris')!;
    assert.ok(m);
    assert.ok(m.textEdit && 'range' in m.textEdit);
    assert.deepEqual(m.textEdit.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.match((m.documentation as MarkupContent).value, /Marathon base URLs/);
    // the top level of dragent.yaml in the guide's order, carried as sortText (issue 11 §5)
    const emptyUri = 'file:///work/complete/empty/dragent.yaml';
    await c.open(emptyUri, '');
    const top = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: emptyUri }, position: { line: 0, character: 0 } })) as CompletionItem[];
    const order = [...top].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    assert.deepEqual(order.slice(0, 6), ['customerid', 'tags', 'collector', 'collector_port', 'ssl', 'Mesos and Marathon']);
    const appUri = 'file:///work/complete/sysdig.json';
    await c.open(appUri, '');
    const snip = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: appUri }, position: { line: 0, character: 0 } })) as CompletionItem[];
    assert.equal(snip.length, 1);
    assert.equal(snip[0].insertTextFormat, InsertTextFormat.Snippet);
    assert.match((snip[0].textEdit as TextEdit).newText, /ACCESS_KEY=\$\{3\}/);
    // JSON keys, quoted, inside the object at the cursor
    const keysUri = 'file:///work/complete/keys/sysdig.json';
    const keysText = '{\n  "id": "a",\n  "container": { "docker": { "ne" } }\n}';
    await c.open(keysUri, keysText);
    const keyItems = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: keysUri }, position: posOf(keysText, '"ne"', 3) })) as CompletionItem[];
    const network = keyItems.find((i) => i.label === 'network')!;
    assert.ok(network, JSON.stringify(keyItems.map((i) => i.label)));
    assert.equal(applyLspEdits(keysText, [network.textEdit as TextEdit]), '{\n  "id": "a",\n  "container": { "docker": { "network": "$1" } }\n}');
    assert.equal(network.insertTextFormat, InsertTextFormat.Snippet);
    // a client without snippet support gets no snippet
    const plain = await client();
    await plain.open(appUri, '');
    assert.deepEqual(await plain.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: appUri }, position: { line: 0, character: 0 } }), []);
  });

  test('document symbols, folding ranges and selection ranges', async () => {
    const c = await client();
    const uri = 'file:///work/outline/dragent.yaml';
    const text = '# one\n# two\nlog:\n  file_priority: info\nmarathon_uris:\n  - http://m:8080\n';
    await c.open(uri, text);
    const syms = (await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(syms.map((s) => [s.name, s.detail, s.children?.map((x) => x.name)]), [
      ['log', 'mapping (1 key)', ['file_priority']],
      ['marathon_uris', 'list (1 item)', ['[0]']],
    ]);
    assert.deepEqual(syms[0].selectionRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
    const folds = await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds, [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 3 },
      { startLine: 4, endLine: 5 },
    ]);
    const sel = (await c.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [{ line: 3, character: 18 }] })) as SelectionRange[];
    const ranges: string[] = [];
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    for (let r: SelectionRange | undefined = sel[0]; r; r = r.parent) ranges.push(doc.getText(r.range));
    assert.deepEqual(ranges.slice(0, 4), ['info', 'file_priority: info', 'log:\n  file_priority: info', text.slice(text.indexOf('log:')).trimEnd()]);
    assert.equal(ranges[ranges.length - 1], text);
  });
});

describe('workspace file .sysdig-mesos.json', () => {
  test('rules and ignore from the workspace folder apply, and a change is picked up after didChangeWatchedFiles', async () => {
    const dir = tempDir('sysdig-mesos-ws-');
    const cfgPath = join(dir, '.sysdig-mesos.json');
    writeFileSync(cfgPath, JSON.stringify({ rules: { 'uri-no-scheme': 'info' }, ignore: [{ files: 'apps/*.json', pointer: '/id' }] }));
    const folder = pathToFileURL(dir).href;
    const c = await client({ workspaceFolders: [{ uri: folder, name: 'ws' }], watchedFiles: true });
    await c.waitFor(() => c.registrations.includes('workspace/didChangeWatchedFiles'), 'file watcher registration');
    const yamlUri = `${folder}/dragent.yaml`;
    const yaml = 'customerid: abc\nmesos_state_uri: localhost:5050\n# sysdig-mesos-disable-next-line\nmarathon_uris: [localhost:8080]\n';
    await c.open(yamlUri, yaml);
    const d1 = (await c.waitForDiagnostics(yamlUri, 1)).diagnostics;
    assert.deepEqual(d1.map((d: Diagnostic) => [d.code, d.severity, d.range.start.line]), [['uri-no-scheme', 3, 1]], 'info by the file; line 3 suppressed by the comment');
    const appUri = `${folder}/apps/sysdig.json`;
    const app = '{"id": "/a_b", "cmd": "x"}';
    await c.open(appUri, app);
    const d2 = (await c.waitForDiagnostics(appUri, 1)).diagnostics;
    assert.ok(!d2.some((d) => d.code === 'marathon-id'), JSON.stringify(d2.map((d) => d.code)));

    const from = c.diagnostics.length;
    writeFileSync(cfgPath, JSON.stringify({ rules: { 'uri-no-scheme': 'off' } }));
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(cfgPath).href, type: FileChangeType.Changed }] });
    const again = await c.waitFor(() => c.diagnostics.slice(from).find((p) => p.uri === yamlUri), 'diagnostics after the workspace file changed');
    assert.deepEqual(again.diagnostics, []);
    const appAgain = await c.waitFor(() => c.diagnostics.slice(from).find((p) => p.uri === appUri), 'app diagnostics after the change');
    assert.ok(appAgain.diagnostics.some((d) => d.code === 'marathon-id'), 'the ignore entry is gone');
  });

  test('a broken workspace file is logged once and ignored', async () => {
    const dir = tempDir('sysdig-mesos-ws-');
    writeFileSync(join(dir, '.sysdig-mesos.json'), JSON.stringify({ rules: { 'uri-no-scheme': 'loud' }, extra: 1 }));
    const folder = pathToFileURL(dir).href;
    const c = await client({ workspaceFolders: [{ uri: folder, name: 'ws' }] });
    const uri = `${folder}/dragent.yaml`;
    await c.open(uri, 'mesos_state_uri: localhost:5050\n');
    const d = (await c.waitForDiagnostics(uri, 1)).diagnostics;
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['uri-no-scheme', 2]]);
    await c.waitFor(() => c.logs.some((l) => /\.sysdig-mesos\.json: rules\.uri-no-scheme must be one of/.test(l.message)), 'a log line about the bad rule severity');
    assert.ok(c.logs.some((l) => /unknown property "extra"/.test(l.message)));
  });
});
