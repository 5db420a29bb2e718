// ADDITIONAL_CONF over real stdio (dist/server.js): a dragent.yaml finding inside the agent app's JSON string
// arrives on the characters written there, its quick fix keeps the string valid, hover and completion answer there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionKind, CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { projectRoot } from './lsp-client';
import { clientPool } from './client-pool';

const { client } = clientPool();
const SECURE = join(projectRoot(), '..', 'shared', 'corpus', 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json');

function rangeOf(text: string, needle: string) {
  const d = TextDocument.create('file:///x', 'plaintext', 1, text);
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return { start: d.positionAt(i), end: d.positionAt(i + needle.length) };
}

test('a typo in the published app\'s ADDITIONAL_CONF: the diagnostic on its characters, the fix renames only them', async () => {
  const c = await client();
  const uri = 'file:///work/embedded/sysdig.json';
  const text = readFileSync(SECURE, 'utf8').replace('memdump: {enabled: true}', 'memdump: {enabled: true}\\nmesos_state_url: http://10.0.0.1:5050');
  await c.open(uri, text);
  const pushed = await c.waitForDiagnostics(uri, 1);
  const d = pushed.diagnostics.find((x) => x.code === 'unknown-key');
  assert.ok(d, JSON.stringify(pushed.diagnostics.map((x) => x.code)));
  assert.deepEqual(d.range, rangeOf(text, 'mesos_state_url'));
  assert.match(String(d.message), /^In "ADDITIONAL_CONF": "mesos_state_url" is not a setting the agent reads.*did you mean "mesos_state_uri"\?/);
  assert.equal(d.severity, 2);
  const actions = (await c.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only: [CodeActionKind.QuickFix] },
  })) as CodeAction[];
  const rename = actions.find((a) => /mesos_state_uri/.test(a.title));
  assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
  const edited = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), rename.edit!.changes![uri]);
  assert.equal(edited, text.replace('mesos_state_url', 'mesos_state_uri'));

  const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: rangeOf(text, 'memdump').start });
  assert.match((h!.contents as MarkupContent).value, /\*\*memdump\*\*/);
  assert.deepEqual(h!.range, rangeOf(text, 'memdump'));

  const at = rangeOf(text, 'mesos_state_url').start;
  const items = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: at.line, character: at.character + 5 } })) as CompletionItem[];
  const uriItem = items.find((i) => i.label === 'mesos_state_uri');
  assert.ok(uriItem && uriItem.textEdit && 'range' in uriItem.textEdit);
  assert.deepEqual(uriItem.textEdit.range, { start: at, end: rangeOf(text, 'mesos_state_url').end });
});
