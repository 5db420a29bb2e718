// Our language ids over real stdio (dist/server.js): a document in marathon-app-json / dragent-yaml is that
// kind whatever its name, and formatting is registered for marathon-app-json alone (never as a static
// capability, which VS Code's client would apply to every JSON document it sends us).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/index';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from './lsp-client';
import { clientPool } from './client-pool';

const { client, started } = clientPool();
const svc = createLanguageService();
const example = (dir: string, name: string) => readFileSync(join(projectRoot(), 'examples', dir, name), 'utf8');
const applyLsp = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);

describe('our language ids', () => {
  test('a document in dragent-yaml or marathon-app-json is that kind whatever its name', async () => {
    const c = await client();
    const yaml = 'file:///w/agent-settings.yaml';
    c.open(yaml, example('guide', 'dragent.yaml'), 'dragent-yaml');
    const d1 = await c.waitForDiagnostics(yaml);
    assert.ok(d1.diagnostics.some((d) => d.code === 'placeholder'), JSON.stringify(d1.diagnostics));
    const json = 'file:///w/app-definition.json';
    c.open(json, example('fixed', 'sysdig.json').replace('"mem": 500.0', '"mem": "500"'), 'marathon-app-json');
    const d2 = await c.waitForDiagnostics(json);
    assert.deepEqual(d2.diagnostics.map((d) => d.code), ['marathon-number-as-string']);
  });

  test('formatting: registered for marathon-app-json only, not static; its edits are the service\'s', async () => {
    const c = await started({ formatting: true });
    const init = await c.initialize();
    assert.equal(init.capabilities.documentFormattingProvider, undefined, 'no static formatting capability');
    assert.equal(init.capabilities.documentRangeFormattingProvider, undefined);
    await c.waitFor(() => c.registered.filter((r) => /formatting$/i.test(r.method)).length === 2, 'the formatting registrations');
    for (const method of [DocumentFormattingRequest.method, DocumentRangeFormattingRequest.method]) {
      const r = c.registered.find((x) => x.method === method);
      assert.deepEqual((r?.registerOptions as { documentSelector: unknown }).documentSelector, [{ language: 'marathon-app-json' }], method);
    }
    const uri = 'file:///w/sysdig.json';
    const text = JSON.stringify(JSON.parse(example('fixed', 'sysdig.json')));
    c.open(uri, text, 'marathon-app-json');
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await c.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
    assert.ok(edits && edits.length > 0);
    const out = applyLsp(text, edits!);
    assert.equal(out, applyEdits(text, svc.format(text, 'marathon-app', options)));
    assert.deepEqual(JSON.parse(out), JSON.parse(text));
    // dragent.yaml: no formatter (an empty answer, were a client to ask)
    const yaml = 'file:///w/dragent.yaml';
    c.open(yaml, 'customerid:   abc\n', 'dragent-yaml');
    assert.deepEqual(await c.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: yaml }, options }), []);
  });

  test('a client without dynamic formatting registration gets no formatting registration', async () => {
    const c = await client();
    c.open('file:///w/sysdig.json', '{"id":"a","cmd":"b"}', 'marathon-app-json');
    await c.waitForDiagnostics('file:///w/sysdig.json');
    assert.deepEqual(c.registered.filter((r) => /formatting$/i.test(r.method)), []);
  });
});
