// Issue 11 §10 over real LSP stdio: the quick fix "This cluster's agents are newer than 2016" on https-unsupported
// runs the client's Switch agent profile command with 'latest' — offered only to a client that runs it, only under
// guide-2016; and sysdig-mesos/agentProfileEdit, the minimal edit of .sysdig-mesos.json the command applies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { AGENT_PROFILE_EDIT_REQUEST, SWITCH_AGENT_PROFILE_COMMAND, type AgentProfileEditResult } from '../../server/src/lsp/constants';
import { SWITCH_TO_LATEST_TITLE } from '../../server/src/lsp/profile-action';
import type { LspClient } from './lsp-client';
import { clientPool } from './client-pool';

const { client, tempDir } = clientPool();
const text = 'customerid: abc\nmesos_state_uri: https://10.0.0.1:5050   # ours\n';
const onHttps = { start: { line: 1, character: 19 }, end: { line: 1, character: 19 } };

async function actionsAt(c: LspClient, uri: string): Promise<CodeAction[]> {
  return (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: onHttps, context: { diagnostics: [] } })) as CodeAction[];
}

describe('switch the agent profile from the https finding', () => {
  test('offered only to a client that runs the command, with the profile and the document as arguments', async () => {
    const uri = 'file:///w/dragent.yaml';
    const plain = await client();
    await plain.open(uri, text);
    const none = await actionsAt(plain, uri);
    assert.ok(none.some((a) => a.title.startsWith('Use http://')), 'the https fix is there');
    assert.ok(!none.some((a) => a.command?.command === SWITCH_AGENT_PROFILE_COMMAND), JSON.stringify(none.map((a) => a.title)));

    const c = await client({ initializationOptions: { clientCommands: [SWITCH_AGENT_PROFILE_COMMAND] } });
    await c.open(uri, text);
    const actions = await actionsAt(c, uri);
    const sw = actions.find((a) => a.command?.command === SWITCH_AGENT_PROFILE_COMMAND);
    assert.ok(sw, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(sw.title, SWITCH_TO_LATEST_TITLE);
    assert.equal(sw.kind, 'quickfix');
    assert.deepEqual(sw.command!.arguments, ['latest', uri]);
    assert.equal(sw.diagnostics?.[0]?.code, 'https-unsupported');
    assert.equal(sw.edit, undefined);
    // not on a line without the finding
    const elsewhere = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(!elsewhere.some((a) => a.command?.command === SWITCH_AGENT_PROFILE_COMMAND));
  });

  test('not offered once the profile is latest (settings or .sysdig-mesos.json)', async () => {
    const viaSettings = await client({ configuration: true, pull: true, config: () => ({ agentProfile: 'latest' }), initializationOptions: { clientCommands: [SWITCH_AGENT_PROFILE_COMMAND] } });
    await viaSettings.open('file:///w/dragent.yaml', text);
    // the settings are fetched when the document is checked
    await viaSettings.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///w/dragent.yaml' } });
    assert.ok(!(await actionsAt(viaSettings, 'file:///w/dragent.yaml')).some((a) => a.command?.command === SWITCH_AGENT_PROFILE_COMMAND));

    const dir = tempDir('sysdig-mesos-profile-');
    writeFileSync(join(dir, '.sysdig-mesos.json'), JSON.stringify({ agentProfile: 'latest' }));
    const folder = pathToFileURL(dir).href;
    const viaFile = await client({ workspaceFolders: [{ uri: folder, name: 'ws' }], initializationOptions: { clientCommands: [SWITCH_AGENT_PROFILE_COMMAND] } });
    await viaFile.open(`${folder}/dragent.yaml`, text);
    const actions = await actionsAt(viaFile, `${folder}/dragent.yaml`);
    assert.ok(actions.some((a) => a.title.startsWith('Use http://')));
    assert.ok(!actions.some((a) => a.command?.command === SWITCH_AGENT_PROFILE_COMMAND));
  });

  test('agentProfileEdit: the value replaced in place, comments and layout kept; a broken file refused', async () => {
    const c = await client();
    const file = '{\n  // ours\n  "agentProfile": "guide-2016",\n  "rules": {}\n}\n';
    const r = (await c.connection.sendRequest(AGENT_PROFILE_EDIT_REQUEST, { text: file, profile: 'latest' })) as AgentProfileEditResult;
    assert.deepEqual(r, { edits: [{ range: { start: { line: 2, character: 18 }, end: { line: 2, character: 30 } }, newText: '"latest"' }] });
    const broken = (await c.connection.sendRequest(AGENT_PROFILE_EDIT_REQUEST, { text: '{"agentProfile": ', profile: 'latest' })) as AgentProfileEditResult;
    assert.match((broken as { error: string }).error, /syntax errors/);
    const bad = (await c.connection.sendRequest(AGENT_PROFILE_EDIT_REQUEST, { text: file, profile: 'newest' })) as AgentProfileEditResult;
    assert.ok('error' in bad);
  });
});
